package jp.kenshin.outreach.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a stage's wall time goes, for any stage: samples the stacks of the threads named (and of the stage's own
 * thread) every 5 ms and counts, per sample, the innermost frame of the application's code together with what it
 * was calling (the JDK, the driver, the engine). Waiting counts like running: a thread blocked on the database
 * shows as the application's frame that sent the statement. Used by the benchmarks with {@code -Dbench.profile=true}.
 */
public final class StackSampler {

    private static final String APP = "jp.kenshin.outreach.";
    private static final String BENCH = "jp.kenshin.outreach.bench.";

    private final List<Thread> targets;
    private final List<String> namePrefixes;
    private final Map<String, Integer> byFrame = new HashMap<>();
    private final Map<String, Integer> byMethod = new HashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;
    private int samples;

    private StackSampler(Thread target, List<String> namePrefixes) {
        this.targets = List.of(target);
        this.namePrefixes = namePrefixes;
        this.sampler = new Thread(this::sample, "bench-stack-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Samples the calling thread and every live thread whose name starts with one of the prefixes. */
    public static StackSampler start(String... threadNamePrefixes) {
        return new StackSampler(Thread.currentThread(), List.of(threadNamePrefixes));
    }

    private void sample() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        while (running) {
            List<Long> ids = new ArrayList<>();
            targets.forEach(t -> ids.add(t.getId()));
            if (!namePrefixes.isEmpty()) {
                for (Thread t : Thread.getAllStackTraces().keySet()) {
                    if (namePrefixes.stream().anyMatch(p -> t.getName().startsWith(p)) && !ids.contains(t.getId())) {
                        ids.add(t.getId());
                    }
                }
            }
            for (ThreadInfo info : threads.getThreadInfo(ids.stream().mapToLong(Long::longValue).toArray(), Integer.MAX_VALUE)) {
                if (info == null || info.getStackTrace().length == 0) {
                    continue;
                }
                String thread = info.getThreadName().replaceAll("-?\\d+$", "");
                if (info.getThreadState() == Thread.State.WAITING && isIdle(info.getStackTrace())) {
                    continue; // a pool thread waiting for work
                }
                String[] keys = classify(info.getStackTrace());
                synchronized (byFrame) {
                    byFrame.merge(thread + " | " + keys[0], 1, Integer::sum);
                    byMethod.merge(thread + " | " + keys[1], 1, Integer::sum);
                    samples++;
                }
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static boolean isIdle(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().startsWith("java.util.concurrent.ThreadPoolExecutor") && frame.getMethodName().equals("getTask")) {
                return true;
            }
        }
        return false;
    }

    /** [innermost application frame with line -> its callee's class and method, the enclosing application method]. */
    static String[] classify(StackTraceElement[] stack) {
        for (int i = 0; i < stack.length; i++) {
            StackTraceElement frame = stack[i];
            if (frame.getClassName().startsWith(APP) && !frame.getClassName().startsWith(BENCH)) {
                String callee = i == 0 ? "(itself)" : shortName(stack[i - 1].getClassName()) + "." + stack[i - 1].getMethodName();
                String leaf = shortName(stack[0].getClassName()) + "." + stack[0].getMethodName();
                String at = shortName(frame.getClassName()) + "." + frame.getMethodName();
                return new String[] {at + ":" + frame.getLineNumber() + " -> " + callee + (i > 1 ? " ... " + leaf : ""), at};
            }
        }
        String leaf = stack.length == 0 ? "?" : shortName(stack[0].getClassName()) + "." + stack[0].getMethodName();
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().startsWith(BENCH)) {
                return new String[] {"(bench) " + shortName(frame.getClassName()) + "." + frame.getMethodName() + " ... " + leaf,
                    "(bench)"};
            }
        }
        return new String[] {"(outside the application) " + leaf, "(outside the application)"};
    }

    private static String shortName(String className) {
        return className.startsWith(APP) ? className.substring(APP.length()) : className;
    }

    /** Stops sampling and returns the profile: the enclosing methods, then the frames, each with its share. */
    public String stop(double wallSeconds, int topFrames) {
        running = false;
        sampler.interrupt();
        try {
            sampler.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        StringBuilder out = new StringBuilder();
        synchronized (byFrame) {
            out.append(String.format(Locale.ROOT, "  %d thread samples (every 5 ms) over %.2f s; by method:%n", samples, wallSeconds));
            append(out, byMethod, 15);
            out.append("  by frame:\n");
            append(out, byFrame, topFrames);
        }
        return out.toString();
    }

    private void append(StringBuilder out, Map<String, Integer> counts, int top) {
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(e -> out.append(String.format(Locale.ROOT, "    %5.1f %%  %s%n", e.getValue() * 100.0 / samples, e.getKey())));
    }
}
