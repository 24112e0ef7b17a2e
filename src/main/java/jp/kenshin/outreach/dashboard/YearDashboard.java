package jp.kenshin.outreach.dashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import jp.kenshin.outreach.cycle.CycleProgress;

/**
 * The year in one place for the ward (GET /api/dashboard/{fiscalYear}): counts only, never a person. Days are
 * the ward's days (Asia/Tokyo) as {@code yyyy-mm-dd}; times are instants (UTC, ISO 8601); the page shows both as
 * {@code yyyy/mm/dd} in Asia/Tokyo.
 */
public record YearDashboard(int fiscalYear, Instant generatedAt, String zone, CycleProgress.Standing cycle, Targets targets,
        Cards cards, Calls calls, Inquiries inquiries, Attendance attendance, Incidents incidents) {

    /** A labelled count (a group, a state, an outcome, a category). */
    public record Count(String code, String label, long count) {
    }

    /**
     * A count that may be suppressed by the small-cell rule ({@code analysis/SmallCells}): then {@code count} is null
     * and {@code shown} is {@code "<10"}; else {@code shown} is the count with thousands separators.
     */
    public record Cell(Long count, boolean suppressed, String shown) {
    }

    /**
     * @param status the list's status (FROZEN, DRAFT), null when nothing was selected
     * @param groups the targets by group: 通知＋電話, 通知のみ, 比較群（電話なし）
     */
    public record Targets(Long selectionRunId, String status, String statusLabel, long members, long targets, long excluded,
            List<Count> groups) {
    }

    /** Cards planned, rendered into print files, returned undeliverable; the dispatch date when recorded. */
    public record Cards(long total, long rendered, long returned, long batches, long batchesRendered, LocalDate dispatchedOn) {
    }

    /**
     * @param reachRate reached attempts of all attempts (通話率), null without attempts
     * @param caseReachRate cases in which the person was spoken to of all cases (到達率), null without cases
     */
    public record Calls(long cases, List<Count> casesByState, long attempts, long reached, Double reachRate, long casesReached,
            Double caseReachRate, List<Count> byOutcome, List<CallDay> byDay) {
    }

    /** One day's calls (Asia/Tokyo): attempts, reached, and attempts by outcome code. */
    public record CallDay(LocalDate day, long attempts, long reached, java.util.Map<String, Long> byOutcome) {
    }

    /** Inquiries by category; {@code unanswered} were taken but not yet answered. */
    public record Inquiries(long total, long unanswered, long escalated, List<Count> byCategory) {
    }

    /**
     * Attendance to date by arm of the frozen list, as the effect analysis counts it (a checkup result of the
     * year), with the small-cell rule applied to every figure shown.
     *
     * @param uptake null when the list is not frozen or no dispatch date is recorded ({@code uptakeMissing} says why)
     * @param suppressedBelow the rule's threshold: an arm whose people or attendees are 1 to 9 shows "<10" for both and
     *        no rate; a day of the uptake curve whose cumulative count is 1 to 9 is null (a zero is shown)
     */
    public record Attendance(boolean frozenList, int suppressedBelow, List<ArmAttendance> arms, Uptake uptake, String uptakeMissing) {
    }

    /** @param rate attended of people, null when either is suppressed */
    public record ArmAttendance(String arm, String label, Cell people, Cell attended, Double rate) {
    }

    /**
     * Cumulative attendees by day since dispatch (day 0 = the dispatch date, exams before it count at day 0), per
     * arm; a day's figure below the small-cell threshold is null.
     */
    public record Uptake(LocalDate dispatchedOn, LocalDate through, int days, List<UptakeCurve> byArm) {
    }

    public record UptakeCurve(String arm, String label, List<Long> cumulative) {
    }

    /** Incidents of the year: open, awaiting the written report, overdue, escalated; the next report due. */
    public record Incidents(long total, long open, long awaitingReport, long overdue, long escalated, Instant nextReportDue,
            List<Count> byStatus) {
    }
}
