package jp.kenshin.outreach.dashboard;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import jp.kenshin.outreach.analysis.Arm;
import jp.kenshin.outreach.analysis.SmallCells;
import jp.kenshin.outreach.calling.CallOutcome;
import jp.kenshin.outreach.calling.CallReports;
import jp.kenshin.outreach.compliance.IncidentService;
import jp.kenshin.outreach.cycle.CycleProgress;
import jp.kenshin.outreach.dashboard.YearDashboard.ArmAttendance;
import jp.kenshin.outreach.dashboard.YearDashboard.CallDay;
import jp.kenshin.outreach.dashboard.YearDashboard.Count;
import jp.kenshin.outreach.inquiry.InquiryCategory;
import jp.kenshin.outreach.inquiry.InquiryReports;
import jp.kenshin.outreach.mailing.MailingService;
import jp.kenshin.outreach.results.AttendanceCounts;
import jp.kenshin.outreach.selection.SelectionCounts;
import jp.kenshin.outreach.selection.TargetGroup;
import jp.kenshin.outreach.selection.TargetSelectionService;
import org.springframework.stereotype.Service;

/**
 * Puts the year's figures together from each capability's own counts: the cycle's standing (engine
 * history), the target list (selection), the cards (mailing), the calls (calling), the inquiries (desk),
 * attendance by arm (results, counted over the arms of the frozen list) and incidents (compliance).
 * No personal data is read: the arms are member ids handed from the selection to the results' count query.
 */
@Service
public class DashboardService {

    /** The arms as the effect analysis names them. */
    static final Map<Arm, String> ARM_LABELS = new EnumMap<>(Map.of(
            Arm.NOTICE_AND_CALL, "通知＋電話",
            Arm.NOTICE_ONLY, "通知のみ",
            Arm.HOLDOUT, "比較群（電話なし）"));

    private final CycleProgress cycle;
    private final TargetSelectionService selection;
    private final MailingService mailing;
    private final CallReports calls;
    private final InquiryReports inquiries;
    private final AttendanceCounts attendance;
    private final IncidentService incidents;
    private final Clock clock;
    private final ZoneId zone;

    public DashboardService(CycleProgress cycle, TargetSelectionService selection, MailingService mailing, CallReports calls,
            InquiryReports inquiries, AttendanceCounts attendance, IncidentService incidents, Clock clock) {
        this.cycle = cycle;
        this.selection = selection;
        this.mailing = mailing;
        this.calls = calls;
        this.inquiries = inquiries;
        this.attendance = attendance;
        this.incidents = incidents;
        this.clock = clock;
        this.zone = clock.getZone();
    }

    public YearDashboard of(int fiscalYear) {
        MailingService.CardCounts cards = mailing.cardCounts(fiscalYear);
        return new YearDashboard(fiscalYear, clock.instant(), zone.getId(), cycle.standing(fiscalYear), targets(fiscalYear),
                new YearDashboard.Cards(cards.total(), cards.rendered(), cards.returned(), cards.batches(), cards.batchesRendered(),
                        cards.dispatchedOn()),
                calls(fiscalYear), inquiries(fiscalYear), attendance(fiscalYear, cards.dispatchedOn()), incidents(fiscalYear));
    }

    private YearDashboard.Targets targets(int fiscalYear) {
        Long runId = selection.currentRun(fiscalYear);
        if (runId == null) {
            return new YearDashboard.Targets(null, null, "未抽出", 0, 0, 0, List.of());
        }
        SelectionCounts c = selection.counts(runId);
        List<Count> groups = List.of(
                new Count(Arm.NOTICE_AND_CALL.name(), TargetGroup.NOTICE_AND_CALL.label(), c.noticeAndCall()),
                new Count(Arm.NOTICE_ONLY.name(), TargetGroup.NOTICE_ONLY.label(), c.noticeOnly() - c.heldOut()),
                new Count(Arm.HOLDOUT.name(), ARM_LABELS.get(Arm.HOLDOUT), c.heldOut()));
        return new YearDashboard.Targets(runId, c.status(), "FROZEN".equals(c.status()) ? "確定" : "承認待ち（未確定）", c.members(),
                c.targets(), c.excluded(), groups);
    }

    private YearDashboard.Calls calls(int fiscalYear) {
        CallReports.Progress p = calls.progress(fiscalYear);
        List<Count> states = new ArrayList<>();
        p.casesByState().forEach((state, n) -> states.add(new Count(state.name(), state.label(), n)));
        long cases = p.casesByState().values().stream().mapToLong(Long::longValue).sum();
        Map<CallOutcome, Long> outcomes = new EnumMap<>(CallOutcome.class);
        List<CallDay> days = new ArrayList<>();
        for (CallReports.Day d : p.days()) {
            Map<String, Long> byOutcome = new LinkedHashMap<>();
            for (CallOutcome o : CallOutcome.values()) {
                long n = d.byOutcome().getOrDefault(o, 0L);
                byOutcome.put(o.name(), n);
                outcomes.merge(o, n, Long::sum);
            }
            days.add(new CallDay(d.day(), d.attempts(), d.reached(), byOutcome));
        }
        List<Count> byOutcome = new ArrayList<>();
        for (CallOutcome o : CallOutcome.values()) {
            byOutcome.add(new Count(o.name(), o.label(), outcomes.getOrDefault(o, 0L)));
        }
        long casesReached = calls.casesReached(fiscalYear);
        return new YearDashboard.Calls(cases, states, p.attempts(), p.reached(), rate(p.reached(), p.attempts()), casesReached,
                rate(casesReached, cases), byOutcome, days);
    }

