package jp.kenshin.outreach.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * The CPU seconds a stage costs, which a shared machine's load does not inflate as it does the wall time: this JVM's
 * (every thread) and the embedded PostgreSQL's (the postmaster and all its processes, those that ended included, read
 * from {@code /proc}). Linux only; elsewhere the server's share reads 0.
 */
public final class CpuMeter {

    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    private final long postmaster;
    private final long jvm0;
    private final double server0;

    private CpuMeter(long postmaster) {
        this.postmaster = postmaster;
        this.jvm0 = jvmNanos();
        this.server0 = serverSeconds(postmaster);
    }

    public static CpuMeter start(DataSource dataSource) {
        return new CpuMeter(postmasterPid(dataSource));
    }

    /** "JVM x s + server y s" since the start. */
    public String stop() {
        double jvm = (jvmNanos() - jvm0) / 1e9;
        double server = serverSeconds(postmaster) - server0;
        return String.format(Locale.ROOT, "CPU %.2f s (JVM %.2f s + server %.2f s)", jvm + server, jvm, server);
    }

    private static long jvmNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long postmasterPid(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            String stat = Files.readString(Path.of("/proc", Integer.toString(rs.getInt(1)), "stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
        } catch (Exception e) {
            return -1;
        }
    }

    /** utime + stime of the postmaster and its children (the server's processes), in seconds. */
    private static double serverSeconds(long postmaster) {
        if (postmaster < 0) {
            return 0;
        }
        long ticks = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) processes::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long pid = Long.parseLong(name);
                    long ppid = Long.parseLong(f[1]);
                    if (pid == postmaster || ppid == postmaster) {
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
                    }
                    if (pid == postmaster) {
                        // cutime, cstime: the backends that ended and were reaped (a pool retiring its connections
                        // would otherwise take their seconds away, and a stage's server time could read negative)
                        ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks / TICKS_PER_SECOND;
    }
}
