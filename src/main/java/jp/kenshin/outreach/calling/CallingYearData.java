package jp.kenshin.outreach.calling;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.kenshin.outreach.YearData;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The year's phone outreach: call cases, their attempts (notes sealed), the calls waiting to be taken and the opt-outs;
 * all reference member.
 */
@Component
class CallingYearData implements YearData {

    private final JdbcTemplate jdbc;

    CallingYearData(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String owner() {
        return "calling";
    }

    @Override
    public int order() {
        return BEFORE_MEMBERS;
    }

    @Override
    public Map<String, Long> count(int fiscalYear) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("call_queue", jdbc.queryForObject("select count(*) from call_queue where fiscal_year = ?", Long.class, fiscalYear));
        counts.put("call_case", jdbc.queryForObject("select count(*) from call_case where fiscal_year = ?", Long.class, fiscalYear));
        counts.put("call_attempt", jdbc.queryForObject(
                "select count(*) from call_attempt a join call_case c on c.id = a.case_id where c.fiscal_year = ?", Long.class,
                fiscalYear));
        counts.put("contact_opt_out", jdbc.queryForObject("select count(*) from contact_opt_out where fiscal_year = ?", Long.class,
                fiscalYear));
        return counts;
    }

    @Override
    public List<String> deletedTables() {
        return List.of("call_queue", "call_attempt", "call_case", "contact_opt_out");
    }

    @Override
    public Map<String, Long> delete(int fiscalYear) {
        Map<String, Long> deleted = new LinkedHashMap<>();
        deleted.put("call_queue", (long) jdbc.update("delete from call_queue where fiscal_year = ?", fiscalYear));
        deleted.put("call_attempt", (long) jdbc.update(
                "delete from call_attempt where case_id in (select id from call_case where fiscal_year = ?)", fiscalYear));
        deleted.put("call_case", (long) jdbc.update("delete from call_case where fiscal_year = ?", fiscalYear));
        deleted.put("contact_opt_out", (long) jdbc.update("delete from contact_opt_out where fiscal_year = ?", fiscalYear));
        return deleted;
    }
}
