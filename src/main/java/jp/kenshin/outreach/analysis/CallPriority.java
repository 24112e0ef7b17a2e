package jp.kenshin.outreach.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import jp.kenshin.outreach.analysis.stats.Estimate;
import jp.kenshin.outreach.analysis.stats.Interval;

/**
 * Whom to call next year (issue 16, item 3, the computation only): the sex × age band strata ranked by the expected
 * additional attendees per call, from the shrunken (empirical Bayes) effect of each stratum, and the strata a call
 * budget reaches in that order.
 *
 * <pre>
 *   calls per person_s    = calls made to the call arm of s by the cut-off / people of the call arm of s
 *   gain per call_s       = BLUP_s / calls per person_s            (its interval: the BLUP's interval / calls per person)
 *   people_s              = phone owners of s this year (call arm + holdout): next year's stratum is taken to be the same size
 *   expected calls_s      = calls per person_s × people_s;  expected gain_s = BLUP_s × people_s
 * </pre>
 * Strata are taken in descending gain per call while the budget (default: this year's calls) lasts; a stratum that does
 * not fit whole is left out and the next ones are still tried. Strata without a shrunken estimate, without calls, or
 * with a gain per call not above 0 are never proposed. "Calling everyone" is every stratum with an estimate.
 * Not yet done (later work): next year's holdout share, the DMN table bpmn/call-priority.dmn generated from these rows,
 * and the ward's approval in Tasklist.
 *
 * @param budget calls available
 * @param rows the strata in ranked order
 * @param plannedCalls expected calls of the strata proposed
 * @param plannedGain expected additional attendees of the strata proposed
 * @param everyoneCalls expected calls when calling every stratum
 * @param everyoneGain expected additional attendees when calling every stratum
 */
public record CallPriority(long budget, List<Row> rows, double plannedCalls, double plannedGain, double everyoneCalls,
        double everyoneGain) {

    public static final String METHOD = "縮小推定（BLUP）÷1人当たり架電数";

    public CallPriority {
        rows = List.copyOf(rows);
    }

    /**
     * @param rank 1 for the highest gain per call
     * @param proposed within the budget
     */
    public record Row(int rank, String code, String label, long people, double callsPerPerson, Estimate shrunken,
            Estimate gainPerCall, double expectedCalls, double expectedGain, boolean proposed, boolean suppressed) {
    }

    /** One target for the calls per person. */
    record Input(Arm arm, int sex, String ageBand, int calls) {
    }

    static Optional<CallPriority> of(SegmentEffects.Segmentation sexAge, List<Input> people, long budget) {
        Map<String, List<Input>> byStratum = people.stream().filter(p -> p.arm() != Arm.NOTICE_ONLY)
                .collect(Collectors.groupingBy(p -> p.sex() + "|" + p.ageBand()));
        record Candidate(SegmentEffects.Segment segment, long people, double callsPerPerson, Estimate gainPerCall) {
        }
        List<Candidate> candidates = new ArrayList<>();
        for (SegmentEffects.Segment s : sexAge.segments()) {
            List<Input> in = byStratum.getOrDefault(s.code(), List.of());
            long callArm = in.stream().filter(p -> p.arm() == Arm.NOTICE_AND_CALL).count();
            long calls = in.stream().filter(p -> p.arm() == Arm.NOTICE_AND_CALL).mapToLong(Input::calls).sum();
            if (s.shrunken().isEmpty() || callArm == 0 || calls == 0) {
                continue;
            }
            double perPerson = (double) calls / callArm;
            Estimate b = s.shrunken().get();
            candidates.add(new Candidate(s, in.size(), perPerson, new Estimate(b.value() / perPerson,
                    new Interval(b.ci95().lower() / perPerson, b.ci95().upper() / perPerson), METHOD)));
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        candidates.sort(Comparator.comparingDouble((Candidate c) -> c.gainPerCall().value()).reversed()
                .thenComparing(c -> c.segment().code()));
        List<Row> rows = new ArrayList<>();
        double used = 0;
        double gain = 0;
        double everyoneCalls = 0;
        double everyoneGain = 0;
        int rank = 0;
        for (Candidate c : candidates) {
            double calls = c.callsPerPerson() * c.people();
            double expected = c.segment().shrunken().get().value() * c.people();
            everyoneCalls += calls;
            everyoneGain += expected;
            boolean proposed = c.gainPerCall().value() > 0 && used + calls <= budget;
            if (proposed) {
                used += calls;
                gain += expected;
            }
            rows.add(new Row(++rank, c.segment().code(), c.segment().label(), c.people(), c.callsPerPerson(),
                    c.segment().shrunken().get(), c.gainPerCall(), calls, expected, proposed, c.segment().suppressed()));
        }
        return Optional.of(new CallPriority(budget, rows, used, gain, everyoneCalls, everyoneGain));
    }
}
