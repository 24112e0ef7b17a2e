package jp.kenshin.outreach.results;

import java.util.List;
import java.util.Map;
import jp.kenshin.outreach.YearData;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The checkup results matched to the year's members (table checkup_result, by cycle_year; items sealed). */
@Component
class ResultsYearData implements YearData {

    private final JdbcTemplate jdbc;

    ResultsYearData(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String owner() {
        return "results";
    }

    @Override
    public Map<String, Long> count(int fiscalYear) {
        return Map.of("checkup_result", jdbc.queryForObject("select count(*) from checkup_result where cycle_year = ?",
                Long.class, fiscalYear));
    }

    @Override
    public List<String> deletedTables() {
        return List.of("checkup_result");
    }

    @Override
    public Map<String, Long> delete(int fiscalYear) {
        return Map.of("checkup_result", (long) jdbc.update("delete from checkup_result where cycle_year = ?", fiscalYear));
    }
}
