package jp.kenshin.outreach.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import jp.kenshin.outreach.privacy.PersonalCipher;

/**
 * The sealing that the privacy rules ask of an import, alone on one thread, without parsing, checking or storing:
 * what an import must do beside a COPY that does none of it. Members: the keyed indexes of 整理番号 and of the ticket
 * number and an AES-GCM seal of a record the size of the row, per row. Last year's results: the keyed index of
 * 整理番号, the opening of a member's sealed record (its birth date is checked) and the seal of the row's items.
 */
final class BareSealing {

    private BareSealing() {
    }

    /** Seconds to seal the rows of a members file as the import must. */
    static double members(PersonalCipher cipher, int fiscalYear, Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        int personNo = header.indexOf("整理番号");
        int ticket = header.indexOf("受診券整理番号");
        long t0 = System.nanoTime();
        PersonalCipher.Year keys = cipher.year(fiscalYear);
        long sum = 0;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            String[] fields = line.split(",", -1);
            byte[] index = keys.personIndex(fields[personNo]);
            if (!fields[ticket].isEmpty()) {
                sum += keys.blindIndex("ticket", fields[ticket])[0];
            }
            sum += keys.seal(PersonalCipher.memberBinding(fiscalYear, index), line.getBytes(StandardCharsets.UTF_8)).length;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(java.util.Locale.ROOT, "bare sealing of %s: %.2f s (%,d rows, 1 thread; %d)%n", file.getFileName(), seconds,
                lines.size() - 1, sum % 10);
        return seconds;
    }

    /** Seconds to do a results file's sealing as the import must: index the person, open a member's record, seal the items. */
    static double results(PersonalCipher cipher, int fiscalYear, Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        int personNo = header.indexOf("整理番号");
        PersonalCipher.Year keys = cipher.year(fiscalYear);
        byte[] record = new byte[260]; // a member's sealed record is about this long
        Arrays.fill(record, (byte) 'x');
        byte[] someIndex = keys.personIndex("0");
        byte[] sealedMember = keys.seal(PersonalCipher.memberBinding(fiscalYear, someIndex), record);
        long t0 = System.nanoTime();
        long sum = 0;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            String[] fields = line.split(",", -1);
            sum += keys.personIndex(fields[personNo])[0];
            sum += keys.open(PersonalCipher.memberBinding(fiscalYear, someIndex), sealedMember).length;
            sum += keys.seal(PersonalCipher.resultBinding(fiscalYear, i, fiscalYear - 1), line.getBytes(StandardCharsets.UTF_8)).length;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(java.util.Locale.ROOT, "bare sealing of %s: %.2f s (%,d rows, 1 thread; %d)%n", file.getFileName(), seconds,
                lines.size() - 1, sum % 10);
        return seconds;
    }
}
