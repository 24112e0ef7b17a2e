package jp.kenshin.outreach.selection;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.kenshin.outreach.YearData;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The year's target selection runs and their entries (tables selection_run, selection_entry). */
@Component
class SelectionYearData implements YearData {

    private final JdbcTemplate jdbc;

    SelectionYearData(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String owner() {
        return "selection";
    }

    @Override
    public Map<String, Long> count(int fiscalYear) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("selection_run", jdbc.queryForObject("select count(*) from selection_run where fiscal_year = ?", Long.class,
                fiscalYear));
        counts.put("selection_entry", jdbc.queryForObject("""
                select count(*) from selection_entry where run_id in (select id from selection_run where fiscal_year = ?)""",
                Long.class, fiscalYear));
        return counts;
    }

    @Override
    public List<String> deletedTables() {
        return List.of("selection_entry", "selection_run");
    }

    @Override
    public Map<String, Long> delete(int fiscalYear) {
        Map<String, Long> deleted = new LinkedHashMap<>();
        deleted.put("selection_entry", (long) jdbc.update(
                "delete from selection_entry where run_id in (select id from selection_run where fiscal_year = ?)", fiscalYear));
        deleted.put("selection_run", (long) jdbc.update("delete from selection_run where fiscal_year = ?", fiscalYear));
        return deleted;
    }
}
