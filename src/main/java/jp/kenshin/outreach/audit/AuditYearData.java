package jp.kenshin.outreach.audit;

import java.util.List;
import java.util.Map;
import jp.kenshin.outreach.YearData;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The audit log of the year's accesses: append-only and hash-chained, ids only, so it is counted and kept. */
@Component
class AuditYearData implements YearData {

    private final JdbcTemplate jdbc;

    AuditYearData(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String owner() {
        return "audit";
    }

    @Override
    public Map<String, Long> count(int fiscalYear) {
        return Map.of("audit_log", jdbc.queryForObject("select count(*) from audit_log where fiscal_year = ?", Long.class, fiscalYear));
    }

    @Override
    public List<String> deletedTables() {
        return List.of();
    }

    @Override
    public Map<String, String> keptTables() {
        return Map.of("audit_log", "監査ログ（追記のみ、会員IDと項目名のみで個人情報を含まない）");
    }

    @Override
    public Map<String, Long> delete(int fiscalYear) {
        return Map.of();
    }
}
