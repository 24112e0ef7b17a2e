package jp.kenshin.outreach.bench;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The benchmarks' bare baseline for a deletion: {@code pg_dump} of the whole database to /dev/null, with the
 * application's own credentials. One dump's time spreads widely on this machine (2.2 to 4.1 s for the same
 * 75,000-member database), so a run takes several and the median is the baseline; all of them are printed.
 */
final class PgDump {

    /** Dumps a run takes: the median of three. */
    static final int RUNS = 3;

    private PgDump() {
    }

    /** The median seconds of {@value #RUNS} dumps; each one's time is printed. */
    static double medianSeconds(DataSource dataSource, String pgDump) throws Exception {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            times.add(once(dataSource, pgDump));
        }
        System.out.printf(Locale.ROOT, "pg_dump: %s s (median of %d)%n",
                String.join(", ", times.stream().map(t -> String.format(Locale.ROOT, "%.1f", t)).toList()), RUNS);
        return times.stream().sorted().toList().get(RUNS / 2);
    }

    static double once(DataSource dataSource, String pgDump) throws Exception {
        String url;
        String user;
        try (Connection c = dataSource.getConnection()) {
            url = c.getMetaData().getURL();
            user = c.getMetaData().getUserName();
        }
        String password = dataSource.unwrap(com.zaxxer.hikari.HikariDataSource.class).getPassword();
        java.net.URI uri = java.net.URI.create(url.substring("jdbc:".length()));
        ProcessBuilder builder = new ProcessBuilder(pgDump, "-h", uri.getHost(), "-p", Integer.toString(uri.getPort()), "-U", user,
                "-f", "/dev/null", uri.getPath().substring(1)).inheritIO();
        builder.environment().put("PGPASSWORD", password);
        long d0 = System.nanoTime();
        int exit = builder.start().waitFor();
        double seconds = (System.nanoTime() - d0) / 1e9;
        if (exit != 0) {
            throw new IllegalStateException("pg_dump failed with exit " + exit);
        }
        return seconds;
    }
}
