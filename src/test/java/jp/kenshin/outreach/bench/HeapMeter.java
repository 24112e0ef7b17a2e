package jp.kenshin.outreach.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Measures the heap during one phase of the benchmark, three ways:
 * <ul>
 * <li>the sum of the peak usage of every heap memory pool (peaks reset at the start; the pools may
 * peak at different moments, so this is an upper bound of the heap's real peak);</li>
 * <li>the largest {@code Runtime} used memory seen by a sampler thread every 10 ms;</li>
 * <li>the largest heap left after any garbage collection in the phase: the live data the phase
 * keeps, which is what grows when something holds on to the file's rows.</li>
 * </ul>
 * A {@code System.gc()} runs first, so each phase starts from the same state.
 */
final class HeapMeter {

    private static final long SAMPLE_MILLIS = 10;

    private final List<MemoryPoolMXBean> pools;
    private final AtomicLong sampledMax = new AtomicLong();
    private final AtomicLong afterGcMax = new AtomicLong(-1);
    private final AtomicLong collections = new AtomicLong();
    private final List<Runnable> unregister = new ArrayList<>();
    private final long baseline;
    private final Thread sampler;
    private volatile boolean running = true;

    private HeapMeter() {
        pools = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
        System.gc();
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        baseline = runtime.totalMemory() - runtime.freeMemory();
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        listenToCollections();
        sampledMax.set(baseline);
        sampler = new Thread(() -> {
            while (running) {
                long used = runtime.totalMemory() - runtime.freeMemory();
                sampledMax.accumulateAndGet(used, Math::max);
                try {
                    Thread.sleep(SAMPLE_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Collects garbage, resets the peaks and starts sampling. */
    static HeapMeter start() {
        return new HeapMeter();
    }

    private void listenToCollections() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!(gc instanceof NotificationEmitter emitter)) {
                continue;
            }
            NotificationListener listener = (Notification n, Object handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                    return;
                }
                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                long after = 0;
                for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    if (isHeapPool(pool.getKey())) {
                        after += pool.getValue().getUsed();
                    }
                }
                collections.incrementAndGet();
                afterGcMax.accumulateAndGet(after, Math::max);
            };
            emitter.addNotificationListener(listener, null, null);
            unregister.add(() -> {
                try {
                    emitter.removeNotificationListener(listener);
                } catch (Exception ignored) {
                    // already gone
                }
            });
        }
    }

    private boolean isHeapPool(String name) {
        for (MemoryPoolMXBean pool : pools) {
            if (pool.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** Stops sampling and returns the peaks of the phase. */
    Result stop() {
        running = false;
        sampler.interrupt();
        try {
            sampler.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runtime runtime = Runtime.getRuntime();
        sampledMax.accumulateAndGet(runtime.totalMemory() - runtime.freeMemory(), Math::max);
        long poolPeakSum = 0;
        Map<String, Long> perPool = new LinkedHashMap<>();
        for (MemoryPoolMXBean pool : pools) {
            long peak = pool.getPeakUsage().getUsed();
            poolPeakSum += peak;
            perPool.put(pool.getName(), peak);
        }
        // Give the notifications of the last collections a moment to arrive, then stop listening.
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        unregister.forEach(Runnable::run);
        return new Result(baseline, poolPeakSum, sampledMax.get(), afterGcMax.get(), collections.get(), perPool);
    }

    /**
     * @param baseline       heap used after the {@code System.gc()} before the phase
     * @param poolPeakSum    sum of the heap pools' peak usage during the phase
     * @param sampledMax     largest used heap seen every 10 ms
     * @param afterGcMax     largest heap left after a collection during the phase; -1 when none ran
     * @param collections    collections during the phase
     */
    record Result(long baseline, long poolPeakSum, long sampledMax, long afterGcMax, long collections,
            Map<String, Long> perPool) {

        String describe() {
            StringBuilder out = new StringBuilder();
            out.append("before ").append(mb(baseline)).append(" MB, peak (sum of pool peaks) ").append(mb(poolPeakSum))
                    .append(" MB, peak (sampled) ").append(mb(sampledMax)).append(" MB, max live after GC ")
                    .append(afterGcMax < 0 ? "n/a" : mb(afterGcMax) + " MB").append(" (").append(collections)
                    .append(" GCs); pool peaks:");
            perPool.forEach((name, peak) -> out.append(' ').append(name.replace(' ', '_')).append('=').append(mb(peak)));
            return out.toString();
        }
    }

    static String mb(long bytes) {
        return String.format("%.0f", bytes / (1024.0 * 1024.0));
    }
}
