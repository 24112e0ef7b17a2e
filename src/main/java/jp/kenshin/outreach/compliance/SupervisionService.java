package jp.kenshin.outreach.compliance;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The ward's supervision of the contractor while it holds the data: reports asked for and answered
 * by a due date (provision 8), and on-site audits whose findings are followed up until closed
 * (provision 9). Everything asked, answered and found is kept.
 */
@Service
public class SupervisionService {

    public record Requested(long id, Date due, Date reminderAt) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public SupervisionService(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Requested requestReport(int fiscalYear, String subject, int dueInDays, String by) {
        if (subject == null || subject.isBlank() || dueInDays < 1) {
            throw new IllegalArgumentException("報告を求める事項と、1日以上の期限が必要です");
        }
        TextCaps.check("reportSubject", "報告を求める事項", subject, TextCaps.SHORT);
        Instant due = clock.instant().plus(Duration.ofDays(dueInDays));
        long id = jdbc.queryForObject("insert into report_request (fiscal_year, subject, requested_by, due) values (?, ?, ?, ?) returning id",
                Long.class, fiscalYear, subject, by, Timestamp.from(due));
        // reminded one day before the due date
        return new Requested(id, Date.from(due), Date.from(due.minus(Duration.ofDays(1))));
    }

    public void remindReport(long id) {
        jdbc.update("update report_request set reminders_sent = reminders_sent + 1 where id = ?", id);
    }

    public void escalateReport(long id) {
        jdbc.update("update report_request set escalated_at = coalesce(escalated_at, now()) where id = ?", id);
    }

    public void answerReport(long id, String answer, String by) {
        if (answer == null || answer.isBlank()) {
            throw new IllegalArgumentException("報告の内容を入力してください");
        }
        TextCaps.check("reportAnswer", "報告の内容", answer, TextCaps.REPORT);
        jdbc.update("update report_request set answer = ?, answered_by = ?, answered_at = now() where id = ?", answer, by, id);
    }

    public void acceptReport(long id, String by) {
        jdbc.update("update report_request set accepted_by = ?, accepted_at = now() where id = ?", by, id);
    }

    public Map<String, Object> reportRequest(long id) {
        return jdbc.queryForList("""
                select id, fiscal_year, subject, due, reminders_sent, escalated_at is not null as escalated,
                  answer, answered_at, accepted_at from report_request where id = ?""", id).stream().findFirst()
                .orElseThrow(() -> new java.util.NoSuchElementException("報告の求め " + id + " はありません"));
    }

    public long recordAudit(int fiscalYear, LocalDate auditedOn, String findings, boolean followUp, String by) {
        if (auditedOn == null || findings == null || findings.isBlank()) {
            throw new IllegalArgumentException("監査日と所見が必要です（所見がない場合は「指摘なし」）");
        }
        TextCaps.check("auditFindings", "所見", findings, TextCaps.REPORT);
        return jdbc.queryForObject("""
                insert into site_audit (fiscal_year, audited_on, auditor, findings, follow_up) values (?, ?, ?, ?, ?)
                returning id""", Long.class, fiscalYear, java.sql.Date.valueOf(auditedOn), by, findings, followUp);
    }

    public void remedy(long auditId, String remedies) {
        if (remedies == null || remedies.isBlank()) {
            throw new IllegalArgumentException("講じた改善措置を入力してください");
        }
        TextCaps.check("remedies", "改善措置", remedies, TextCaps.REPORT);
        jdbc.update("update site_audit set remedies = coalesce(remedies || E'\\n', '') || ?, rounds = rounds + 1 where id = ?",
                remedies, auditId);
    }

    public void closeAudit(long auditId, String by) {
        jdbc.update("update site_audit set closed_by = ?, closed_at = now() where id = ?", by, auditId);
    }

    public Map<String, Object> audit(long auditId) {
        return jdbc.queryForList("select id, fiscal_year, audited_on, follow_up, rounds, closed_at is not null as closed from site_audit where id = ?",
                auditId).stream().findFirst()
                .orElseThrow(() -> new java.util.NoSuchElementException("実地監査 " + auditId + " はありません"));
    }
}
