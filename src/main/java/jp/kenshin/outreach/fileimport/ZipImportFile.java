package jp.kenshin.outreach.fileimport;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Reads a zip archive as a stream, entry by entry, without unpacking it anywhere: the entries a
 * predicate selects are handed over as bytes, the others are read past. Safe against hostile archives:
 * <ul>
 * <li>a file that is not a zip archive at all is refused (a {@link ZipInputStream} would just see no
 * entries);</li>
 * <li>an entry name that is absolute, has a drive letter or a {@code ..} segment (zip slip) refuses the
 * archive, although nothing is ever written to disk;</li>
 * <li>zip bombs: the unpacked size of every entry and of the whole archive, and the number of entries,
 * are capped; the bytes are counted as they are unpacked, whatever sizes the archive claims;</li>
 * <li>and so is the expansion ratio, unpacked to packed bytes, of every entry and of the whole archive
 * (checked once an entry, or the archive, has unpacked more than a grace size: a tiny file of blanks
 * packs well without harm). XML documents pack some 5 to 20 to 1; a bomb packs 1000 to 1 and more, and
 * is stopped after unpacking the grace size, not the size caps;</li>
 * <li>a corrupt or encrypted archive is refused.</li>
 * </ul>
 * Refusals are {@link FileRefusedException}s whose message names the entry by its place (and, for a
 * selected entry, its name), never its content. The SHA-256 is of the archive's bytes as received.
 */
public final class ZipImportFile {

    /** Entry names from Windows tools without the UTF-8 flag are CP932; the standard's names are ASCII. */
    private static final Charset NAMES = Charset.forName("windows-31j");

    /** Receives each selected entry: its place among the selected ones (1, 2, ...), its path and its bytes. */
    @FunctionalInterface
    public interface EntryHandler {
        void entry(int ordinal, String path, byte[] content);
    }

    private final long maxEntryBytes;
    private final long maxTotalBytes;
    private final int maxEntries;
    private final int maxRatio;
    private final long ratioGraceBytes;

    public ZipImportFile(ImportProperties.Archive limits) {
        this(limits.maxEntrySize().toBytes(), limits.maxTotalSize().toBytes(), limits.maxEntries(), limits.maxRatio(),
                limits.ratioGraceSize().toBytes());
    }

    public ZipImportFile(long maxEntryBytes, long maxTotalBytes, int maxEntries, int maxRatio, long ratioGraceBytes) {
        this.maxEntryBytes = maxEntryBytes;
        this.maxTotalBytes = maxTotalBytes;
        this.maxEntries = maxEntries;
        this.maxRatio = maxRatio;
        this.ratioGraceBytes = ratioGraceBytes;
    }

    /** What was read: how many entries in all, how many were selected, and the archive's SHA-256. */
    public record Summary(int entries, int selected, String sha256) {
    }

