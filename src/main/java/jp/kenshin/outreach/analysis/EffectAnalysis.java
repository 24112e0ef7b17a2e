package jp.kenshin.outreach.analysis;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.kenshin.outreach.analysis.stats.Estimate;
import jp.kenshin.outreach.analysis.stats.Proportion;

/**
 * One effect analysis of a fiscal year as it is stored, shown over REST and rendered into the
 * deliverables: aggregates only (counts, rates, intervals, tests, curves), never a row about a person.
 *
 * @param fiscalYear the fiscal year
 * @param selectionRunId the frozen target list analysed (its eligible targets are the people of the analysis)
 * @param cutOff results with an exam date after it do not count as attendance
 * @param holdoutShare the share of phone owners held out of calls at selection (0: no holdout)
 * @param dispatchDate the postcards' dispatch date, when recorded
 * @param counts the people and events of the analysis
 * @param figures the statistics of {@link EffectCalculator}
 * @param crudeOddsRatio odds ratio of attending, call arm over the notice-only group, not adjusted (absent
 *        when not estimable, e.g. nobody attended in a group)
 * @param strata people and attendees per sex × 5-year age band and arm: the tables the stratified figures are made of
 * @param phoneArm descriptive tables within the call arm (reached, attempts, outcome, case state)
 * @param curves cumulative uptake by days since dispatch, per arm; absent without a dispatch date
 * @param curvesNotComputedReason why {@code curves} is absent
 * @param healthYield what the calls found: guidance levels of the attendees per arm, people needing guidance found
 *        per target, per 1,000 calls and per yen (absent in runs stored before issue 16)
 * @param segments the effect per segment with heterogeneity tests and shrunken estimates (absent in runs stored
 *        before issue 16)
 * @param callPriority next year's call priority by sex × age band from the shrunken estimates and a call budget
 *        (absent in runs stored before issue 16, or without shrunken estimates)
 */
