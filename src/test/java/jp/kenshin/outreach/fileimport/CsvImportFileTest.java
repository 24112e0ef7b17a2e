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
}
