package jp.kenshin.outreach.reports;

import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * Cells of every CSV and Excel file the system writes, made safe against formula injection (OWASP "CSV
 * injection"): a text that starts with {@code = + - @}, a tab or a carriage return would be taken for a
 * formula by a spreadsheet that opens the file (a name {@code =HYPERLINK(...)} becomes a link, {@code @SUM}
 * a calculation). Imports already refuse such names and addresses; this is the second line, for whatever
 * reached the database another way.
 * <ul>
 * <li>CSV: such a text gets a leading single quote ({@code '=HYPERLINK(...)}), which spreadsheets show as text.
 * A plain number ({@code -0.012}, {@code -101}) is left as it is: it cannot hold a formula.</li>
 * <li>Excel: text is always written as a string cell, which Excel never evaluates; a formula-looking text also
 * gets the "quote prefix" style, so it stays text when someone edits the cell.</li>
 * </ul>
 */
public final class SpreadsheetCells {

    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private SpreadsheetCells() {
    }

    /** Whether a spreadsheet would read this text as a formula (or as the start of one). */
    public static boolean formulaLike(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        char first = text.charAt(0);
        boolean trigger = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        return trigger && !PLAIN_NUMBER.matcher(text).matches();
    }

    /** A CSV field: a formula-looking text with a leading single quote; anything else unchanged. */
    public static String csv(String text) {
        return formulaLike(text) ? "'" + text : text;
    }

    /** The fields of one CSV record: texts through {@link #csv(String)}, numbers and nulls as they are. */
    public static Object[] csvRecord(Object... values) {
        Object[] safe = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            safe[i] = values[i] instanceof CharSequence text ? csv(text.toString()) : values[i];
        }
        return safe;
    }

    /** Writes text cells of one workbook: always string cells, the formula-looking ones quote-prefixed. */
    public static final class Texts {
        private final Workbook book;
        private CellStyle quoted;

        public Texts(Workbook book) {
            this.book = book;
        }

        public void set(Cell cell, String text) {
            cell.setCellValue(text);
            if (formulaLike(text)) {
                if (quoted == null) {
                    quoted = book.createCellStyle();
                    quoted.setQuotePrefixed(true);
                }
                if (cell.getCellStyle() == null || cell.getCellStyle().getIndex() == 0) {
                    cell.setCellStyle(quoted);
                } else {
                    CellStyle style = book.createCellStyle();
                    style.cloneStyleFrom(cell.getCellStyle());
                    style.setQuotePrefixed(true);
                    cell.setCellStyle(style);
                }
            }
        }
    }
}
