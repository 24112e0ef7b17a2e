package jp.kenshin.outreach.bench;

import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where a load test's time goes, by sampling (a benchmark's {@code --profile}): every 50 ms, the statements PostgreSQL is
 * running ({@code pg_stat_activity}, active, first 160 characters), and for the web threads that are running, the
 * first frame of the product or of the engine, and the frame that begins the request's work in the engine's REST
 * resources. Counts are samples; their shares say where the CPU and the waits are.
 */
final class LoadProfile implements AutoCloseable {

    private static final long EVERY_MS = 50;

    private final Map<String, AtomicLong> statements = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> frames = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> entries = new ConcurrentHashMap<>();
    private final AtomicLong samples = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    LoadProfile(JdbcTemplate jdbc) {
        thread = new Thread(() -> {
            while (running) {
                samples.incrementAndGet();
                try {
                    for (String q : jdbc.queryForList("select left(regexp_replace(query, '\\s+', ' ', 'g'), 160) from pg_stat_activity "
                            + "where state = 'active' and pid <> pg_backend_pid() and backend_type = 'client backend'", String.class)) {
                        statements.computeIfAbsent(q, k -> new AtomicLong()).incrementAndGet();
                    }
                } catch (RuntimeException e) {
                    statements.computeIfAbsent("(sampling failed: " + e.getClass().getSimpleName() + ")", k -> new AtomicLong())
                            .incrementAndGet();
                }
                for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
                    if (!e.getKey().getName().startsWith("http-nio") || e.getKey().getState() != Thread.State.RUNNABLE) {
                        continue;
                    }
                    StackTraceElement[] stack = e.getValue();
                    if (stack.length == 0 || waiting(stack[0])) {
                        continue;
                    }
                    frames.computeIfAbsent(first(stack, false), k -> new AtomicLong()).incrementAndGet();
                    entries.computeIfAbsent(first(stack, true), k -> new AtomicLong()).incrementAndGet();
                }
                try {
                    Thread.sleep(EVERY_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "load-profile");
        thread.setDaemon(true);
        thread.start();
    }

    private static boolean waiting(StackTraceElement top) {
        String c = top.getClassName();
        return c.startsWith("sun.nio.ch.") || c.startsWith("java.net.") || c.equals("jdk.internal.misc.Unsafe");
    }

    /** The first frame of the product or the engine (deepest = false), or the outermost engine REST/product frame. */
    private static String first(StackTraceElement[] stack, boolean outermost) {
        if (outermost) {
            for (int i = stack.length - 1; i >= 0; i--) {
                String c = stack[i].getClassName();
                if (c.startsWith("org.camunda.bpm.engine.rest.") || c.startsWith("jp.kenshin.")) {
                    return c.substring(c.lastIndexOf('.') + 1) + "." + stack[i].getMethodName();
                }
            }
            return "(outside the engine's REST and the product)";
        }
        for (StackTraceElement f : stack) {
            String c = f.getClassName();
            if (c.startsWith("jp.kenshin.") || c.startsWith("org.camunda.") || c.startsWith("org.postgresql.")
                    || c.startsWith("org.apache.ibatis.") || c.startsWith("com.fasterxml.")) {
                return c + "." + f.getMethodName() + " ← top " + stack[0].getClassName() + "." + stack[0].getMethodName();
            }
        }
        return stack[0].getClassName() + "." + stack[0].getMethodName();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join();
        System.out.printf(Locale.ROOT, "%nProfile: %,d samples every %d ms%n", samples.get(), EVERY_MS);
        print("PostgreSQL, active statements (samples)", statements, 15);
        print("web threads running, where the request entered (samples)", entries, 15);
        print("web threads running, first product/engine frame (samples)", frames, 25);
    }

    private static void print(String title, Map<String, AtomicLong> counts, int top) {
        System.out.println("  " + title + ":");
        counts.entrySet().stream().sorted(Comparator.comparingLong((Map.Entry<String, AtomicLong> e) -> e.getValue().get()).reversed())
                .limit(top).forEach(e -> System.out.printf(Locale.ROOT, "    %7d  %s%n", e.getValue().get(), e.getKey()));
    }
}
