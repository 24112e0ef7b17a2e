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
        Rows rows = Rows.read(file);
        int personNo = rows.column("整理番号");
        int ticket = rows.column("受診券整理番号");
        long t0 = System.nanoTime();
        PersonalCipher.Year keys = cipher.year(fiscalYear);
        long sum = 0;
        for (String line : rows.lines) {
            String[] fields = line.split(",", -1);
            byte[] index = keys.personIndex(fields[personNo]);
            if (!fields[ticket].isEmpty()) {
                sum += keys.blindIndex("ticket", fields[ticket])[0];
            }
            sum += keys.seal(PersonalCipher.memberBinding(fiscalYear, index), line.getBytes(StandardCharsets.UTF_8)).length;
        }
        return rows.timed(file, t0, sum);
    }

    /** Seconds to do a results file's sealing as the import must: index the person, open a member's record, seal the items. */
    static double results(PersonalCipher cipher, int fiscalYear, Path file) throws IOException {
        Rows rows = Rows.read(file);
        int personNo = rows.column("整理番号");
        PersonalCipher.Year keys = cipher.year(fiscalYear);
        byte[] record = new byte[260]; // a member's sealed record is about this long
        Arrays.fill(record, (byte) 'x');
        byte[] someIndex = keys.personIndex("0");
        byte[] sealedMember = keys.seal(PersonalCipher.memberBinding(fiscalYear, someIndex), record);
        long t0 = System.nanoTime();
        long sum = 0;
        int n = 0;
        for (String line : rows.lines) {
            String[] fields = line.split(",", -1);
            sum += keys.personIndex(fields[personNo])[0];
            sum += keys.open(PersonalCipher.memberBinding(fiscalYear, someIndex), sealedMember).length;
            sum += keys.seal(PersonalCipher.resultBinding(fiscalYear, ++n, fiscalYear - 1), line.getBytes(StandardCharsets.UTF_8)).length;
        }
        return rows.timed(file, t0, sum);
    }

    /** A file's rows as lines, without its header, and the header's columns (the synthetic files quote no comma). */
    private record Rows(List<String> header, List<String> lines) {

        static Rows read(Path file) throws IOException {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return new Rows(Arrays.asList(all.get(0).split(",", -1)), all.subList(1, all.size()));
        }

        int column(String name) {
            return header.indexOf(name);
        }

        /** The seconds since {@code t0}, printed; the sum keeps the work from being optimized away. */
        double timed(Path file, long t0, long sum) {
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(java.util.Locale.ROOT, "bare sealing of %s: %.2f s (%,d rows, 1 thread; %d)%n", file.getFileName(),
                    seconds, lines.size(), sum % 10);
            return seconds;
        }
    }
}
