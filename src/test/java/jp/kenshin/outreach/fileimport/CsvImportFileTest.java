package jp.kenshin.outreach.fileimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CsvImportFileTest {

    private static final Charset CP932 = Charset.forName("windows-31j");
    private static final ColumnSet COLUMNS = new ColumnSet(Set.of("番号", "氏名", "方書", "旧住民番号"), List.of("番号", "氏名"),
            List.of(), Set.of("旧住民番号"));
    private static final String CP932_ONLY = "髙橋 﨑山 ① ㈱ ～";

    private static List<String> read(byte[] bytes, Charset encoding, String column) {
        List<String> values = new ArrayList<>();
        try (CsvImportFile file = CsvImportFile.open(new ByteArrayInputStream(bytes), encoding, COLUMNS)) {
            for (CsvImportFile.Row row : file) {
                values.add(row.line() + ":" + row.get(column));
            }
        }
        return values;
    }

    @Test
    void cp932CharactersSurviveTheRoundTrip() {
        byte[] bytes = ("番号,氏名,方書\r\n1,髙橋 一郎,㈱山﨑ビル①～２\r\n2,山﨑 花子," + CP932_ONLY + "\r\n").getBytes(CP932);
        assertThat(read(bytes, CP932, "氏名")).containsExactly("2:髙橋 一郎", "3:山﨑 花子");
        assertThat(read(bytes, CP932, "方書")).containsExactly("2:㈱山﨑ビル①～２", "3:" + CP932_ONLY);
    }

    @Test
    void aShiftJisDecoderDoesNotReadTheWardsFiles() {
        byte[] bytes = ("番号,氏名,方書\r\n1,髙橋 一郎,㈱①～\r\n").getBytes(CP932);
        // Shift_JIS is not CP932: it cannot decode 髙, ①, ㈱ (and maps ～ differently), so the file is refused.
        assertThatThrownBy(() -> read(bytes, Charset.forName("Shift_JIS"), "氏名"))
                .isInstanceOf(FileRefusedException.class)
                .hasMessageContaining("2行目");
    }

    @Test
    void aBadByteRefusesTheFileWithItsLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("番号,氏名\r\n1,山田 一郎\r\n2,山田 二郎\r\n3,".getBytes(CP932));
        out.write(0x81); // a lead byte followed by an invalid trail byte
        out.write(0x20);
        out.writeBytes("\r\n".getBytes(CP932));
        assertThatThrownBy(() -> read(out.toByteArray(), CP932, "氏名"))
                .isInstanceOf(FileRefusedException.class)
                .hasMessageStartingWith("4行目");
    }

    @Test
    void utf8WithByteOrderMarkIsUtf8WhateverEncodingIsGiven() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xEF);
        out.write(0xBB);
        out.write(0xBF);
        out.writeBytes("番号,氏名\n1,髙橋 一郎\n".getBytes(StandardCharsets.UTF_8));
        assertThat(read(out.toByteArray(), CP932, "氏名")).containsExactly("2:髙橋 一郎");
    }

    @Test
    void columnsAreFoundByNameInAnyOrderAndUnknownOrDroppedOnesAreReported() {
        byte[] bytes = "氏名,謎の列,番号,旧住民番号\n山田 一郎,x,1,999\n\n\"田中\n次郎\",y,2,998\n木村 三郎,z,3,997\n"
                .getBytes(StandardCharsets.UTF_8);
        try (CsvImportFile file = CsvImportFile.open(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8, COLUMNS)) {
            List<String> rows = new ArrayList<>();
            file.forEach(row -> rows.add(row.line() + ":" + row.get("番号")));
            // the blank line 3 is skipped; a quoted line break keeps the following line numbers right
            assertThat(rows).containsExactly("2:1", "4:2", "6:3");
            assertThat(file.unknownColumns()).containsExactly("謎の列");
            assertThat(file.droppedColumns()).containsExactly("旧住民番号");
        }
    }

    @Test
    void aMissingRequiredColumnRefusesTheFile() {
        byte[] bytes = "番号,方書\n1,x\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> read(bytes, StandardCharsets.UTF_8, "番号"))
                .isInstanceOf(FileRefusedException.class)
                .hasMessageContaining("必須の列がありません: 氏名");
    }

    private static String refusal(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
            read(bytes, StandardCharsets.UTF_8, "氏名");
        } catch (FileRefusedException e) {
            return e.getMessage();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void aFieldOverTheCapRefusesTheFileNamingLineAndColumnNotTheValue() {
        String longName = "山".repeat(CsvImportFile.MAX_FIELD_CHARS + 1);
        assertThat(refusal("番号,氏名\n1,山田 一郎\n2," + longName + "\n"))
                .isEqualTo("3行目: ［氏名］項目が長すぎます（1000文字まで）").doesNotContain("山山");
        // an unknown column is named by its place, never by the name the file gave it
        assertThat(refusal("番号,氏名,=cmd\n1,山田 一郎," + "x".repeat(1001) + "\n")).startsWith("2行目: ［3列目］");
        // a field of exactly the cap is fine
        assertThat(read(("番号,氏名\n1," + "山".repeat(1000) + "\n").getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8, "番号"))
                .containsExactly("2:1");
    }

    @Test
    void aLongFieldIsRefusedWhileStreamingNotAfterItWasRead() {
        // a "file" of 2 GB that is never produced: the refusal comes after a few kilobytes
        java.io.InputStream endless = new java.io.InputStream() {
            private final byte[] head = "番号,氏名\n1,".getBytes(StandardCharsets.UTF_8);
            private long given;

            @Override
            public int read() {
                given++;
                if (given > 2_000_000_000L) {
                    return -1;
                }
                return given <= head.length ? head[(int) given - 1] & 0xff : 'a';
            }
        };
        assertThatThrownBy(() -> {
            try (CsvImportFile file = CsvImportFile.open(endless, StandardCharsets.UTF_8, COLUMNS)) {
                file.forEach(row -> { });
            }
        }).isInstanceOf(FileRefusedException.class).hasMessage("2行目: ［氏名］項目が長すぎます（1000文字まで）");
    }

    @Test
    void controlCharactersAreRefusedButTabsAndQuotedLineBreaksAreNot() {
        assertThat(refusal("番号,氏名\n1,山田\u0000一郎\n")).isEqualTo("2行目: ［氏名］制御文字（NULなど）が含まれています");
        assertThat(refusal("番号,氏名\r\n1,山田 一郎\r\n2,x\u001b[31m\r\n")).startsWith("3行目: ［氏名］制御文字");
        assertThat(read("番号,氏名,方書\n1,山田\t一郎,\"ビル\n2階\"\n".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8, "方書"))
                .containsExactly("2:ビル\n2階");
    }

    @Test
    void tooManyColumnsOrALongHeaderOrColumnNameRefuseTheFileWithoutEchoingIt() {
        String manyColumns = "番号,氏名" + ",c".repeat(CsvImportFile.MAX_COLUMNS) + "\n1,x\n";
        assertThat(refusal(manyColumns)).isEqualTo("1行目: 列が多すぎます（200列まで）");
        assertThat(refusal("番号,氏名\n1,x" + ",".repeat(500) + "\n")).isEqualTo("2行目: 列が多すぎます（200列まで）");
        String longName = "=HYPERLINK(\"http://x\")" + "z".repeat(200);
        assertThat(refusal("番号,氏名," + longName + "\n1,x,y\n"))
                .isEqualTo("1行目: 3列目の列名が長すぎます（100文字まで）").doesNotContain("HYPERLINK");
        String longHeader = "番号,氏名" + (",".concat("h".repeat(90))).repeat(150) + "\n";
        assertThat(refusal(longHeader)).isEqualTo("1行目: ヘッダ行が長すぎます（10000文字まで）");
    }

    @Test
    void unknownColumnNamesAreShownShortAndCleanAndAtMostTwentyOfThem() {
        StringBuilder header = new StringBuilder("番号,氏名,\"=cmd|' /C calc'!A0, and more text to cut\"");
        for (int i = 0; i < 30; i++) {
            header.append(",x").append(i);
        }
        try (CsvImportFile file = CsvImportFile.open(new ByteArrayInputStream((header + "\n1,y\n").getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8, COLUMNS)) {
            assertThat(file.unknownColumns()).hasSize(21);
            assertThat(file.unknownColumns().get(0)).isEqualTo("cmd| /C calc!A0 and…");
            assertThat(file.unknownColumns().get(20)).isEqualTo("ほか11列");
        }
    }

    @Test
    void anUnbalancedQuoteIsNamedByTheLineItOpensOn() {
        assertThat(refusal("番号,氏名\n1,山田 一郎\n2,\"田中 次郎\n3,木村 三郎\n")).isEqualTo(
                "3行目: 引用符（\"）が閉じられていません（この行の項目の引用符に対応する閉じ引用符がありません）");
        assertThat(refusal("番号,氏名\n1,\"山田\"一郎\n")).isEqualTo("2行目: CSVの書式が正しくありません（引用符 \" の使い方を確認してください）");
    }
}
