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

    /** At most this many digits before the decimal point of a result value (triglycerides reach 4). */
    public static final int MAX_INTEGER_DIGITS = 5;
    /** At most this many digits after it (HbA1c 5.6, BMI 22.48). */
    public static final int MAX_FRACTION_DIGITS = 3;

    /**
     * A result value as a plain decimal ("170.1", "5.6", "120"), or null when it is not one: digits (either
     * width) with at most {@value #MAX_INTEGER_DIGITS} before and {@value #MAX_FRACTION_DIGITS} after one
     * decimal point, no sign, no exponent. Leading zeros go ("0120" is "120", "00.5" is "0.5"); the digits after
     * the point stay as written ("5.60"). Read character by character, so a value of a million digits or
     * {@code 1E999999999} costs nothing (BigDecimal would spend minutes or a heap on it).
     */
    public static String decimal(String value) {
        if (value == null || value.length() > 3 * (MAX_INTEGER_DIGITS + MAX_FRACTION_DIGITS + 1)) {
            return null;
        }
        String text = halfWidthAscii(number(value));
        int length = text.length();
        int point = -1;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == '.' && point < 0) {
                point = i;
            } else if (c < '0' || c > '9') {
                return null;
            }
        }
        int integerDigits = point < 0 ? length : point;
        int fractionDigits = point < 0 ? 0 : length - point - 1;
        if (integerDigits < 1 || integerDigits > MAX_INTEGER_DIGITS || (point >= 0 && (fractionDigits < 1
                || fractionDigits > MAX_FRACTION_DIGITS))) {
            return null;
        }
        int first = 0;
        while (first < integerDigits - 1 && text.charAt(first) == '0') {
            first++;
        }
        return first == 0 ? text : text.substring(first);
    }

    /** The reason a result value is refused, for the report: what form is allowed. */
    public static final String DECIMAL_REASON = "数値ではありません（整数" + MAX_INTEGER_DIGITS + "桁・小数" + MAX_FRACTION_DIGITS
            + "桁までの数字）";

    /**
     * Whether a name or address field is not one: it starts with a character that makes a spreadsheet cell a
     * formula ({@code = + - @}, tab, CR; OWASP "CSV injection"), or holds a control character anywhere
     * (a line break or tab inside a name or address). Checked on the trimmed value: leading white space is
     * trimmed anyway, so a tab or CR in front of {@code =} leaves the {@code =} in front.
     */
    public static boolean notAName(String trimmed) {
        if (trimmed.isEmpty()) {
            return false;
        }
        char first = trimmed.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '＝' || first == '＋' || first == '－'
                || first == '＠') {
            return true;
        }
        for (int i = 0; i < trimmed.length(); i++) {
            if (Character.isISOControl(trimmed.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Like {@link #notAName}, for the building and room line (漢字方書), which may start with a hyphen when
     * the ward's system split a room number off the address ("-101", "－１０１"): a hyphen followed by digits
     * and hyphens only is a number to a spreadsheet, not a formula, and is kept.
     */
    public static boolean notAnAddressDetail(String trimmed) {
        if (!trimmed.isEmpty() && (trimmed.charAt(0) == '-' || trimmed.charAt(0) == '－')) {
            String rest = halfWidthAscii(trimmed.substring(1));
            boolean roomNumber = !rest.isEmpty();
            for (int i = 0; i < rest.length() && roomNumber; i++) {
                char c = rest.charAt(i);
                roomNumber = c >= '0' && c <= '9' || c == '-' && i > 0;
            }
            if (roomNumber) {
                return false;
            }
        }
        return notAName(trimmed);
    }

    public static final String NOT_A_NAME_REASON = "氏名・住所として使えない文字で始まるか、改行・タブなどの制御文字を含みます"
            + "（先頭の = + - @ は表計算ソフトで数式になるため受け付けません）";

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
            return LocalDate.of(digits(value, 0, 4), digits(value, 4, 6), digits(value, 6, 8));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The number the ASCII digits {@code from} to {@code to} spell (checked to be digits by the caller). */
    private static int digits(String value, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n = n * 10 + value.charAt(i) - '0';
        }
        return n;
    }
}
