package jp.kenshin.outreach.fileimport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;

/**
 * Reads and checks a file's rows on a thread of its own, handing them over in order, in batches,
 * through a small bounded queue: the caller seals and writes one batch while the next is parsed, so
 * an import uses both cores and still holds only a few batches in memory. An exception of the
 * reading thread (a file that does not decode, say) comes out of {@link #next()} in the caller.
 */
public final class ParallelRows<T> implements AutoCloseable {

    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(4);
    private final Thread reader;
    private volatile boolean closed;
    private boolean ended;

    public ParallelRows(Iterable<CsvImportFile.Row> rows, Function<CsvImportFile.Row, T> check, int batchSize) {
        this.reader = new Thread(() -> {
            try {
                List<T> batch = new ArrayList<>(batchSize);
                for (CsvImportFile.Row row : rows) {
                    if (closed) {
                        return;
                    }
                    batch.add(check.apply(row));
                    if (batch.size() == batchSize) {
                        queue.put(batch);
                        batch = new ArrayList<>(batchSize);
                    }
                }
                queue.put(batch);
                queue.put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | Error e) {
                hand(e);
            }
        }, "import-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void hand(Throwable failure) {
        try {
            queue.put(failure);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The next batch in file order, or null after the last. */
    @SuppressWarnings("unchecked")
    public List<T> next() {
        if (ended) {
            return null;
        }
        Object item;
        try {
            item = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the file", e);
        }
        if (item == END) {
            ended = true;
            return null;
        }
        if (item instanceof RuntimeException e) {
            ended = true;
            throw e;
        }
        if (item instanceof Error e) {
            ended = true;
            throw e;
        }
        return (List<T>) item;
    }

    /** Stops the reading thread (when the caller gives up half-way) and waits for it. */
    @Override
    public void close() {
        closed = true;
        queue.clear();
        reader.interrupt();
        try {
            reader.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
