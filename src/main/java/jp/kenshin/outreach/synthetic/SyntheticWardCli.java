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

/**
 * Writes a synthetic ward to a folder:
 *
 * <pre>
 * java -cp ... jp.kenshin.outreach.synthetic.SyntheticWardCli --members 1000 --seed 1 --fiscal-year 2026 \
 *      --encoding windows-31j --out target/synthetic
 * </pre>
 *
 * giving {@code members.csv}, {@code results-{FY-1}.csv} and {@code results-{FY}.csv}, and prints the
 * number of data rows of each file (header not counted). Defaults: 1000 members, seed 1, the current
 * fiscal year (April to March), windows-31j; {@code --out} is required. Exit status 0, or 2 for bad
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
        LocalDate today = LocalDate.now();
        int fiscalYear = today.getMonthValue() >= 4 ? today.getYear() : today.getYear() - 1;
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
        } catch (IOException e) {
            err.println("writing failed: " + e);
            return 1;
        }
        out.printf("  written in %d ms%n", (System.nanoTime() - started) / 1_000_000);
        return 0;
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
