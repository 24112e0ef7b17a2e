package jp.kenshin.outreach.infrastructure;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows into PostgreSQL with {@code COPY ... FROM STDIN (FORMAT binary)}, the fastest way in,
 * on the caller's (transactional) connection. One instance per COPY.
 */
public final class BinaryCopyWriter implements AutoCloseable {

    /** PostgreSQL's dates count days from 2000-01-01. */
    private static final long PG_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    private static final int BUFFER = 1 << 16;

    private final CopyIn copy;
    /** The rows on their way, written into one array and handed to the driver when full (not byte by byte through streams). */
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
    private long rows;

    public BinaryCopyWriter(Connection connection, String copySql) {
        try {
            this.copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
        } catch (SQLException e) {
            throw new IllegalStateException("COPY could not start", e);
        }
        buffer.put(SIGNATURE).putInt(0).putInt(0);
    }

    public BinaryCopyWriter startRow(int fieldCount) {
        room(2);
        buffer.putShort((short) fieldCount);
        rows++;
        return this;
    }

    public BinaryCopyWriter int4(int value) {
        room(8);
        buffer.putInt(4).putInt(value);
        return this;
    }

    public BinaryCopyWriter int8(long value) {
        room(12);
        buffer.putInt(8).putLong(value);
        return this;
    }

    public BinaryCopyWriter int2(int value) {
        room(6);
        buffer.putInt(2).putShort((short) value);
        return this;
    }

    public BinaryCopyWriter bool(boolean value) {
        room(5);
        buffer.putInt(1).put((byte) (value ? 1 : 0));
        return this;
    }

    public BinaryCopyWriter date(LocalDate value) {
        if (value == null) {
            return nullValue();
        }
        room(8);
        buffer.putInt(4).putInt((int) (value.toEpochDay() - PG_EPOCH_DAY));
        return this;
    }

    public BinaryCopyWriter text(String value) {
        return value == null ? nullValue() : bytes(value.getBytes(StandardCharsets.UTF_8));
    }

    public BinaryCopyWriter bytes(byte[] value) {
        if (value == null) {
            return nullValue();
        }
        room(4);
        buffer.putInt(value.length);
        if (value.length <= buffer.remaining()) {
            buffer.put(value);
        } else {
            send();
            write(value, value.length);
        }
        return this;
    }

    public BinaryCopyWriter nullValue() {
        room(4);
        buffer.putInt(-1);
        return this;
    }

    /** Makes room for a value of {@code bytes} bytes, sending what the buffer holds when it has not. */
    private void room(int bytes) {
        if (buffer.remaining() < bytes) {
            send();
        }
    }

    private void send() {
        write(buffer.array(), buffer.position());
        buffer.clear();
    }

    private void write(byte[] bytes, int length) {
        if (length == 0) {
            return;
        }
        try {
            copy.writeToCopy(bytes, 0, length);
        } catch (SQLException e) {
            throw new IllegalStateException("COPY failed", e);
        }
    }

    public long rows() {
        return rows;
    }

    /** Ends the COPY and returns the number of rows the server took. */
    public long finish() {
        room(2);
        buffer.putShort((short) -1);
        send();
        try {
            return copy.endCopy();
        } catch (SQLException e) {
            throw new IllegalStateException("COPY failed", e);
        }
    }

    /** Cancels a COPY that did not finish (the file failed half-way), so the transaction can roll back. */
    @Override
    public void close() {
        if (copy.isActive()) {
            try {
                copy.cancelCopy();
            } catch (SQLException ignored) {
                // the transaction is rolled back anyway
            }
        }
    }
}
