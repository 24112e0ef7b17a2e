package jp.kenshin.outreach.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import jp.kenshin.outreach.KenshinOutreachApplication;
import jp.kenshin.outreach.fileimport.ImportReport;
import jp.kenshin.outreach.fileimport.ImportStatus;
import jp.kenshin.outreach.members.MembersImportService;
import jp.kenshin.outreach.selection.SelectionCounts;
import jp.kenshin.outreach.selection.SelectionRequest;
import jp.kenshin.outreach.selection.TargetSelectionService;
import jp.kenshin.outreach.synthetic.SyntheticWardGenerator;
import jp.kenshin.outreach.synthetic.SyntheticWardSpec;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The members import benchmark of the README: for each member count, a synthetic members file
 * (UTF-8, written to a temporary file) is loaded twice into a fresh embedded PostgreSQL,
 * <ol>
 * <li>by PostgreSQL's own {@code COPY ... (FORMAT csv)} into a bare table of one text column per CSV
 * column (no index, no constraint): the baseline, and</li>
 * <li>by {@link MembersImportService#importMembers} (checks, normalisation, sealing of personal
 * fields, binary COPY into a stage table, duplicate check, insert-or-update into {@code member}),</li>
 * </ol>
 * then the year's targets are selected. It prints seconds, rows per second, the import/COPY ratio
 * against the goal (at most 3×) and the heap used during the import, which must not grow with the
 * file. The numbers are the result: the exit status is 0 whether the goal is met or not (1 when the
 * benchmark itself could not run, 2 for bad arguments).
 *
 * <pre>
 * usage: ImportBenchmark [N ...] [--seed S] [--fiscal-year FY] [--warm-up N] [--profile] [--keep-db]
 *   N              member counts, default 100000 1000000
 *   --seed         seed of the synthetic ward, default 20260401
 *   --fiscal-year  the first fiscal year used (by the warm-up, then one year per count), default 2023
 *   --warm-up      members of an untimed first round that warms up the JIT, default 20000 (0: none)
 *   --profile      also sample where the time goes (importing thread's stack, server statements)
 *   --keep-db      keep the embedded database under target/test-postgres (deleted by default)
 * </pre>
 *
 * Run it with a fixed heap ({@code -Xmx1g}) so that the heap figures mean something.
 */
public final class ImportBenchmark {

    static final double GOAL_RATIO = 3.0;

    private ImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        int status;
        try {
            status = run(options);
        } catch (Throwable e) {
            e.printStackTrace();
            status = 1;
        }
        // The engine and the embedded database may leave non-daemon threads behind.
        System.exit(status);
    }

    static int run(Options options) throws Exception {
        Runtime runtime = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "Members import benchmark: counts %s, seed %d, JVM max heap %s MB, %d CPUs, Java %s%n",
                options.counts(), options.seed(), HeapMeter.mb(runtime.maxMemory()), runtime.availableProcessors(),
                System.getProperty("java.version"));
        Path dataDirectory = Path.of("target", "test-postgres", "import-benchmark-" + UUID.randomUUID()).toAbsolutePath();
        System.out.println("Starting the application (profile test, embedded PostgreSQL in " + dataDirectory + ") ...");
        long started = System.nanoTime();
        List<Result> results = new ArrayList<>();
        ConfigurableApplicationContext context = null;
        try {
            context = new SpringApplicationBuilder(KenshinOutreachApplication.class)
                    .web(WebApplicationType.NONE)
                    .profiles("test")
                    .logStartupInfo(false)
                    .run("--kenshin.database.data-directory=" + dataDirectory,
                            // Without a web server, the engine's REST API and webapps have nothing to attach to.
                            "--spring.autoconfigure.exclude="
                                    + "org.camunda.bpm.spring.boot.starter.rest.CamundaBpmRestJerseyAutoConfiguration,"
                                    + "org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration");
            System.out.printf(Locale.ROOT, "Application started in %.1f s%n", seconds(System.nanoTime() - started));
            DataSource dataSource = context.getBean(DataSource.class);
            MembersImportService imports = context.getBean(MembersImportService.class);
            TargetSelectionService selection = context.getBean(TargetSelectionService.class);
            System.out.println(serverInfo(dataSource));
            int fiscalYear = options.fiscalYear();
            if (options.warmUp() > 0) {
                System.out.printf(Locale.ROOT, "%nWarm-up (not in the table): the same steps on %,d members%n", options.warmUp());
                runOne(options.warmUp(), fiscalYear++, options, dataSource, imports, selection);
            }
            for (int count : options.counts()) {
                results.add(runOne(count, fiscalYear++, options, dataSource, imports, selection));
            }
        } finally {
            if (context != null) {
                context.close();
            }
            if (!options.keepDatabase()) {
                deleteRecursively(dataDirectory);
                Files.deleteIfExists(dataDirectory.resolveSibling(dataDirectory.getFileName() + ".port"));
            }
        }
        printTable(results, runtime.maxMemory());
        return 0;
    }

    private static Result runOne(int count, int fiscalYear, Options options, DataSource dataSource,
            MembersImportService imports, TargetSelectionService selection) throws Exception {
        System.out.printf(Locale.ROOT, "%n--- %,d members, fiscal year %d ---%n", count, fiscalYear);
        Path file = Files.createTempFile("kenshin-bench-members-" + count + "-", ".csv");
        try {
            long t0 = System.nanoTime();
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                new SyntheticWardGenerator(new SyntheticWardSpec(options.seed(), count, fiscalYear, StandardCharsets.UTF_8))
                        .writeMembers(out);
            }
            long fileBytes = Files.size(file);
            System.out.printf(Locale.ROOT, "members file: %s, %.1f MB, written in %.1f s%n", file,
                    fileBytes / 1e6, seconds(System.nanoTime() - t0));

            // 1. Baseline: PostgreSQL's own COPY of the same file into a bare table.
            checkpoint(dataSource);
            HeapMeter copyHeap = HeapMeter.start();
            Copied copied = copyBare(dataSource, file);
            HeapMeter.Result copyHeapResult = copyHeap.stop();
            System.out.printf(Locale.ROOT, "COPY into bare table: %,d rows in %.2f s (%,.0f rows/s, %.1f MB/s)%n",
                    copied.rows(), seconds(copied.nanos()), copied.rows() / seconds(copied.nanos()),
                    fileBytes / 1e6 / seconds(copied.nanos()));

            // 2. The application's import.
            checkpoint(dataSource);
            HeapMeter importHeap = HeapMeter.start();
            ImportProfiler profiler = options.profile() ? ImportProfiler.start(Thread.currentThread(), dataSource) : null;
            long t1 = System.nanoTime();
            ImportReport report;
            try (InputStream in = Files.newInputStream(file)) {
                report = imports.importMembers(fiscalYear, in, file.getFileName().toString(), "UTF-8", true);
            }
            long importNanos = System.nanoTime() - t1;
            String profile = profiler == null ? null : profiler.stop(seconds(importNanos));
            HeapMeter.Result importHeapResult = importHeap.stop();
            System.out.printf(Locale.ROOT, "import: %s, %,d read, %,d accepted, %,d rejected, %,d inserted, %,d updated in %.2f s"
                    + " (%,.0f rows/s)%n", report.status(), report.rowsRead(), report.rowsAccepted(), report.rowsRejected(),
                    report.inserted(), report.updated(), seconds(importNanos), report.rowsRead() / seconds(importNanos));
            if (report.status() != ImportStatus.COMMITTED) {
                System.out.println("WARNING: the import was not committed: " + report.refusalReason());
            } else if (report.rowsAccepted() + report.rowsRejected() != count) {
                System.out.printf("WARNING: %,d accepted + %,d rejected is not the %,d rows of the file%n",
                        report.rowsAccepted(), report.rowsRejected(), count);
            }
            System.out.println("heap during COPY:   " + copyHeapResult.describe());
            System.out.println("heap during import: " + importHeapResult.describe());
            if (profile != null) {
                System.out.println("where the import's time goes:");
                System.out.print(profile);
            }

            // 3. Selection of the year's targets.
            Double selectSeconds = null;
            HeapMeter.Result selectHeapResult = null;
            if (report.status() == ImportStatus.COMMITTED) {
                HeapMeter selectHeap = HeapMeter.start();
                ImportProfiler selectProfiler = options.profile() ? ImportProfiler.statementsOnly(dataSource) : null;
                long t2 = System.nanoTime();
                SelectionCounts counts = selection.select(
                        new SelectionRequest(fiscalYear, LocalDate.of(fiscalYear, 4, 1), 0.1, 42L, null, null, null));
                selectSeconds = seconds(System.nanoTime() - t2);
                String selectProfile = selectProfiler == null ? null : selectProfiler.stop(selectSeconds);
                selectHeapResult = selectHeap.stop();
                System.out.printf(Locale.ROOT, "selection: run %d, %,d members, %,d targets (%,d notice+call, %,d notice only,"
                        + " %,d held out), %,d excluded in %.2f s%n", counts.runId(), counts.members(), counts.targets(),
                        counts.noticeAndCall(), counts.noticeOnly(), counts.heldOut(), counts.excluded(), selectSeconds);
                System.out.println("heap during selection: " + selectHeapResult.describe());
                if (selectProfile != null) {
                    System.out.println("where the selection's time goes:");
                    System.out.print(selectProfile);
                }
            }
            return new Result(count, fileBytes, copied.rows(), seconds(copied.nanos()), report.status(),
                    report.rowsAccepted(), seconds(importNanos), selectSeconds, importHeapResult, selectHeapResult);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** COPY of the file into a new table "bare" of one text column per CSV column; the table is dropped after. */
    /** The seconds PostgreSQL's own COPY takes to load the file into a bare table of text columns (dropped after). */
    static double copyBareSeconds(DataSource dataSource, Path file) throws IOException, SQLException {
        return copyBare(dataSource, file).nanos() / 1e9;
    }

    private static Copied copyBare(DataSource dataSource, Path file) throws IOException, SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("drop table if exists bare");
                statement.execute("create table bare (" + textColumns(file) + ")");
            }
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            long t0 = System.nanoTime();
            long rows = copyCsv(copy, "bare", file);
            long nanos = System.nanoTime() - t0;
            try (Statement statement = connection.createStatement()) {
                statement.execute("drop table bare");
            }
            return new Copied(rows, nanos);
        }
    }

    /** A table definition with one text column for each column of the file's header. */
    static String textColumns(Path file) throws IOException {
        return headerColumns(file).stream().map(c -> "\"" + c.replace("\"", "\"\"") + "\" text").collect(Collectors.joining(", "));
    }

    /** Loads a CSV file (UTF-8, with its header) into a table with PostgreSQL's own {@code COPY}: the rows copied. */
    static long copyCsv(CopyManager copy, String table, Path file) throws IOException, SQLException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return copy.copyIn("COPY " + table + " FROM STDIN (FORMAT csv, HEADER true, ENCODING 'UTF8')", in, 1 << 16);
        }
    }

    static List<String> headerColumns(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (header == null || header.contains("\"")) {
                throw new IllegalStateException("unexpected header in " + file);
            }
            return List.of(header.split(",", -1));
        }
    }

    /** A checkpoint before each timed phase, so that neither pays for the previous one's dirty pages. */
    private static void checkpoint(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("checkpoint");
        }
    }

    private static String serverInfo(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                var rs = statement.executeQuery("select version(), current_setting('shared_buffers'),"
                        + " current_setting('fsync'), current_setting('synchronous_commit'), current_setting('wal_level')")) {
            rs.next();
            return "PostgreSQL: " + rs.getString(1).replaceAll(",.*", "") + "; shared_buffers " + rs.getString(2)
                    + ", fsync " + rs.getString(3) + ", synchronous_commit " + rs.getString(4) + ", wal_level " + rs.getString(5);
        }
    }

    private static void printTable(List<Result> results, long maxHeap) {
        String header = String.format(Locale.ROOT, "%10s | %7s | %7s | %11s | %8s | %13s | %11s | %-11s | %8s | %12s | %12s | %11s",
                "N", "file MB", "COPY s", "COPY rows/s", "import s", "import rows/s", "import/COPY", "goal <= " + GOAL_RATIO,
                "select s", "heap peak MB", "sampled MB", "live max MB");
        String rule = "-".repeat(header.length());
        System.out.println();
        System.out.println("=== Members import vs PostgreSQL COPY (goal: import <= " + GOAL_RATIO + " x COPY; heap flat) ===");
        System.out.printf(Locale.ROOT, "JVM max heap: %s MB%n", HeapMeter.mb(maxHeap));
        System.out.println(rule);
        System.out.println(header);
        System.out.println(rule);
        for (Result r : results) {
            double ratio = r.importSeconds() / r.copySeconds();
            HeapMeter.Result heap = r.importHeap();
            System.out.printf(Locale.ROOT, "%,10d | %7.1f | %7.2f | %,11.0f | %8.2f | %,13.0f | %11.2f | %-11s | %8s | %12s | %12s | %11s%n",
                    r.count(), r.fileBytes() / 1e6, r.copySeconds(), r.copyRows() / r.copySeconds(),
                    r.importSeconds(), r.accepted() / r.importSeconds(), ratio,
                    r.status() != ImportStatus.COMMITTED ? "NOT COMMITTED" : ratio <= GOAL_RATIO ? "GOAL MET" : "GOAL MISSED",
                    r.selectSeconds() == null ? "-" : String.format(Locale.ROOT, "%.2f", r.selectSeconds()),
                    HeapMeter.mb(heap.poolPeakSum()), HeapMeter.mb(heap.sampledMax()),
                    heap.afterGcMax() < 0 ? "n/a" : HeapMeter.mb(heap.afterGcMax()));
        }
        System.out.println(rule);
        System.out.println("COPY = PostgreSQL COPY (FORMAT csv) of the same file into a bare table, text columns, no index.");
        System.out.println("import = MembersImportService.importMembers (checks, sealing, binary COPY, dedupe, insert into member).");
        System.out.println("heap peak = sum of the heap pools' peak use during the import (after a GC); sampled = largest used heap");
        System.out.println("seen every 10 ms. Both count garbage not yet collected, so they follow the young generation G1 chose,");
        System.out.println("not the file. live max = largest heap left after a GC during the import: what the import holds on to.");
        if (results.size() >= 2) {
            Result small = results.stream().min(Comparator.comparingInt(Result::count)).orElseThrow();
            Result large = results.stream().max(Comparator.comparingInt(Result::count)).orElseThrow();
            if (large.count() > small.count()) {
                System.out.printf(Locale.ROOT, "Heap, %,d vs %,d rows (%.0fx the file): peak %s -> %s MB (x%.2f), sampled max %s -> %s MB"
                        + " (x%.2f), live after GC %s -> %s MB%n", small.count(), large.count(),
                        (double) large.count() / small.count(),
                        HeapMeter.mb(small.importHeap().poolPeakSum()), HeapMeter.mb(large.importHeap().poolPeakSum()),
                        (double) large.importHeap().poolPeakSum() / small.importHeap().poolPeakSum(),
                        HeapMeter.mb(small.importHeap().sampledMax()), HeapMeter.mb(large.importHeap().sampledMax()),
                        (double) large.importHeap().sampledMax() / small.importHeap().sampledMax(),
                        small.importHeap().afterGcMax() < 0 ? "n/a" : HeapMeter.mb(small.importHeap().afterGcMax()),
                        large.importHeap().afterGcMax() < 0 ? "n/a" : HeapMeter.mb(large.importHeap().afterGcMax()));
            }
        }
        boolean allMet = results.stream().allMatch(r -> r.status() == ImportStatus.COMMITTED
                && r.importSeconds() / r.copySeconds() <= GOAL_RATIO);
        System.out.println(allMet ? "GOAL MET: every import took at most " + GOAL_RATIO + " x its COPY"
                : "GOAL MISSED: an import took more than " + GOAL_RATIO + " x its COPY (or was not committed)");
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private record Copied(long rows, long nanos) {
    }

    private record Result(int count, long fileBytes, long copyRows, double copySeconds, ImportStatus status, int accepted,
            double importSeconds, Double selectSeconds, HeapMeter.Result importHeap, HeapMeter.Result selectHeap) {
    }

    /** The command line. */
    record Options(List<Integer> counts, long seed, int fiscalYear, int warmUp, boolean profile, boolean keepDatabase) {

        static final String USAGE = "usage: ImportBenchmark [N ...] [--seed S] [--fiscal-year FY] [--warm-up N] [--profile]"
                + " [--keep-db]";

        static Options parse(String[] args) {
            List<Integer> counts = new ArrayList<>();
            long seed = 20260401L;
            int fiscalYear = 2023;
            int warmUp = 20_000;
            boolean profile = false;
            boolean keep = false;
            for (int k = 0; k < args.length; k++) {
                String arg = args[k];
                switch (arg) {
                    case "--seed" -> seed = Long.parseLong(value(args, ++k, arg));
                    case "--fiscal-year" -> fiscalYear = Integer.parseInt(value(args, ++k, arg));
                    case "--warm-up" -> warmUp = Integer.parseInt(value(args, ++k, arg));
                    case "--profile" -> profile = true;
                    case "--keep-db" -> keep = true;
                    case "--help", "-h" -> throw new IllegalArgumentException("Members import benchmark");
                    default -> {
                        if (arg.startsWith("-")) {
                            throw new IllegalArgumentException("unknown option " + arg);
                        }
                        int n = Integer.parseInt(arg.replace("_", "").replace(",", ""));
                        if (n < 1 || n > SyntheticWardSpec.MAX_MEMBERS) {
                            throw new IllegalArgumentException("a member count must be 1.." + SyntheticWardSpec.MAX_MEMBERS);
                        }
                        counts.add(n);
                    }
                }
            }
            if (counts.isEmpty()) {
                counts = List.of(100_000, 1_000_000);
            }
            if (warmUp < 0 || warmUp > SyntheticWardSpec.MAX_MEMBERS) {
                throw new IllegalArgumentException("--warm-up must be 0.." + SyntheticWardSpec.MAX_MEMBERS);
            }
            if (fiscalYear < 2008 || fiscalYear + counts.size() > 2200) {
                throw new IllegalArgumentException("the fiscal years must be within 2008..2200");
            }
            return new Options(List.copyOf(counts), seed, fiscalYear, warmUp, profile, keep);
        }

        private static String value(String[] args, int k, String option) {
            if (k >= args.length) {
                throw new IllegalArgumentException("missing value after " + option);
            }
            return args[k];
        }
    }
}
