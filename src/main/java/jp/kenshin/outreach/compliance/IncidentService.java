package jp.kenshin.outreach.compliance;

import static jp.kenshin.outreach.process.IncidentReportVariables.INCIDENT_ID;
import static jp.kenshin.outreach.process.IncidentReportVariables.NOTICE_DUE;
import static jp.kenshin.outreach.process.ProcessVariables.FISCAL_YEAR;
import static jp.kenshin.outreach.process.ProcessVariables.REMINDER_AT;
import static jp.kenshin.outreach.process.ProcessVariables.REPORT_DUE;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accidents and breaches (provision 11): raised at once, acknowledged by the ward within hours, a
 * written report from the contractor within days (with a reminder and an escalation when late), the
 * ward's instructions, closure; and a public summary without personal data when the ward decides
 * to publish (provision 12).
 */
@Service
public class IncidentService {

    public static final List<String> CATEGORIES = List.of("漏えい", "紛失", "誤送付", "不正アクセス", "目的外利用", "その他");

    public record Raised(long id, Date noticeDue, Date reportDue, Date reminderAt) {

        /** The incident-report instance's business key: the incident's number, nothing of its content. */
        public String businessKey() {
            return "incident-" + id;
        }

        /** What an incident-report instance starts with: the year, the incident's id and its due times. */
        public Map<String, Object> processVariables(int fiscalYear) {
            return Map.of(FISCAL_YEAR, fiscalYear, INCIDENT_ID, id, NOTICE_DUE, noticeDue, REPORT_DUE, reportDue,
                    REMINDER_AT, reminderAt);
        }
    }

    public record PublicSummary(long id, int fiscalYear, String category, LocalDate occurredOn, int affectedCount,
            String summary, String measures, String status) {
    }

    private final JdbcTemplate jdbc;
    private final IncidentProperties properties;
    private final Clock clock;

