package jp.kenshin.outreach.privacy;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Provision 5 (no copying or duplication): an export of personal data other than the approved print
 * data needs the ward's approval first. An approval is for one requester, year, purpose and at most
 * a number of persons, and is used once.
 */
@Repository
public class ExportApprovals {

    private final JdbcTemplate jdbc;

    public ExportApprovals(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long request(int fiscalYear, Purpose purpose, int memberCount, String reason, String by) {
        if (memberCount < 1 || reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("持ち出す人数（1以上）と理由が必要です");
        }
        return jdbc.queryForObject("""
                insert into export_approval (fiscal_year, purpose, member_count, reason, requested_by)
                values (?, ?, ?, ?, ?) returning id""", Long.class, fiscalYear, purpose.name(), memberCount, reason, by);
    }

    public void decide(long id, boolean approved, String by) {
        jdbc.update("update export_approval set status = ?, decided_by = ?, decided_at = now() where id = ? and status = 'REQUESTED'",
                approved ? "APPROVED" : "REFUSED", by, id);
    }

    /** Uses an approval for an export, or says why it cannot be used. */
    String use(Long id, Requester who, int fiscalYear, Purpose purpose, int count) {
        if (id == null) {
            return "印刷データ以外の持ち出しには区の承認が必要です（特記事項5）";
        }
        List<Map<String, Object>> rows = jdbc.queryForList("select * from export_approval where id = ? for update", id);
        if (rows.isEmpty()) {
            return "持ち出し承認 " + id + " はありません";
        }
        Map<String, Object> a = rows.get(0);
        if (!"APPROVED".equals(a.get("status"))) {
            return "持ち出し承認 " + id + " は承認済みで未使用のものではありません（" + a.get("status") + "）";
        }
        if (!who.userId().equals(a.get("requested_by")) || fiscalYear != (Integer) a.get("fiscal_year")
                || !purpose.name().equals(a.get("purpose")) || count > (Integer) a.get("member_count")) {
            return "持ち出し承認 " + id + " はこの持ち出し（利用者、年度、目的、人数）に対するものではありません";
        }
        jdbc.update("update export_approval set status = 'USED', used_at = now() where id = ?", id);
        return null;
    }
}
