package jp.kenshin.outreach.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import jp.kenshin.outreach.analysis.stats.BreslowDay;
import jp.kenshin.outreach.analysis.stats.ChiSquareTest;
import jp.kenshin.outreach.analysis.stats.Estimate;
import jp.kenshin.outreach.analysis.stats.RandomEffects;
import jp.kenshin.outreach.analysis.stats.TwoByTwo;
import jp.kenshin.outreach.analysis.stats.TwoProportions;

/**
 * Whom the calls moved (issue 16, item 2): the call arm against the comparison group (the holdout when there is one,
 * else the notice-only group) in the segments of three segmentations — sex × 5-year age band, attended before or not,
 * card variant — with, per segmentation:
 * <ul>
 * <li>per segment the risk difference with the Wald interval of {@code prop.test(c(x1, x2), c(n1, n2), correct = FALSE)};</li>
 * <li>Breslow–Day (Tarone) for the homogeneity of the odds ratios ({@link BreslowDay}), and Cochran's Q for the risk
 * differences ({@code metafor::rma(yi, vi, method = "FE")$QE}, {@code vi = p1(1−p1)/n1 + p2(1−p2)/n2});</li>
 * <li>the shrunken estimate of each segment, the empirical Bayes BLUP of a DerSimonian–Laird random-effects model
 * ({@link RandomEffects}; {@code blup(rma(yi, vi, method = "DL"))}), so that a small segment does not steer next
 * year's plan on noise.</li>
 * </ul>
 * A segment enters the meta-analysis only when both groups have people and its variance is positive (some but not
 * all of a group attended in at least one group); the others are listed without an estimate.
 *
 * @param basis ITT (against the holdout) or CRUDE (against the notice-only group, not a randomised comparison)
 * @param segmentations the three segmentations, each with its segments
 */
public record SegmentEffects(String basis, List<Segmentation> segmentations) {

    public static final String SEX_AGE = "SEX_AGE";
    public static final String ATTENDED_BEFORE = "ATTENDED_BEFORE";
    public static final String CARD_VARIANT = "CARD_VARIANT";

    public SegmentEffects {
        segmentations = List.copyOf(segmentations);
    }

    /**
     * @param key {@value #SEX_AGE}, {@value #ATTENDED_BEFORE} or {@value #CARD_VARIANT}
     * @param label its Japanese name
     * @param segments the segments in order
     * @param breslowDay homogeneity of the odds ratios; absent with fewer than two informative segments
     * @param meta fixed-effect, Cochran's Q, random-effects and BLUPs; absent with fewer than two segments in the model
     */
    public record Segmentation(String key, String label, List<Segment> segments, Optional<ChiSquareTest> breslowDay,
            Optional<RandomEffects> meta) {

        public Segmentation {
            segments = List.copyOf(segments);
        }
    }

    /**
     * @param code the segment's code (e.g. "1|40-44", "true", a variant name)
     * @param label its Japanese label
     * @param callPeople people in the call arm
     * @param callAttended of them attended
     * @param comparisonPeople people in the comparison group
     * @param comparisonAttended of them attended
     * @param difference the risk difference (call − comparison) with its Wald interval; absent when a group is empty
     * @param variance its sampling variance {@code p1(1−p1)/n1 + p2(1−p2)/n2}; NaN when absent
     * @param shrunken the empirical Bayes estimate with its interval; absent when the segment is not in the model
     * @param suppressed fewer than 10 people rest on the line (see {@link SmallCells})
     */
    public record Segment(String code, String label, long callPeople, long callAttended, long comparisonPeople,
            long comparisonAttended, Optional<Estimate> difference, double variance, Optional<Estimate> shrunken, boolean suppressed) {

        TwoByTwo table() {
            return new TwoByTwo(callAttended, callPeople, comparisonAttended, comparisonPeople);
        }
    }

    /** One target for the segments. */
    record Input(Arm arm, int sex, String ageBand, boolean attendedBefore, String variant, boolean attended) {
    }

