package jp.kenshin.outreach.compliance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.ahocorasick.trie.Emit;
import org.ahocorasick.trie.Trie;

/**
 * A raw look at the database files: every file under the PostgreSQL data directory (heap and index files under
 * {@code base/}, {@code global/}, the write-ahead log in {@code pg_wal/}, the server's own logs), read as bytes and
 * searched for values as their UTF-8 bytes, the way someone holding a copy of the disk would. One multi-pattern
 * matcher (Aho-Corasick) over bytes read as ISO-8859-1, so that one char is one byte.
 */
public final class DataDirectoryScan {

    private static final int CHUNK = 8 << 20;

    /** Where a value was found: the file (relative to the data directory) and the byte offset. */
    public record Finding(String value, String file, long offset) {
        @Override
        public String toString() {
            // the value itself is synthetic; named by its length only so a failure message stays free of it
            return file + "@" + offset + " (a value of " + value.length() + " characters)";
        }
    }

    private DataDirectoryScan() {
    }

    /**
     * A value of digits counts only where no digit stands right before or after it, as in the deletion's own scan:
     * a 9-digit 整理番号 inside a longer run of digits (a results document's name, an id) is not that person's number.
     */
    private static boolean standsAlone(String text, Emit emit) {
        String keyword = emit.getKeyword();
        if (!keyword.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return true;
        }
        int before = emit.getStart() - 1;
        int after = emit.getEnd() + 1;
        return !(before >= 0 && Character.isDigit(text.charAt(before)) && text.charAt(before) < 128
                || after < text.length() && Character.isDigit(text.charAt(after)) && text.charAt(after) < 128);
    }

    public static List<Finding> find(Path dataDirectory, Collection<String> values) throws IOException {
        Trie.TrieBuilder builder = Trie.builder();
        int longest = 1;
        for (String value : values) {
            String bytes = new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
            builder.addKeyword(bytes);
            longest = Math.max(longest, bytes.length());
        }
        Trie trie = builder.build();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dataDirectory)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        List<Finding> findings = new ArrayList<>();
        byte[] buffer = new byte[CHUNK + longest];
        for (Path file : files) {
            String name = dataDirectory.relativize(file).toString();
            try (InputStream in = Files.newInputStream(file)) {
                int carried = 0;
                long start = 0; // file offset of buffer[0]
                while (true) {
                    int read = in.readNBytes(buffer, carried, CHUNK);
                    int length = carried + read;
                    if (length == 0 || read == 0 && carried == 0) {
                        break;
                    }
                    String text = new String(buffer, 0, length, StandardCharsets.ISO_8859_1);
                    long base = start;
                    int limit = read == 0 ? length : length - (longest - 1); // the tail is searched again with the next chunk
                    for (Emit emit : trie.parseText(text)) {
                        if ((emit.getStart() < limit || read < CHUNK) && standsAlone(text, emit)) {
                            findings.add(new Finding(new String(emit.getKeyword().getBytes(StandardCharsets.ISO_8859_1),
                                    StandardCharsets.UTF_8), name, base + emit.getStart()));
                        }
                    }
                    if (read < CHUNK) {
                        break;
                    }
                    carried = Math.min(longest - 1, length);
                    System.arraycopy(buffer, length - carried, buffer, 0, carried);
                    start += length - carried;
                }
            } catch (NoSuchFileException gone) {
                // a WAL segment recycled or a temporary file removed while walking: nothing left to read
            } catch (IOException e) {
                throw new UncheckedIOException("Reading " + name, e);
            }
        }
        return findings;
    }
}
