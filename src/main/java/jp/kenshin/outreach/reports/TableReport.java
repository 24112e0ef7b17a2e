package jp.kenshin.outreach.reports;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of {@code reports/table-report.jrxml}: sections, header rows and rows of up to twelve value
 * columns, built by a report's service (aggregates only).
 */
public final class TableReport {

    public static final int COLUMNS = 12;

    private final List<Map<String, ?>> rows = new ArrayList<>();

    public TableReport section(String title) {
        return add("SECTION", title, List.of());
    }

    public TableReport head(String label, List<String> columns) {
        return add("HEAD", label, columns);
    }

    public TableReport row(String label, List<String> values) {
        return add("ROW", label, values);
    }

    public TableReport note(String text) {
        return add("NOTE", text, List.of());
    }

    private TableReport add(String kind, String label, List<String> values) {
        if (values.size() > COLUMNS) {
            throw new IllegalArgumentException("A table report row has at most " + COLUMNS + " values, not " + values.size());
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("kind", kind);
        row.put("label", label);
        for (int i = 0; i < COLUMNS; i++) {
            row.put("c" + (i + 1), i < values.size() ? values.get(i) : "");
        }
        rows.add(row);
        return this;
    }

    public Collection<Map<String, ?>> rows() {
        return rows;
    }

    /** A share as a percentage with one decimal, or "－" when there is nothing to divide by. */
    public static String percent(long part, long whole) {
        return whole == 0 ? "－" : String.format("%.1f%%", 100.0 * part / whole);
    }
}