    static SegmentEffects of(List<Input> people) {
        boolean withHoldout = people.stream().anyMatch(p -> p.arm() == Arm.HOLDOUT);
        java.util.function.Predicate<Input> comparison = withHoldout ? p -> p.arm() == Arm.HOLDOUT
                : p -> p.arm() != Arm.NOTICE_AND_CALL;
        List<Segmentation> all = new ArrayList<>();
        all.add(segmentation(SEX_AGE, "性別×5歳年齢階級", people, comparison, p -> p.sex() + "|" + p.ageBand(),
                Comparator.comparing((String c) -> c.substring(0, 1)).thenComparing(c -> c.substring(2)),
                c -> AnalysisTexts.sex(Integer.parseInt(c.substring(0, 1))) + " " + c.substring(2) + "歳"));
        all.add(segmentation(ATTENDED_BEFORE, "前年度以前の受診", people, comparison, p -> Boolean.toString(p.attendedBefore()),
                Comparator.reverseOrder(), c -> Boolean.parseBoolean(c) ? "受診歴あり" : "受診歴なし"));
        all.add(segmentation(CARD_VARIANT, "はがきの文面", people, comparison, p -> p.variant() == null ? "(none)" : p.variant(),
                Comparator.naturalOrder(), c -> "文面 " + c));
        return new SegmentEffects(withHoldout ? EffectAnalysis.Headline.ITT : EffectAnalysis.Headline.CRUDE, all);
    }

    private static Segmentation segmentation(String key, String label, List<Input> people, java.util.function.Predicate<Input> comparison,
            Function<Input, String> code, Comparator<String> order, Function<String, String> labels) {
        Map<String, long[]> counts = new java.util.TreeMap<>(order);
        for (Input p : people) {
            boolean call = p.arm() == Arm.NOTICE_AND_CALL;
            if (!call && !comparison.test(p)) {
                continue;
            }
            long[] c = counts.computeIfAbsent(code.apply(p), k -> new long[4]);
            int slot = call ? 0 : 2;
            c[slot]++;
            c[slot + 1] += p.attended() ? 1 : 0;
        }
        Map<String, Segment> segments = new LinkedHashMap<>();
        List<String> inModel = new ArrayList<>();
        counts.forEach((c, n) -> {
            TwoByTwo t = new TwoByTwo(n[1], n[0], n[3], n[2]);
            Optional<Estimate> d = t.bothGroupsPresent() ? Optional.of(TwoProportions.waldDifference(t)) : Optional.empty();
            double v = t.bothGroupsPresent() ? variance(t) : Double.NaN;
            if (v > 0) {
                inModel.add(c);
            }
            segments.put(c, new Segment(c, labels.apply(c), n[0], n[1], n[2], n[3], d, v, Optional.empty(),
                    SmallCells.suppressed(n[0], n[1], n[2], n[3])));
        });
        Optional<RandomEffects> meta = Optional.empty();
        if (inModel.size() >= 2) {
            double[] y = inModel.stream().mapToDouble(c -> segments.get(c).difference().orElseThrow().value()).toArray();
            double[] v = inModel.stream().mapToDouble(c -> segments.get(c).variance()).toArray();
            RandomEffects re = RandomEffects.of(y, v);
            for (int i = 0; i < inModel.size(); i++) {
                Segment s = segments.get(inModel.get(i));
                segments.put(s.code(), new Segment(s.code(), s.label(), s.callPeople(), s.callAttended(), s.comparisonPeople(),
                        s.comparisonAttended(), s.difference(), s.variance(), Optional.of(re.blups().get(i)), s.suppressed()));
            }
            meta = Optional.of(re);
        }
        List<TwoByTwo> tables = segments.values().stream().map(Segment::table).toList();
        Optional<ChiSquareTest> bd = tables.stream().filter(BreslowDay::informative).count() >= 2
                ? Optional.of(BreslowDay.test(tables)) : Optional.empty();
        return new Segmentation(key, label, List.copyOf(segments.values()), bd, meta);
    }

    private static double variance(TwoByTwo t) {
        double p1 = (double) t.x1() / t.n1();
        double p2 = (double) t.x2() / t.n2();
        return p1 * (1 - p1) / t.n1() + p2 * (1 - p2) / t.n2();
    }

}
