package jp.kenshin.outreach.infrastructure;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Streams rows into PostgreSQL with {@code COPY ... FROM STDIN (FORMAT binary)}, the fastest way in,
 * on the caller's (transactional) connection. One instance per COPY.
 */
public final class BinaryCopyWriter implements AutoCloseable {

    private static final LocalDate PG_EPOCH = LocalDate.of(2000, 1, 1);
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};

    private final PGCopyOutputStream copy;
    private final DataOutputStream out;
    private long rows;

    public BinaryCopyWriter(Connection connection, String copySql) {
        try {
            this.copy = new PGCopyOutputStream(connection.unwrap(PGConnection.class), copySql, 1 << 16);
            this.out = new DataOutputStream(new BufferedOutputStream(copy, 1 << 16));
            out.write(SIGNATURE);
            out.writeInt(0);
            out.writeInt(0);
        } catch (SQLException e) {
            throw new IllegalStateException("COPY could not start", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public BinaryCopyWriter startRow(int fieldCount) {
        try {
            out.writeShort(fieldCount);
            rows++;
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public BinaryCopyWriter int4(int value) {
        try {
            out.writeInt(4);
            out.writeInt(value);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public BinaryCopyWriter int8(long value) {
        try {
            out.writeInt(8);
            out.writeLong(value);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public BinaryCopyWriter int2(int value) {
        try {
            out.writeInt(2);
            out.writeShort(value);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public BinaryCopyWriter bool(boolean value) {
        try {
            out.writeInt(1);
            out.writeByte(value ? 1 : 0);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public BinaryCopyWriter date(LocalDate value) {
        if (value == null) {
            return nullValue();
        }
        try {
            out.writeInt(4);
            out.writeInt((int) ChronoUnit.DAYS.between(PG_EPOCH, value));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public BinaryCopyWriter text(String value) {
        return value == null ? nullValue() : bytes(value.getBytes(StandardCharsets.UTF_8));
    }

    public BinaryCopyWriter bytes(byte[] value) {
        if (value == null) {
            return nullValue();
        }
        try {
            out.writeInt(value.length);
            out.write(value);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public BinaryCopyWriter nullValue() {
        try {
            out.writeInt(-1);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long rows() {
        return rows;
    }

    /** Ends the COPY and returns the number of rows the server took. */
    public long finish() {
        try {
            out.writeShort(-1);
            out.flush();
            return copy.endCopy();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