    public IncidentService(JdbcTemplate jdbc, IncidentProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    public Raised raise(int fiscalYear, String category, LocalDate occurredOn, int affectedCount, String summary, String by) {
        if (!CATEGORIES.contains(category)) {
            throw new IllegalArgumentException("区分は " + String.join("、", CATEGORIES) + " のいずれかです");
        }
        if (occurredOn == null || summary == null || summary.isBlank() || affectedCount < 0) {
            throw new IllegalArgumentException("発生日、概要、影響件数（0以上）が必要です");
        }
        TextCaps.check("summary", "概要", summary, TextCaps.SHORT);
        Instant now = clock.instant();
        Instant reportDue = now.plus(properties.reportWithin());
        long id = jdbc.queryForObject("""
                insert into incident (fiscal_year, category, occurred_on, affected_count, summary, raised_by, report_due)
                values (?, ?, ?, ?, ?, ?, ?) returning id""", Long.class,
                fiscalYear, category, java.sql.Date.valueOf(occurredOn), affectedCount, summary, by, Timestamp.from(reportDue));
        return new Raised(id, Date.from(now.plus(properties.noticeWithin())), Date.from(reportDue),
                Date.from(reportDue.minus(properties.remindBefore())));
    }

    /**
     * The year's incidents for the dashboard: counts by status, the open ones (not closed), those whose
     * written report is still awaited, how many of those are past their due time, the escalated ones,
     * and the earliest report due. Counts and a time only: no summary text.
     */
    public record Counts(int fiscalYear, long total, long open, long awaitingReport, long overdue, long escalated,
            Instant nextReportDue, Map<String, Long> byStatus) {
    }

    /** The statuses in their order, with the label staff read. */
    public static final Map<String, String> STATUS_LABELS = Map.of("RAISED", "報告受付", "ACKNOWLEDGED", "区が確認済み（書面の報告待ち）",
            "REPORTED", "書面の報告あり", "INSTRUCTED", "区の指示済み", "CLOSED", "完了");
    private static final List<String> STATUSES = List.of("RAISED", "ACKNOWLEDGED", "REPORTED", "INSTRUCTED", "CLOSED");

    public Counts counts(int fiscalYear) {
        Map<String, Long> byStatus = new java.util.LinkedHashMap<>();
        STATUSES.forEach(s -> byStatus.put(s, 0L));
        jdbc.query("select status, count(*) from incident where fiscal_year = ? group by status",
                rs -> {
                    byStatus.put(rs.getString(1), rs.getLong(2));
                }, fiscalYear);
        Map<String, Object> row = jdbc.queryForMap("""
                select count(*) filter (where status <> 'CLOSED') as open,
                  count(*) filter (where status in ('RAISED', 'ACKNOWLEDGED')) as awaiting,
                  count(*) filter (where status in ('RAISED', 'ACKNOWLEDGED') and report_due < now()) as overdue,
                  count(*) filter (where status <> 'CLOSED' and escalated_at is not null) as escalated,
                  min(report_due) filter (where status in ('RAISED', 'ACKNOWLEDGED')) as next_due
                from incident where fiscal_year = ?""", fiscalYear);
        Timestamp next = (Timestamp) row.get("next_due");
        return new Counts(fiscalYear, byStatus.values().stream().mapToLong(Long::longValue).sum(), ((Number) row.get("open")).longValue(),
                ((Number) row.get("awaiting")).longValue(), ((Number) row.get("overdue")).longValue(),
                ((Number) row.get("escalated")).longValue(), next == null ? null : next.toInstant(), byStatus);
    }

    public void acknowledge(long id) {
        jdbc.update("update incident set status = 'ACKNOWLEDGED' where id = ? and status = 'RAISED'", id);
    }

    public void remind(long id) {
        jdbc.update("update incident set reminders_sent = reminders_sent + 1 where id = ?", id);
    }

    public void escalate(long id) {
        jdbc.update("update incident set escalated_at = coalesce(escalated_at, now()) where id = ?", id);
    }

    public void report(long id, String writtenReport, String by) {
        if (writtenReport == null || writtenReport.isBlank()) {
            throw new IllegalArgumentException("書面の報告（経緯、原因、影響、再発防止策）を入力してください");
        }
        TextCaps.check("writtenReport", "書面の報告", writtenReport, TextCaps.REPORT);
        jdbc.update("update incident set written_report = ?, reported_by = ?, reported_at = now(), status = 'REPORTED' where id = ?",
                writtenReport, by, id);
    }

    public void instruct(long id, String instructions, String by) {
        if (instructions == null || instructions.isBlank()) {
            throw new IllegalArgumentException("区の指示を入力してください");
        }
        TextCaps.check("instructions", "区の指示", instructions, TextCaps.REPORT);
        jdbc.update("update incident set instructions = ?, instructed_by = ?, status = 'INSTRUCTED' where id = ?",
                instructions, by, id);
    }

    public void close(long id, boolean publish, String by) {
        jdbc.update("update incident set status = 'CLOSED', published = ?, closed_by = ?, closed_at = now() where id = ?",
                publish, by, id);
    }

    public Map<String, Object> state(long id) {
        return jdbc.queryForList("select id, status, reminders_sent, escalated_at is not null as escalated, published from incident where id = ?", id)
                .stream().findFirst().orElseThrow(() -> unknown(id));
    }

    /** The public summary (provision 12): only for a published incident, and only what names no one. */
    public PublicSummary publicSummary(long id) {
        Map<String, Object> row = jdbc.queryForList("select * from incident where id = ?", id).stream().findFirst()
                .orElseThrow(() -> unknown(id));
        if (!Boolean.TRUE.equals(row.get("published"))) {
            throw new IllegalStateException("事故 " + id + " は公表の対象になっていません");
        }
        return new PublicSummary(id, (Integer) row.get("fiscal_year"), (String) row.get("category"),
                ((java.sql.Date) row.get("occurred_on")).toLocalDate(), (Integer) row.get("affected_count"),
                (String) row.get("summary"), (String) row.get("instructions"), (String) row.get("status"));
    }

    private static java.util.NoSuchElementException unknown(long id) {
        return new java.util.NoSuchElementException("事故 " + id + " はありません");
    }
}
