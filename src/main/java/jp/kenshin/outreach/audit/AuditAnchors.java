package jp.kenshin.outreach.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The append-only anchor file outside the database: one line per anchor of the audit log's head,
 * {@code at=<instant> seq=<n> hash=<sha-256> sig=<record signature> reason=<token> mac=<hmac>}, each
 * line signed with the audit signing key. Lines are appended under a file lock, so two nodes may
 * anchor at once; the same head anchored twice is harmless.
 */
public final class AuditAnchors {

    /** One anchored head, with the line it was read from. */
    public record Anchor(int line, Instant at, long seq, String hash, String signature, String reason) {
    }

    /** The anchors of the file, and its lines that are not valid anchors (altered, or not signed with the key). */
    public record Read(List<Anchor> anchors, List<String> problems) {
    }

    private static final Pattern LINE = Pattern.compile(
            "at=(\\S+) seq=(\\d{1,18}) hash=([0-9a-f]{64}) sig=([0-9a-f]{64}) reason=([A-Za-z0-9._:-]{1,64}) mac=([0-9a-f]{64})");
    private static final Pattern REASON = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private static final Object IN_THIS_JVM = new Object();

    private final Path file;
    private final AuditSigningKey key;
    private final Clock clock;

    /** {@code clock}: the ward's, whose instant each anchor line records. */
    public AuditAnchors(Path file, AuditSigningKey key, Clock clock) {
        this.file = file.toAbsolutePath();
        this.key = key;
        this.clock = clock;
    }

    public Path file() {
        return file;
    }

    /** Appends one signed line for the head; {@code reason} is a short token (e.g. scheduled, certificate-2026). */
    public Anchor append(long seq, String hash, String signature, String reason) {
        return append(seq, hash, signature, reason, false);
    }

    /**
     * Appends the head unless the file's last line already anchors that seq (null then): the scheduled anchor, which
     * every node runs. The check and the append happen under the file's lock, so nodes sharing the file anchor each
     * head once between them.
     */
    public Anchor appendIfNew(long seq, String hash, String signature, String reason) {
        return append(seq, hash, signature, reason, true);
    }

    private Anchor append(long seq, String hash, String signature, String reason, boolean onlyIfNew) {
        if (!REASON.matcher(reason).matches()) {
            throw new IllegalArgumentException("anchor reason: letters, digits and . _ : - only, at most 64");
        }
        Instant at = clock.instant();
        String text = "at=" + at + " seq=" + seq + " hash=" + hash + " sig=" + signature + " reason=" + reason;
        byte[] line = (text + " mac=" + key.signAnchor(text) + "\n").getBytes(StandardCharsets.US_ASCII);
        try {
            OwnerOnlyFolder.create(file.getParent());
            if (!Files.exists(file)) {
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (java.nio.file.FileAlreadyExistsException raced) {
                    // another node created it first
                } catch (UnsupportedOperationException notPosix) {
                    Files.createFile(file);
                }
            }
            // a file lock is the JVM's: two applications in one JVM (tests) take turns here first
            synchronized (IN_THIS_JVM) {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                        FileLock lock = channel.lock()) {
                    if (onlyIfNew && Long.valueOf(seq).equals(lastSeq(channel))) {
                        return null;
                    }
                    channel.position(channel.size());
                    ByteBuffer buffer = ByteBuffer.wrap(line);
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                    channel.force(true);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot append to the audit anchor file " + file, e);
        }
        return new Anchor(-1, at, seq, hash, signature, reason);
    }

    private static final Pattern SEQ = Pattern.compile(" seq=(\\d{1,18}) ");

    /** The seq of the file's last line (read from its end), or null when there is none. */
    private static Long lastSeq(FileChannel channel) throws IOException {
        long size = channel.size();
        int tail = (int) Math.min(size, 1024);
        if (tail == 0) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.allocate(tail);
        long at = size - tail;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at + buffer.position());
            if (read < 0) {
                break;
            }
        }
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).stripTrailing();
        String last = text.substring(text.lastIndexOf('\n') + 1);
        Matcher m = SEQ.matcher(last);
        return m.find() ? Long.valueOf(m.group(1)) : null;
    }

    /** Every line of the file: valid anchors, and a problem named by line number for any other line. */
    public Read read() {
        List<Anchor> anchors = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (!Files.exists(file)) {
            return new Read(anchors, problems);
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the audit anchor file " + file, e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            int number = i + 1;
            if (!m.matches()) {
                problems.add("固定ファイル " + number + " 行目の形式が正しくありません（改ざんまたは書込みの中断）");
                continue;
            }
            String text = line.substring(0, line.lastIndexOf(" mac="));
            if (!AuditSigningKey.same(key.signAnchor(text), m.group(6))) {
                problems.add("固定ファイル " + number + " 行目の署名が一致しません（改ざん、または別の署名鍵）");
                continue;
            }
            try {
                anchors.add(new Anchor(number, Instant.parse(m.group(1)), Long.parseLong(m.group(2)), m.group(3), m.group(4),
                        m.group(5)));
            } catch (DateTimeParseException e) {
                problems.add("固定ファイル " + number + " 行目の日時が正しくありません");
            }
        }
        return new Read(anchors, problems);
    }
}
