package jp.kenshin.outreach.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * A poor man's profiler of one members import ({@code --profile}), with two samplers:
 * <ul>
 * <li>the importing thread's stack every 10 ms, each sample put in a bucket by what
 * {@code MembersImportService.load} was calling (reading the CSV, checking a row, sealing, writing
 * the binary COPY, one of the SQL statements, the commit);</li>
 * <li>{@code pg_stat_activity} every 20 ms on a connection of its own: how long each statement of
 * the import ran in the server.</li>
 * </ul>
 * Both show where the time goes without touching the application's code.
 */
final class ImportProfiler {

    private static final String SERVICE = "jp.kenshin.outreach.members.MembersImportService";

    private final Thread target;
    private final DataSource dataSource;
    private final Map<String, Integer> buckets = new TreeMap<>();
    private final Map<String, Statement> statements = new LinkedHashMap<>();
    private final boolean stacks;
    private final Thread stackSampler;
    private final Thread dbSampler;
    private volatile boolean running = true;
    private int samples;
    private String dbError;

    private ImportProfiler(Thread target, DataSource dataSource, boolean stacks) {
        this.target = target;
        this.dataSource = dataSource;
        this.stacks = stacks;
        stackSampler = new Thread(this::sampleStacks, "bench-stack-sampler");
        stackSampler.setDaemon(true);
        dbSampler = new Thread(this::sampleDatabase, "bench-db-sampler");
        dbSampler.setDaemon(true);
        if (stacks) {
            stackSampler.start();
        }
        dbSampler.start();
    }

    /** Samples the import running on {@code target}: its stack and the server's statements. */
    static ImportProfiler start(Thread target, DataSource dataSource) {
        return new ImportProfiler(target, dataSource, true);
    }

    /** Samples only the server's statements (for the selection, whose time is all in SQL). */
    static ImportProfiler statementsOnly(DataSource dataSource) {
        return new ImportProfiler(Thread.currentThread(), dataSource, false);
    }

