package jp.kenshin.outreach;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** The personal values of a members file, and a scan of database tables for any of them. */
public final class PersonalValues {

    private PersonalValues() {
    }

    /** Names (kanji, kana), addresses, phone numbers (as recorded and as digits), birth dates, insurance and ticket numbers. */
    public static Set<String> of(byte[] membersFile, Charset encoding) throws IOException {
        Set<String> values = new LinkedHashSet<>();
        try (Reader reader = new InputStreamReader(new ByteArrayInputStream(membersFile), encoding)) {
            for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                add(values, r.get("漢字氏名"));
                add(values, r.get("カナ氏名"));
                add(values, r.get("漢字住所"));
                add(values, r.get("国保記号番号"));
                add(values, r.get("受診券整理番号"));
                String phone = r.get("電話番号").strip();
                add(values, phone);
                String digits = java.text.Normalizer.normalize(phone, java.text.Normalizer.Form.NFKC).replaceAll("[^0-9]", "");
                if (digits.length() >= 9) {
                    values.add(digits);
                }
                String birth = r.get("生年月日").strip();
                if (birth.length() == 8) {
                    values.add(birth);
                    values.add(birth.substring(0, 4) + "-" + birth.substring(4, 6) + "-" + birth.substring(6));
                }
            }
        }
        return values;
    }

    /** The 整理番号 of a members file, as the product keeps them (NFKC, blanks and leading zeros dropped). */
    public static Set<String> personNumbers(byte[] membersFile, Charset encoding) throws IOException {
        Set<String> numbers = new java.util.TreeSet<>();
        try (Reader reader = new InputStreamReader(new ByteArrayInputStream(membersFile), encoding)) {
            for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                numbers.add(java.text.Normalizer.normalize(r.get("整理番号"), java.text.Normalizer.Form.NFKC).strip()
                        .replaceFirst("^0+", ""));
            }
        }
        return numbers;
    }

    private static void add(Set<String> values, String value) {
        String v = value == null ? "" : value.strip();
        if (v.length() >= 4) {
            values.add(v);
        }
    }

    /** Every row of every table whose name starts with the prefix, each column as text (bytes as UTF-8). */
    public static List<String> findIn(DataSource dataSource, String tablePrefix, Set<String> values) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(null, "public", tablePrefix.toLowerCase() + "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            for (String table : tables) {
                // one text per column, so that a finding names where it is
                java.util.Map<String, StringBuilder> columns = new java.util.LinkedHashMap<>();
                try (ResultSet rs = st.executeQuery("select * from " + table)) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            StringBuilder text = columns.computeIfAbsent(meta.getColumnName(i), k -> new StringBuilder());
                            int type = meta.getColumnType(i);
                            if (type == Types.DATE || type == Types.TIME || type == Types.TIMESTAMP
                                    || type == Types.TIME_WITH_TIMEZONE || type == Types.TIMESTAMP_WITH_TIMEZONE) {
                                // a moment the engine or the application set (a task's due date, a creation time): as
                                // in the deletion's own scan (YearScan), not a place for a value; on the day an
                                // infant of the synthetic ward was born, a due date equalled its birth date
                                continue;
                            }
                            if (type == Types.BINARY || type == Types.VARBINARY || type == Types.LONGVARBINARY) {
                                byte[] bytes = rs.getBytes(i);
                                if (bytes != null) {
                                    text.append(new String(bytes, StandardCharsets.UTF_8)).append('\u0001');
                                }
                            } else {
                                text.append(rs.getString(i)).append('\u0001');
                            }
                        }
                    }
                }
                for (var column : columns.entrySet()) {
                    String haystack = column.getValue().toString();
                    for (String value : values) {
                        if (occurs(haystack, value)) {
                            found.add(table + "." + column.getKey() + " contains a personal value of " + value.length()
                                    + " characters");
                        }
                    }
                }
            }
        }
        return found;
    }

    /**
     * Whether the value occurs in the text. A value of digits only (a birth date as 19600402, a phone number as digits)
     * counts only where no ASCII digit stands right before or after it, as in the deletion's own scan: the digits of a
     * stored statistic (0.0195803124…) are not a person's birth date.
     */
    static boolean occurs(String text, String value) {
        if (!value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return text.contains(value);
        }
        for (int at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
            int before = at - 1;
            int after = at + value.length();
            boolean digitBefore = before >= 0 && text.charAt(before) >= '0' && text.charAt(before) <= '9';
            boolean digitAfter = after < text.length() && text.charAt(after) >= '0' && text.charAt(after) <= '9';
            if (!digitBefore && !digitAfter) {
                return true;
            }
        }
        return false;
    }
}
