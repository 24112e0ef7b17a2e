package jp.kenshin.outreach.fileimport;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;

/** Normalisation of text fields from the ward's files: trimming and digit widths. */
public final class Text {

    private Text() {
    }

    /** Trims ASCII and full-width spaces (and other white space) at both ends; null becomes "". */
    public static String trim(String value) {
        return value == null ? "" : value.strip();
    }

    /** Full-width digits to half-width; everything else unchanged. */
    public static String halfWidthDigits(String value) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '０' && c <= '９') {
                if (out == null) {
                    out = new StringBuilder(value);
                }
                out.setCharAt(i, (char) (c - '０' + '0'));
            }
        }
        return out == null ? value : out.toString();
    }

    /** Trimmed, with digits in half width: the form of every number-like field. */
    public static String number(String value) {
        return halfWidthDigits(trim(value));
    }

    /** Full-width ASCII (letters, digits, symbols, the ideographic space) to half width (NFKC on that range only). */
    public static String halfWidthAscii(String value) {
        boolean plain = true;
        for (int i = 0; i < value.length() && plain; i++) {
            plain = value.charAt(i) < 0x80;
        }
        if (plain) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '！' && c <= '～' && c != '～') {
                out.append((char) (c - 0xFEE0));
            } else if (c == '\u3000') {
                out.append(' ');
            } else if (c == 'ー' || c == '－' || c == '‐' || c == '−' || c == '―' || c == '–' || c == '—') {
                out.append('-');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Half-width katakana to full width, other characters unchanged. */
    public static String fullWidthKana(String value) {
        boolean hasHalfWidth = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '\uFF61' && c <= '\uFF9F') {
                hasHalfWidth = true;
                break;
            }
        }
        return hasHalfWidth ? Normalizer.normalize(value, Normalizer.Form.NFKC) : value;
    }

    public static boolean isDigits(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * A required YYYYMMDD date of a row: an empty or malformed value adds a rejection for the column
     * and gives null.
     */
    public static LocalDate requiredDate(CsvImportFile.Row row, String column, java.util.List<ImportIssue> issues) {
        String text = number(row.get(column));
        if (text.isEmpty()) {
            issues.add(ImportIssue.rejected(row.line(), column, "必須項目が空です"));
            return null;
        }
        LocalDate date = yyyymmdd(text);
        if (date == null) {
            issues.add(ImportIssue.rejected(row.line(), column, "YYYYMMDD形式の正しい日付ではありません"));
        }
        return date;
    }

    /** A YYYYMMDD date, or null when it is not a valid calendar date in that form. */
    public static LocalDate yyyymmdd(String value) {
        if (value.length() != 8 || !isDigits(value)) {
            return null;
        }
        try {
            return LocalDate.of(Integer.parseInt(value.substring(0, 4)), Integer.parseInt(value.substring(4, 6)),
                    Integer.parseInt(value.substring(6, 8)));
        } catch (DateTimeException e) {
            return null;
        }
    }
}