    private void sampleStacks() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        while (running) {
            ThreadInfo info = threads.getThreadInfo(target.getId(), Integer.MAX_VALUE);
            if (info != null) {
                String bucket = classify(info.getStackTrace());
                synchronized (buckets) {
                    buckets.merge(bucket, 1, Integer::sum);
                    samples++;
                }
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** What the importing thread was doing, by the callee of {@code MembersImportService.load}. */
    static String classify(StackTraceElement[] stack) {
        int load = -1;
        for (int i = 0; i < stack.length; i++) {
            if (stack[i].getClassName().equals(SERVICE) && stack[i].getMethodName().equals("load")) {
                load = i;
                break;
            }
        }
        if (load < 0) {
            for (StackTraceElement frame : stack) {
                if (frame.getClassName().endsWith("AbstractPlatformTransactionManager") && frame.getMethodName().equals("commit")) {
                    return "commit of the import transaction";
                }
                if (frame.getClassName().startsWith("jp.kenshin.outreach.fileimport.ImportRuns")
                        || frame.getClassName().startsWith("jp.kenshin.outreach.fileimport.FileImports")) {
                    return "import record and transaction begin (FileImports, ImportRuns)";
                }
            }
            return "outside load() (transaction start, ...)";
        }
        if (load == 0) {
            return "load() itself";
        }
        StackTraceElement callee = stack[load - 1];
        String type = callee.getClassName();
        String method = callee.getMethodName();
        if (type.startsWith("jp.kenshin.outreach.fileimport.CsvImportFile")) {
            for (int i = 0; i < load; i++) {
                String t = stack[i].getClassName();
                if (t.startsWith("sun.security.provider")) {
                    return "read CSV: SHA-256 of the file";
                }
                if (t.startsWith("sun.nio.cs") || t.startsWith("java.nio.charset")) {
                    return "read CSV: decode bytes to chars";
                }
                if (t.startsWith("sun.nio.ch") || t.startsWith("java.io.FileInputStream") || t.startsWith("java.nio.file")) {
                    return "read CSV: read the file";
                }
            }
            return "read CSV: parse records (commons-csv)";
        }
        if (type.startsWith("jp.kenshin.outreach.members.MemberRowParser")) {
            return "check + normalise row (MemberRowParser)";
        }
        if (type.startsWith("jp.kenshin.outreach.privacy.PersonalCipher")) {
            if (method.equals("blindIndex")) {
                return "blind index of ticket (HMAC-SHA256)";
            }
            for (int i = 0; i < load; i++) {
                if (stack[i].getClassName().equals("jp.kenshin.outreach.privacy.PersonalCipher")
                        && stack[i].getMethodName().equals("serialize")) {
                    return "seal: serialise personal fields";
                }
            }
            return "seal personal fields (AES-GCM)";
        }
        if (type.startsWith("jp.kenshin.outreach.infrastructure.BinaryCopyWriter")) {
            for (int i = 0; i < load; i++) {
                String t = stack[i].getClassName();
                if (t.startsWith("java.net") || t.startsWith("sun.nio.ch") || t.startsWith("org.postgresql.core.PGStream")
                        || t.startsWith("org.postgresql.core.v3.QueryExecutorImpl")) {
                    return method.equals("finish") ? "binary COPY: end of COPY (server finishing)"
                            : "binary COPY: send to server (blocked while the server is busy)";
                }
            }
            return "binary COPY: encode fields";
        }
        if (type.endsWith("JdbcTemplate")) {
            return switch (method) {
                case "execute" -> "SQL: create temporary table";
                case "query" -> "SQL: find duplicates (window over member_stage)";
                case "update" -> "SQL: delete duplicates";
                case "queryForMap" -> "SQL: insert ... on conflict into member";
                default -> "SQL: " + method;
            };
        }
        if (type.startsWith("jp.kenshin.outreach.fileimport.ImportRuns")) {
            return "import_issue sink";
        }
        if (type.equals(SERVICE) && method.equals("binding")) {
            return "other per-row work (binding string, age)";
        }
        if (type.startsWith("jp.kenshin.outreach.members.MemberRow")) {
            return "other per-row work (binding string, age)";
        }
        if (type.startsWith("java.lang.invoke") || type.startsWith("java.lang.String")) {
            return "other per-row work (binding string, age)";
        }
        return "other: " + type.substring(type.lastIndexOf('.') + 1) + "." + method;
    }

    private void sampleDatabase() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("""
                        select pid, query_start, extract(epoch from clock_timestamp() - query_start) as seconds,
                          regexp_replace(left(query, 300), '\\s+', ' ', 'g') as query
                        from pg_stat_activity
                        where datname = current_database() and pid <> pg_backend_pid() and state = 'active'""")) {
            connection.setAutoCommit(true);
            while (running) {
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        Timestamp start = rs.getTimestamp("query_start");
                        String key = rs.getInt("pid") + "@" + start;
                        double seconds = rs.getDouble("seconds");
                        String text = rs.getString("query");
                        statements.compute(key, (k, s) -> s == null ? new Statement(start, text, seconds)
                                : new Statement(start, text, Math.max(seconds, s.seconds())));
                    }
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        } catch (SQLException e) {
            dbError = e.getMessage();
        }
    }

    /** Stops both samplers and returns the profile as text. */
    String stop(double wallSeconds) {
        running = false;
        stackSampler.interrupt();
        dbSampler.interrupt();
        try {
            stackSampler.join(2000);
            dbSampler.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        StringBuilder out = new StringBuilder();
        List<Map.Entry<String, Integer>> sorted;
        int total;
        synchronized (buckets) {
            sorted = new ArrayList<>(buckets.entrySet());
            total = samples;
        }
        sorted.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
        if (stacks) {
            out.append(String.format(Locale.ROOT, "  importing thread, %d stack samples (every 10 ms) over %.1f s:%n", total,
                    wallSeconds));
            for (Map.Entry<String, Integer> bucket : sorted) {
                double share = total == 0 ? 0 : bucket.getValue() * 100.0 / total;
                out.append(String.format(Locale.ROOT, "    %5.1f %%  ~%6.1f s  %s%n", share, share / 100 * wallSeconds,
                        bucket.getKey()));
            }
        }
        out.append("  server statements that ran 0.1 s or more (pg_stat_activity every 20 ms):\n");
        if (dbError != null) {
            out.append("    (sampler failed: ").append(dbError).append(")\n");
        }
        statements.values().stream().filter(s -> s.seconds() >= 0.1).sorted(Comparator.comparing(Statement::start))
                .forEach(s -> out.append(String.format(Locale.ROOT, "    %7.2f s  %s%n", s.seconds(),
                        s.query().length() > 110 ? s.query().substring(0, 110) + "..." : s.query())));
        return out.toString();
    }

    private record Statement(Timestamp start, String query, double seconds) {
    }
}