public record EffectAnalysis(
        int fiscalYear,
        long selectionRunId,
        LocalDate cutOff,
        double holdoutShare,
        Optional<LocalDate> dispatchDate,
        Counts counts,
        EffectFigures figures,
        Optional<Estimate> crudeOddsRatio,
        List<Stratum> strata,
        PhoneArm phoneArm,
        Optional<UptakeCurves> curves,
        Optional<String> curvesNotComputedReason,
        Optional<HealthYield> healthYield,
        Optional<SegmentEffects> segments,
        Optional<CallPriority> callPriority) {

    public EffectAnalysis {
        strata = List.copyOf(strata);
        healthYield = healthYield == null ? Optional.empty() : healthYield;
        segments = segments == null ? Optional.empty() : segments;
        callPriority = callPriority == null ? Optional.empty() : callPriority;
    }

    /** An analysis without the health yield and the segments (as stored before issue 16). */
    public EffectAnalysis(int fiscalYear, long selectionRunId, LocalDate cutOff, double holdoutShare, Optional<LocalDate> dispatchDate,
            Counts counts, EffectFigures figures, Optional<Estimate> crudeOddsRatio, List<Stratum> strata, PhoneArm phoneArm,
            Optional<UptakeCurves> curves, Optional<String> curvesNotComputedReason) {
        this(fiscalYear, selectionRunId, cutOff, holdoutShare, dispatchDate, counts, figures, crudeOddsRatio, strata, phoneArm, curves,
                curvesNotComputedReason, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Whether a holdout was drawn at selection and has people: then the randomised comparison is the main result. */
    public boolean withHoldout() {
        return figures.holdout().isPresent();
    }

    /** The main result: the ITT difference against the holdout when there is one, else the crude difference. */
    public Headline headline() {
        return figures.holdout()
                .map(h -> new Headline(Headline.ITT, h.intentionToTreat().first(), h.holdout(), h.intentionToTreat().difference()))
                .orElseGet(() -> new Headline(Headline.CRUDE, figures.call(), figures.noticeOnly(), figures.crude().difference()));
    }

    /**
     * The main result in one line.
     *
     * @param basis {@value #ITT} (call arm against the holdout) or {@value #CRUDE} (call arm against the
     *        notice-only group, not a causal estimate)
     * @param treated uptake in the call arm
     * @param comparison uptake in the group compared with
     * @param difference treated minus comparison, with its interval
     */
    public record Headline(String basis, Proportion treated, Proportion comparison, Estimate difference) {
        public static final String ITT = "ITT";
        public static final String CRUDE = "CRUDE";
    }

    /**
     * @param targets the eligible targets of the frozen list
     * @param attended of them, those with a result of the year by the cut-off date
     * @param callCases call cases opened in the call arm
     * @param callsMade calls made (all call attempts of the year)
     * @param reached people of the call arm a call reached
     * @param returnedCards postcards returned undelivered
     */
    public record Counts(long targets, long attended, long callCases, long callsMade, long reached, long returnedCards) {
    }

    /** One sex × age band stratum: people and attendees per arm ({@code noticeOnly} is the NOTICE_ONLY arm without the holdout). */
    public record Stratum(int sex, String ageBand, long callPeople, long callAttended, long noticeOnlyPeople,
            long noticeOnlyAttended, long holdoutPeople, long holdoutAttended, boolean suppressed) {

        /** A stratum with its small-cell mark computed ({@link SmallCells}). */
        public Stratum(int sex, String ageBand, long callPeople, long callAttended, long noticeOnlyPeople, long noticeOnlyAttended,
                long holdoutPeople, long holdoutAttended) {
            this(sex, ageBand, callPeople, callAttended, noticeOnlyPeople, noticeOnlyAttended, holdoutPeople, holdoutAttended,
                    SmallCells.suppressed(callPeople, callAttended, noticeOnlyPeople, noticeOnlyAttended, holdoutPeople, holdoutAttended));
        }
    }

    /**
     * Descriptive tables within the call arm. They describe who was reached, called how often, with which
     * outcome: not the effect of the calls (those reached differ from those not reached in more than the call).
     *
     * @param people the call arm
     * @param withCallCase of them, those with a call case (the others' numbers turned out unusable before the calls)
     * @param callsMade calls made
     */
    public record PhoneArm(long people, long withCallCase, long callsMade, List<Descriptive> byReach,
            List<Descriptive> byAttempts, List<Descriptive> byLastOutcome, List<Descriptive> byCaseState) {

        public PhoneArm {
            byReach = List.copyOf(byReach);
            byAttempts = List.copyOf(byAttempts);
            byLastOutcome = List.copyOf(byLastOutcome);
            byCaseState = List.copyOf(byCaseState);
        }
    }

    /** One line of a descriptive table: a code, its Japanese label and the uptake of its people. */
    public record Descriptive(String code, String label, Proportion uptake, boolean suppressed) {

        /** A line with its small-cell mark computed ({@link SmallCells}). */
        public Descriptive(String code, String label, Proportion uptake) {
            this(code, label, uptake, SmallCells.suppressed(uptake.trials(), uptake.successes()));
        }
    }

    /**
     * Cumulative uptake since the postcards' dispatch, per arm, day by day from day 0 (the dispatch date)
     * to the cut-off date. Exams before the dispatch date count at day 0.
     */
    public record UptakeCurves(LocalDate dispatchDate, int lastDay, Map<Arm, Curve> byArm) {

        public UptakeCurves {
            byArm = EffectFigures.inArmOrder(byArm);
        }
    }

    /**
     * @param people the arm
     * @param attendedBeforeDispatch exams before the dispatch date (counted at day 0)
     * @param cumulativeAttended attendees with an exam on or before each day since dispatch, index = day
     */
    public record Curve(long people, long attendedBeforeDispatch, List<Long> cumulativeAttended) {

        public Curve {
            cumulativeAttended = List.copyOf(cumulativeAttended);
        }

        /** The cumulative share of the arm that attended by that day. */
        public double share(int day) {
            return people == 0 ? Double.NaN : (double) cumulativeAttended.get(day) / people;
        }
    }
}
