package jp.kenshin.outreach.attack;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** What the attack tests share: a synthetic person's values from a members file, and a scan of the engine's tables. */
final class AttackSupport {

    private AttackSupport() {
    }

    /** One synthetic person of the members file: kanji name, phone number, address. */
    record Person(String name, String phone, String address) {
        String memo() {
            return name + " " + phone + " " + address;
        }

        Set<String> values() {
            return Set.of(name, phone, address, phone.replaceAll("[^0-9]", ""));
        }
    }

    static Person person(byte[] membersFile, int row) throws IOException {
        try (Reader reader = new InputStreamReader(new ByteArrayInputStream(membersFile), StandardCharsets.UTF_8)) {
            int i = 0;
            for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                if (!r.get("電話番号").isBlank() && i++ == row) {
                    return new Person(r.get("漢字氏名").strip(), r.get("電話番号").strip(), r.get("漢字住所").strip());
                }
            }
        }
        throw new IllegalStateException("no person with a phone number at row " + row);
    }

    /**
     * Every text, varchar and bytea column of every ACT_ table, as information_schema lists them, searched for
     * the values: "table.column" for each column holding one.
     */
    static List<String> engineColumnsHolding(DataSource dataSource, Set<String> values) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            List<String[]> columns = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("""
                    select table_name, column_name, data_type from information_schema.columns
                    where table_schema = current_schema() and lower(table_name) like 'act\\_%'
                      and data_type in ('text', 'character varying', 'character', 'bytea')
                    order by table_name, column_name""");
                    ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    columns.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
            if (columns.size() < 100) {
                throw new IllegalStateException("the engine's tables were not found: " + columns.size() + " columns");
            }
            for (String[] column : columns) {
                boolean bytes = "bytea".equals(column[2]);
                String sql = "select count(*) from \"" + column[0] + "\" where "
                        + (bytes ? "position(convert_to(?, 'UTF8') in \"" + column[1] + "\") > 0" : "strpos(\"" + column[1] + "\"::text, ?) > 0");
                for (String value : values) {
                    try (PreparedStatement st = c.prepareStatement(sql)) {
                        st.setString(1, value);
                        try (ResultSet rs = st.executeQuery()) {
                            rs.next();
                            if (rs.getLong(1) > 0) {
                                found.add(column[0] + "." + column[1]);
                            }
                        }
                    }
                }
            }
        }
        return found;
    }
}
