package jp.kenshin.outreach.privacy;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.kenshin.outreach.YearData;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Who may handle the year's data: the deletion shuts the hand-over and ends the designations first; both are
 * kept as the record of who handled it (user ids and dates only), like the key register and the export approvals.
 * The door's lookup counters of the year's inquiries (which hold the member ids a lookup found) go with the year,
 * before the inquiries themselves; the read budget per user and window belongs to no year and is kept.
 */
@Component
class PrivacyYearData implements YearData {

    /** The year's lookups: those of its inquiries (the inquiry package's table is only read). */
    private static final String OF_YEAR = "where inquiry_id in (select id from inquiry where fiscal_year = ?)";

    private final JdbcTemplate jdbc;
    private final Designations designations;
    private final Clock clock;

    PrivacyYearData(JdbcTemplate jdbc, Designations designations, Clock clock) {
        this.jdbc = jdbc;
        this.designations = designations;
        this.clock = clock;
    }

    @Override
    public String owner() {
        return "privacy";
    }

    /** Before the inquiries: the lookups are found by the year's inquiry ids. */
    @Override
    public int order() {
        return BEFORE_CASES;
    }

    @Override
    public Map<String, Long> count(int fiscalYear) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("designation", jdbc.queryForObject("select count(*) from designation where fiscal_year = ?", Long.class,
                fiscalYear));
        counts.put("door_inquiry_lookup", jdbc.queryForObject("select count(*) from door_inquiry_lookup " + OF_YEAR, Long.class,
                fiscalYear));
        return counts;
    }

    @Override
    public List<String> deletedTables() {
        return List.of("door_inquiry_lookup");
    }

    @Override
    public Map<String, String> keptTables() {
        return Map.of("designation", "取扱者の指定の記録（利用者IDと期間のみ、消去時に終了）",
                "contract_year", "引渡しの可否（消去時に停止）",
                "fiscal_year_key", "鍵の登録簿（破棄の日時と実施者）",
                "export_approval", "持出し承認の記録（件数と理由のみ）",
                "door_read_budget", "利用者ごと・時間枠ごとの閲覧件数（利用者IDと件数のみ、年度に属さない）");
    }

    @Override
    public void close(int fiscalYear, String by) {
        designations.setHandoverAllowed(fiscalYear, false, by);
        jdbc.update("update designation set valid_to = greatest(valid_from, least(valid_to, ?)) where fiscal_year = ?",
                java.sql.Date.valueOf(LocalDate.now(clock).minusDays(1)), fiscalYear);
    }

    @Override
    public Map<String, Long> delete(int fiscalYear) {
        return Map.of("door_inquiry_lookup", (long) jdbc.update("delete from door_inquiry_lookup " + OF_YEAR, fiscalYear));
    }
}
