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

    /** The advisory lock of a year's results ("resu"): every results import of the year and its deletion hold it to commit. */
    static final int LOCK_NAMESPACE = 0x72657375;

    static void lockYear(JdbcTemplate jdbc, int fiscalYear) {
        jdbc.queryForList("select pg_advisory_xact_lock(?, ?)", LOCK_NAMESPACE, fiscalYear);
    }

    @Override
    public List<String> deletedTables() {
        return List.of("checkup_result");
    }

    @Override
    public Map<String, Long> delete(int fiscalYear) {
        // held to the deletion's commit: an import of the year's results either committed before (its rows go now) or
        // waits and then finds no members (checkup_result has no row-by-row foreign key to member, V27)
        lockYear(jdbc, fiscalYear);
        return Map.of("checkup_result", (long) jdbc.update("delete from checkup_result where cycle_year = ?", fiscalYear));
    }
}