    /**
     * Reads the archive through, handing each entry whose path {@code select} accepts to the handler,
     * in the archive's order. Paths use {@code /} as separator.
     */
    public Summary read(InputStream raw, Predicate<String> select, EntryHandler handler) {
        DigestInputStream digest;
        try {
            digest = new DigestInputStream(raw, MessageDigest.getInstance("SHA-256"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        BufferedInputStream in = new BufferedInputStream(digest, 1 << 16);
        try {
            checkSignature(in);
            int entries = 0;
            int selected = 0;
            long total = 0;
            byte[] buffer = new byte[1 << 16];
            CountingInputStream packed = new CountingInputStream(in);
            ZipInputStream zip = new ZipInputStream(packed, NAMES);
            ZipEntry entry;
            long entryStart = 0;
            while ((entry = nextEntry(zip, entries + 1)) != null) {
                entryStart = packed.count;
                entries++;
                if (entries > maxEntries) {
                    throw new FileRefusedException(0, "ZIPの中のファイルが多すぎます（上限 " + maxEntries + " 件）");
                }
                String path = entry.getName().replace('\\', '/');
                if (unsafe(path)) {
                    throw new FileRefusedException(0, "ZIPの中の " + entries
                            + " 番目のファイルのパスが不正です（絶対パスまたは .. を含む）。アーカイブ全体を取り込みません");
                }
                boolean wanted = !entry.isDirectory() && select.test(path);
                ByteArrayOutputStream content = wanted ? new ByteArrayOutputStream(16 * 1024) : null;
                long size = 0;
                int n;
                while ((n = read(zip, buffer, entries)) > 0) {
                    size += n;
                    total += n;
                    if (size > maxEntryBytes) {
                        throw new FileRefusedException(0, "ZIPの中の " + entries + " 番目のファイル"
                                + (wanted ? "（" + printable(path) + "）" : "") + "が大きすぎます（展開後の上限 "
                                + megabytes(maxEntryBytes) + "）。アーカイブ全体を取り込みません");
                    }
                    if (total > maxTotalBytes) {
                        throw new FileRefusedException(0, "ZIPを展開した大きさが上限（" + megabytes(maxTotalBytes)
                                + "）を超えます。アーカイブ全体を取り込みません");
                    }
                    if (size > ratioGraceBytes && size > (long) maxRatio * Math.max(1, packed.count - entryStart)) {
                        throw new FileRefusedException(0, "ZIPの中の " + entries + " 番目のファイル"
                                + (wanted ? "（" + printable(path) + "）" : "") + "の圧縮率が高すぎます（展開後が圧縮時の "
                                + maxRatio + " 倍まで）。ZIP爆弾の疑いがあるため、アーカイブ全体を取り込みません");
                    }
                    if (total > ratioGraceBytes && total > (long) maxRatio * Math.max(1, packed.count)) {
                        throw new FileRefusedException(0, "ZIP全体の圧縮率が高すぎます（展開後が圧縮時の " + maxRatio
                                + " 倍まで）。ZIP爆弾の疑いがあるため、アーカイブ全体を取り込みません");
                    }
                    if (content != null) {
                        content.write(buffer, 0, n);
                    }
                }
                if (content != null) {
                    handler.entry(++selected, path, content.toByteArray());
                }
            }
            // the central directory and anything after it, so the checksum is of the whole file
            while (in.read(buffer) >= 0) {
                // read through
            }
            return new Summary(entries, selected, HexFormat.of().formatHex(digest.getMessageDigest().digest()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void checkSignature(BufferedInputStream in) throws IOException {
        in.mark(4);
        byte[] head = in.readNBytes(4);
        in.reset();
        boolean local = head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        boolean empty = head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 5 && head[3] == 6;
        if (empty) {
            throw new FileRefusedException(0, "ZIPアーカイブが空です（ファイルがありません）");
        }
        if (!local) {
            throw new FileRefusedException(0, head.length == 0 ? "ファイルが空です"
                    : "ZIP形式のファイルではありません（標準様式の健診結果はZIPアーカイブで受け付けます）");
        }
    }

    private static ZipEntry nextEntry(ZipInputStream zip, int place) throws IOException {
        try {
            return zip.getNextEntry();
        } catch (ZipException | EOFException e) {
            throw corrupt(place);
        } catch (IllegalArgumentException e) {
            throw new FileRefusedException(0, "ZIPの中の " + place + " 番目のファイル名が読めません");
        }
    }

    private static int read(ZipInputStream zip, byte[] buffer, int place) throws IOException {
        try {
            return zip.read(buffer);
        } catch (ZipException | EOFException e) {
            throw corrupt(place);
        }
    }

    private static FileRefusedException corrupt(int place) {
        return new FileRefusedException(0, "ZIPファイルが壊れているか、扱えない形式です（暗号化されたZIPなど）"
                + (place > 0 ? "。" + place + " 番目のファイルで読めなくなりました" : ""));
    }

    /** Absolute, with a drive letter, or with a {@code ..} segment: a name that would leave the folder it is unpacked in. */
    static boolean unsafe(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.indexOf('\0') >= 0
                || path.length() >= 2 && path.charAt(1) == ':' && Character.isLetter(path.charAt(0))) {
            return true;
        }
        for (String segment : path.split("/")) {
            if (segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    /** A path fit to show: control characters dropped, at most 120 characters. */
    public static String printable(String path) {
        StringBuilder out = new StringBuilder(Math.min(path.length(), 120));
        for (int i = 0; i < path.length() && out.length() < 120; i++) {
            char c = path.charAt(i);
            if (!Character.isISOControl(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String megabytes(long bytes) {
        long mb = 1024L * 1024;
        if (bytes >= 1024 * mb && bytes % (1024 * mb) == 0) {
            return bytes / (1024 * mb) + " GB";
        }
        return bytes >= mb && bytes % mb == 0 ? bytes / mb + " MB" : bytes + " バイト";
    }

    /** Counts the packed bytes the zip reader takes (it reads ahead by at most its small buffer). */
    private static final class CountingInputStream extends java.io.FilterInputStream {
        long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
