package jp.kenshin.outreach.reports;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class SpreadsheetCellsTest {

    @Test
    void formulaLikeTextGetsAQuoteAndEverythingElseStaysAsItIs() {
        assertThat(SpreadsheetCells.csv("=HYPERLINK(\"http://evil\",\"x\")")).isEqualTo("'=HYPERLINK(\"http://evil\",\"x\")");
        assertThat(SpreadsheetCells.csv("@SUM(A1:A9)")).isEqualTo("'@SUM(A1:A9)");
        assertThat(SpreadsheetCells.csv("+1+cmd|' /C calc'!A0")).isEqualTo("'+1+cmd|' /C calc'!A0");
        assertThat(SpreadsheetCells.csv("-2+3+cmd|' /C calc'!A0")).isEqualTo("'-2+3+cmd|' /C calc'!A0");
        assertThat(SpreadsheetCells.csv("\t=1+1")).isEqualTo("'\t=1+1");
        assertThat(SpreadsheetCells.csv("\r=1+1")).isEqualTo("'\r=1+1");
        assertThat(SpreadsheetCells.csv("-Inf")).isEqualTo("'-Inf");
        // numbers cannot hold a formula and stay numbers
        assertThat(SpreadsheetCells.csv("-0.0123")).isEqualTo("-0.0123");
        assertThat(SpreadsheetCells.csv("-101")).isEqualTo("-101");
        assertThat(SpreadsheetCells.csv("1.5E-7")).isEqualTo("1.5E-7");
        // ordinary Japanese text, empty and null
        assertThat(SpreadsheetCells.csv("東京都豊島区東池袋1-2-3")).isEqualTo("東京都豊島区東池袋1-2-3");
        assertThat(SpreadsheetCells.csv("")).isEmpty();
        assertThat(SpreadsheetCells.csv(null)).isNull();
        assertThat(SpreadsheetCells.csvRecord(1, "=1+1", null, 2.5)).containsExactly(1, "'=1+1", null, 2.5);
    }

    @Test
    void workbookTextIsAStringCellAndAFormulaLikeOneIsQuotePrefixed() throws Exception {
        try (XSSFWorkbook book = new XSSFWorkbook()) {
            SpreadsheetCells.Texts texts = new SpreadsheetCells.Texts(book);
            var row = book.createSheet("s").createRow(0);
            Cell formula = row.createCell(0);
            texts.set(formula, "=HYPERLINK(\"http://evil\",\"x\")");
            Cell plain = row.createCell(1);
            texts.set(plain, "通知＋電話");
            assertThat(formula.getCellType()).isEqualTo(CellType.STRING);
            assertThat(formula.getStringCellValue()).isEqualTo("=HYPERLINK(\"http://evil\",\"x\")");
            assertThat(formula.getCellStyle().getQuotePrefixed()).isTrue();
            assertThat(plain.getCellType()).isEqualTo(CellType.STRING);
            assertThat(plain.getCellStyle().getQuotePrefixed()).isFalse();
        }
    }
}
