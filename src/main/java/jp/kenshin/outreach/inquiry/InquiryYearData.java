package jp.kenshin.outreach.inquiry;

import java.util.List;
import java.util.Map;
import jp.kenshin.outreach.YearData;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The year's inquiry desk calls (table inquiry, notes sealed); they reference member. */
@Component
class InquiryYearData implements YearData {

    private final JdbcTemplate jdbc;

    InquiryYearData(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String owner() {
        return "inquiry";
    }

    @Override
    public int order() {
        return BEFORE_MEMBERS;
    }

    @Override
    public Map<String, Long> count(int fiscalYear) {
        return Map.of("inquiry", jdbc.queryForObject("select count(*) from inquiry where fiscal_year = ?", Long.class, fiscalYear));
    }

    @Override
    public List<String> deletedTables() {
        return List.of("inquiry");
    }

    @Override
    public Map<String, Long> delete(int fiscalYear) {
        return Map.of("inquiry", (long) jdbc.update("delete from inquiry where fiscal_year = ?", fiscalYear));
    }
}
