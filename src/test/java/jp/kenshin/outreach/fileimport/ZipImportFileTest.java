package jp.kenshin.outreach.fileimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class ZipImportFileTest {

    /** The size caps alone (no ratio cap: zeros pack 1000:1, which would be refused first). */
    private final ZipImportFile reader = new ZipImportFile(1024 * 1024, 4L * 1024 * 1024, 100, Integer.MAX_VALUE, 0);

    private static byte[] zip(Object... pathsAndContents) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < pathsAndContents.length; i += 2) {
                zip.putNextEntry(new ZipEntry((String) pathsAndContents[i]));
                zip.write((byte[]) pathsAndContents[i + 1]);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private List<String> read(byte[] archive) {
        List<String> seen = new ArrayList<>();
        reader.read(new ByteArrayInputStream(archive), path -> path.contains("/DATA/"),
                (ordinal, path, content) -> seen.add(ordinal + " " + path + " " + new String(content, StandardCharsets.UTF_8)));
        return seen;
    }

    @Test
    void handsOverTheSelectedEntriesInOrderAndHashesTheWholeFile() throws Exception {
        byte[] archive = zip("r/ix08_V08.xml", text("index"), "r/DATA/h1.xml", text("one"), "r/CLAIMS/c1.xml", text("claim"),
                "r/DATA/h2.xml", text("two"));
        List<String> seen = new ArrayList<>();

        ZipImportFile.Summary summary = reader.read(new ByteArrayInputStream(archive), path -> path.contains("/DATA/"),
                (ordinal, path, content) -> seen.add(ordinal + " " + path + " " + new String(content, StandardCharsets.UTF_8)));

        assertThat(seen).containsExactly("1 r/DATA/h1.xml one", "2 r/DATA/h2.xml two");
        assertThat(summary.entries()).isEqualTo(4);
        assertThat(summary.selected()).isEqualTo(2);
        assertThat(summary.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(archive)));
    }

    @Test
    void aFileThatIsNotAZipIsRefused() {
        assertThatThrownBy(() -> read(text("年度,整理番号\r\n2026,1\r\n")))
                .isInstanceOf(FileRefusedException.class).hasMessageContaining("ZIP形式のファイルではありません");
        assertThatThrownBy(() -> read(new byte[0])).isInstanceOf(FileRefusedException.class).hasMessageContaining("空");
    }

    @Test
    void anEmptyOrCorruptArchiveIsRefused() throws IOException {
        assertThatThrownBy(() -> read(zip())).isInstanceOf(FileRefusedException.class).hasMessageContaining("空です");
        byte[] archive = zip("r/DATA/h1.xml", text("one".repeat(1000)));
        byte[] truncated = java.util.Arrays.copyOf(archive, 60);
        assertThatThrownBy(() -> read(truncated)).isInstanceOf(FileRefusedException.class).hasMessageContaining("壊れている");
    }

    @Test
    void zipSlipNamesRefuseTheArchive() throws IOException {
        for (String path : List.of("../../etc/cron.d/x", "r/DATA/../../h1.xml", "/etc/passwd", "C:/Windows/h1.xml",
                "r\\..\\..\\h1.xml")) {
            byte[] archive = zip("r/DATA/h1.xml", text("ok"), path, text("evil"));
            assertThatThrownBy(() -> read(archive)).as(path).isInstanceOf(FileRefusedException.class)
                    .hasMessageContaining("2 番目のファイルのパスが不正です");
        }
    }

    @Test
    void zipBombsAreCappedByEntryTotalAndCount() throws IOException {
        byte[] twoMegabytesOfZeros = new byte[2 * 1024 * 1024];
        byte[] bomb = zip("r/DATA/h1.xml", twoMegabytesOfZeros);
        assertThat(bomb.length).isLessThan(10_000);
        assertThatThrownBy(() -> read(bomb)).isInstanceOf(FileRefusedException.class)
                .hasMessageContaining("1 番目のファイル（r/DATA/h1.xml）が大きすぎます");
        // an entry that is not read (outside DATA) is still counted as it is unpacked
        assertThatThrownBy(() -> read(zip("r/XSD/big.xsd", twoMegabytesOfZeros))).isInstanceOf(FileRefusedException.class)
                .hasMessageContaining("大きすぎます");

        byte[] manyHalfMegabytes = zip("a/DATA/h1.xml", new byte[900_000], "a/DATA/h2.xml", new byte[900_000],
                "a/DATA/h3.xml", new byte[900_000], "a/DATA/h4.xml", new byte[900_000], "a/DATA/h5.xml", new byte[900_000]);
        assertThatThrownBy(() -> read(manyHalfMegabytes)).isInstanceOf(FileRefusedException.class)
                .hasMessageContaining("展開した大きさが上限（4 MB）を超えます");

        Object[] entries = new Object[2 * 101];
        for (int i = 0; i < 101; i++) {
            entries[2 * i] = "r/DATA/h" + i + ".xml";
            entries[2 * i + 1] = text("x");
        }
        assertThatThrownBy(() -> read(zip(entries))).isInstanceOf(FileRefusedException.class)
                .hasMessageContaining("多すぎます（上限 100 件）");
    }

    @Test
    void anArchiveThatExpandsFarMoreThanXmlDoesIsRefusedAfterTheGraceSizeNotAtTheSizeCaps() throws IOException {
        ZipImportFile withRatio = new ZipImportFile(64L * 1024 * 1024, 1024L * 1024 * 1024, 100, 100, 1024 * 1024);
        List<String> seen = new ArrayList<>();
        byte[] bomb = zip("r/DATA/h1.xml", new byte[32 * 1024 * 1024]); // 32 MB of zeros packs into some 32 KB
        assertThat(bomb.length).isLessThan(64 * 1024);
        assertThatThrownBy(() -> withRatio.read(new ByteArrayInputStream(bomb), p -> true, (o, p, c) -> seen.add(p)))
                .isInstanceOf(FileRefusedException.class)
                .hasMessageContaining("1 番目のファイル（r/DATA/h1.xml）の圧縮率が高すぎます（展開後が圧縮時の 100 倍まで）");
        assertThat(seen).isEmpty();

        // many small entries, each under the grace size, that together expand 1000:1
        Object[] entries = new Object[2 * 8];
        for (int i = 0; i < 8; i++) {
            entries[2 * i] = "r/DATA/h" + i + ".xml";
            entries[2 * i + 1] = new byte[512 * 1024];
        }
        assertThatThrownBy(() -> withRatio.read(new ByteArrayInputStream(zip(entries)), p -> true, (o, p, c) -> { }))
                .isInstanceOf(FileRefusedException.class).hasMessageContaining("ZIP全体の圧縮率が高すぎます");

        // real documents pack far less: a varied text of 3 MB goes through
        StringBuilder varied = new StringBuilder();
        java.util.Random random = new java.util.Random(7);
        while (varied.length() < 3 * 1024 * 1024) {
            varied.append("<value value=\"").append(random.nextInt(100_000)).append("\" unit=\"mg/dL\"/>\n");
        }
        List<String> read = new ArrayList<>();
        withRatio.read(new ByteArrayInputStream(zip("r/DATA/h1.xml", text(varied.toString()))), p -> true,
                (o, p, c) -> read.add(p + " " + c.length));
        assertThat(read).containsExactly("r/DATA/h1.xml " + text(varied.toString()).length);
    }
}
