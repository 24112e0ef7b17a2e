package jp.kenshin.outreach.synthetic;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jp.kenshin.outreach.infrastructure.WardClock;

/**
 * Writes a synthetic ward to a folder:
 *
 * <pre>
 * java -cp ... jp.kenshin.outreach.synthetic.SyntheticWardCli --members 1000 --seed 1 --fiscal-year 2026 \
 *      --encoding windows-31j --out target/synthetic
 * </pre>
 *
 * giving {@code members.csv}, {@code results-{FY-1}.csv} and {@code results-{FY}.csv}, and prints the
 * number of data rows of each file (header not counted). This year's results come in the standard XML
 * form too: {@code results-{FY}-xml/} holds one archive per institution ({@link SyntheticCdaArchive})
 * with a document for every row of {@code results-{FY}.csv} that has a ticket number. Defaults: 1000
 * members, seed 1, the current fiscal year (April to March), windows-31j; {@code --out} is required. Exit status 0, or 2 for bad
 * arguments, 1 when writing fails.
 */
public final class SyntheticWardCli {

    private static final String USAGE = "usage: SyntheticWardCli [--members N] [--seed S] [--fiscal-year FY]"
            + " [--encoding windows-31j|UTF-8] --out DIR";

    private SyntheticWardCli() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** The CLI without {@code System.exit}: returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        int members = 1000;
        long seed = 1;
        // a command without Spring: no Clock bean, so the system clock in the zone the application is configured with
        // (kenshin.zone as a system property or KENSHIN_ZONE, Asia/Tokyo by default): the default fiscal year is the
        // ward's, whatever the machine's own time zone
        LocalDate today = LocalDate.now(WardClock.outsideSpring());
        int fiscalYear = jp.kenshin.outreach.FiscalYear.of(today);
        Charset encoding = SyntheticWardSpec.WINDOWS_31J;
        Path dir = null;
        SyntheticWardSpec spec;
        try {
            for (int k = 0; k < args.length; k++) {
                String option = args[k];
                if (option.equals("--help") || option.equals("-h")) {
                    out.println(USAGE);
                    return 0;
                }
                if (k + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value after " + option);
                }
                String value = args[++k];
                switch (option) {
                    case "--members" -> members = Integer.parseInt(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--fiscal-year" -> fiscalYear = Integer.parseInt(value);
                    case "--encoding" -> encoding = encoding(value);
                    case "--out" -> dir = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + option);
                }
            }
            if (dir == null) {
                throw new IllegalArgumentException("--out is required");
            }
            spec = new SyntheticWardSpec(seed, members, fiscalYear, encoding);
        } catch (IllegalArgumentException e) { // NumberFormatException included
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }

        SyntheticWardGenerator generator = new SyntheticWardGenerator(spec);
        long started = System.nanoTime();
        try {
            Files.createDirectories(dir);
            out.printf("synthetic ward: %d members, seed %d, fiscal year %d, %s -> %s%n", spec.memberCount(), spec.seed(),
                    spec.fiscalYear(), spec.encoding().name(), dir);
            long rows = write(dir.resolve("members.csv"), generator::writeMembers);
            out.printf("  members.csv: %d rows%n", rows);
            for (int year = fiscalYear - 1; year <= fiscalYear; year++) {
                int resultYear = year;
                String name = "results-" + year + ".csv";
                rows = write(dir.resolve(name), stream -> generator.writeResults(resultYear, stream));
                out.printf("  %s: %d rows%n", name, rows);
            }
            Path xml = dir.resolve("results-" + fiscalYear + "-xml");
            int[] written = writeArchives(dir.resolve("results-" + fiscalYear + ".csv"), encoding, fiscalYear, xml);
            out.printf("  %s: %d archives, %d documents%n", xml.getFileName(), written[0], written[1]);
        } catch (IOException e) {
            err.println("writing failed: " + e);
            return 1;
        }
        out.printf("  written in %d ms%n", (System.nanoTime() - started) / 1_000_000);
        return 0;
    }

    /**
     * The rows of a results CSV that have a ticket number, as standard XML archives: one per institution,
     * written on 15 April after the fiscal year. Returns the number of archives and of documents.
     */
    static int[] writeArchives(Path resultsCsv, Charset encoding, int fiscalYear, Path dir) throws IOException {
        List<String> lines = List.of(new String(Files.readAllBytes(resultsCsv), encoding).split("\r\n"));
        List<String> header = List.of(lines.get(0).split(",", -1));
        List<String> items = SyntheticWardGenerator.RESULT_COLUMNS.subList(7, SyntheticWardGenerator.RESULT_COLUMNS.size());
        Map<String, List<SyntheticCdaArchive.Checkup>> byInstitution = new TreeMap<>();
        int documents = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",", -1);
            String ticket = line.isEmpty() ? "" : fields[header.indexOf("受診券整理番号")].strip();
            if (ticket.isEmpty()) {
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (String item : items) {
                String value = fields[header.indexOf(item)].strip();
                values.put(item, value.isEmpty() ? null : value);
            }
            String institution = fields[header.indexOf("健診機関番号")].strip();
            byInstitution.computeIfAbsent(institution, k -> new ArrayList<>()).add(new SyntheticCdaArchive.Checkup(ticket,
                    date(fields[header.indexOf("生年月日")]), Integer.parseInt(fields[header.indexOf("性別")].strip()),
                    date(fields[header.indexOf("実施年月日")]), institution, values));
            documents++;
        }
        Files.createDirectories(dir);
        LocalDate created = LocalDate.of(fiscalYear + 1, 4, 15);
        for (Map.Entry<String, List<SyntheticCdaArchive.Checkup>> institution : byInstitution.entrySet()) {
            // one archive in memory at a time
            SyntheticCdaArchive archive = new SyntheticCdaArchive(institution.getKey(), SyntheticCdaArchive.INSURER, created, 0);
            institution.getValue().forEach(archive::add);
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(dir.resolve(archive.fileName())), 1 << 16)) {
                archive.write(file);
            }
        }
        return new int[] {byInstitution.size(), documents};
    }

    private static LocalDate date(String yyyymmdd) {
        return LocalDate.parse(yyyymmdd.strip(), java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
    }

    private static Charset encoding(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        if (n.equals("utf-8") || n.equals("utf8")) {
            return StandardCharsets.UTF_8;
        }
        if (n.equals("windows-31j") || n.equals("cp932") || n.equals("ms932")) {
            return SyntheticWardSpec.WINDOWS_31J;
        }
        throw new IllegalArgumentException("encoding must be windows-31j or UTF-8: " + name);
    }

    private interface Body {
        void write(OutputStream out) throws IOException;
    }

    /** Writes one file and returns its data rows (line feeds less the header; no field holds a line break). */
    private static long write(Path file, Body body) throws IOException {
        try (CountingStream counting = new CountingStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            body.write(counting);
            return counting.lineFeeds - 1;
        }
    }

    /** Counts LF bytes; 0x0A is never part of a multi-byte character in CP932 or UTF-8. */
    private static final class CountingStream extends FilterOutputStream {
        long lineFeeds;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            if (b == '\n') {
                lineFeeds++;
            }
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            for (int k = off; k < off + len; k++) {
                if (b[k] == '\n') {
                    lineFeeds++;
                }
            }
            out.write(b, off, len);
        }
    }
}