    private YearDashboard.Inquiries inquiries(int fiscalYear) {
        Map<InquiryCategory, Long> totals = new EnumMap<>(InquiryCategory.class);
        long unanswered = 0;
        long escalated = 0;
        for (InquiryReports.Day d : inquiries.byDay(fiscalYear)) {
            d.byCategory().forEach((category, n) -> totals.merge(category, n, Long::sum));
            unanswered += d.unanswered();
            escalated += d.escalated();
        }
        List<Count> byCategory = new ArrayList<>();
        for (InquiryCategory c : InquiryCategory.values()) {
            byCategory.add(new Count(c.name(), c.label(), totals.getOrDefault(c, 0L)));
        }
        long total = totals.values().stream().mapToLong(Long::longValue).sum() + unanswered;
        return new YearDashboard.Inquiries(total, unanswered, escalated, byCategory);
    }

    private YearDashboard.Attendance attendance(int fiscalYear, LocalDate dispatchedOn) {
        Long frozen = selection.frozenRun(fiscalYear);
        if (frozen == null) {
            return new YearDashboard.Attendance(false, SmallCells.MIN, List.of(), null, "対象者リストが確定していません");
        }
        Map<Arm, List<Long>> members = new EnumMap<>(Arm.class);
        for (Arm arm : Arm.values()) {
            members.put(arm, new ArrayList<>());
        }
        for (TargetSelectionService.SelectedTarget t : selection.targets(frozen)) {
            Arm arm = t.group() == TargetGroup.NOTICE_AND_CALL ? Arm.NOTICE_AND_CALL : t.heldOut() ? Arm.HOLDOUT : Arm.NOTICE_ONLY;
            members.get(arm).add(t.memberId());
        }
        Map<Arm, SortedMap<LocalDate, Long>> byDate = new EnumMap<>(Arm.class);
        List<ArmAttendance> arms = new ArrayList<>();
        LocalDate lastExam = null;
        for (Arm arm : List.of(Arm.NOTICE_AND_CALL, Arm.HOLDOUT, Arm.NOTICE_ONLY)) {
            List<Long> ids = members.get(arm);
            if (ids.isEmpty()) {
                continue;
            }
            SortedMap<LocalDate, Long> dates = attendance.attendeesByExamDate(fiscalYear, ids);
            byDate.put(arm, dates);
            if (!dates.isEmpty() && (lastExam == null || dates.lastKey().isAfter(lastExam))) {
                lastExam = dates.lastKey();
            }
            long attended = dates.values().stream().mapToLong(Long::longValue).sum();
            // the analysis's rule: the arm's line rests on fewer than 10 people when its size or its attendees are 1 to 9
            boolean small = SmallCells.suppressed(ids.size(), attended);
            arms.add(new ArmAttendance(arm.name(), ARM_LABELS.get(arm), cell(ids.size(), small), cell(attended, small),
                    small ? null : rate(attended, ids.size())));
        }
        if (dispatchedOn == null) {
            return new YearDashboard.Attendance(true, SmallCells.MIN, arms, null, "差出日が記録されていないため、差出日からの推移はまだありません");
        }
        // to today, or to the last exam counted when results arrive later than that (a past year, a test)
        LocalDate today = LocalDate.now(clock);
        LocalDate yearEnd = LocalDate.of(fiscalYear + 1, 3, 31);
        LocalDate through = today.isBefore(yearEnd) ? today : yearEnd;
        if (lastExam != null && lastExam.isAfter(through)) {
            through = lastExam;
        }
        if (through.isBefore(dispatchedOn)) {
            through = dispatchedOn;
        }
        int days = (int) ChronoUnit.DAYS.between(dispatchedOn, through);
        List<YearDashboard.UptakeCurve> curves = new ArrayList<>();
        byDate.forEach((arm, dates) -> {
            long[] perDay = new long[days + 1];
            dates.forEach((date, n) -> {
                long day = Math.max(0, ChronoUnit.DAYS.between(dispatchedOn, date));
                if (day <= days) {
                    perDay[(int) day] += n;
                }
            });
            List<Long> cumulative = new ArrayList<>(days + 1);
            long sum = 0;
            for (long n : perDay) {
                sum += n;
                cumulative.add(SmallCells.suppressed(sum) ? null : sum);
            }
            curves.add(new YearDashboard.UptakeCurve(arm.name(), ARM_LABELS.get(arm), cumulative));
        });
        return new YearDashboard.Attendance(true, SmallCells.MIN, arms,
                new YearDashboard.Uptake(dispatchedOn, through, days, curves), null);
    }

    private YearDashboard.Incidents incidents(int fiscalYear) {
        IncidentService.Counts c = incidents.counts(fiscalYear);
        List<Count> byStatus = new ArrayList<>();
        c.byStatus().forEach((status, n) -> byStatus.add(new Count(status, IncidentService.STATUS_LABELS.get(status), n)));
        return new YearDashboard.Incidents(c.total(), c.open(), c.awaitingReport(), c.overdue(), c.escalated(), c.nextReportDue(),
                byStatus);
    }

    /** A count as shown: "<10" without the count when its line is suppressed, else with thousands separators. */
    static YearDashboard.Cell cell(long count, boolean suppressed) {
        return suppressed ? new YearDashboard.Cell(null, true, SmallCells.COUNT)
                : new YearDashboard.Cell(count, false, String.format(java.util.Locale.ROOT, "%,d", count));
    }

    private static Double rate(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
