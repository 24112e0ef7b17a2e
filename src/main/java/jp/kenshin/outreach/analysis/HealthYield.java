package jp.kenshin.outreach.analysis;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.kenshin.outreach.analysis.stats.Estimate;
import jp.kenshin.outreach.analysis.stats.Interval;
import jp.kenshin.outreach.analysis.stats.Proportion;
import jp.kenshin.outreach.analysis.stats.TwoByTwo;
import jp.kenshin.outreach.analysis.stats.TwoProportions;

/**
 * What the calls found (issue 16, item 1): the guidance levels of the attendees of each arm, and the people found
 * needing guidance (積極的支援 or 動機付け支援, recorded or derived, see {@link GuidanceLevel}) per target, per 1,000
 * calls and per yen. Shares are Wilson intervals ({@code prop.test(x, n, correct = FALSE)$conf.int}), the difference
 * of two arms the Wald interval of {@code prop.test(c(x1, x2), c(n1, n2), correct = FALSE)$conf.int}.
 *
 * @param byArm each arm with people, in {@link Arm} order
 * @param gain the call arm against the comparison group; absent when a group has no people
 * @param notes what the figures cannot show (questionnaire items)
 */
public record HealthYield(Map<Arm, ArmYield> byArm, Optional<GuidanceGain> gain, List<String> notes) {

    public static final String NOT_AVAILABLE = "問診項目（喫煙、血圧・血糖・脂質の服薬）はこの分析では使えないため、保健指導レベルの記載がない人の"
            + "レベルは測定項目だけから推定しています（喫煙はリスクを1つ増やすことがあり、服薬中の人は情報提供になります）。";
    public static final String GAIN_METHOD = "保健指導が必要な人の割合（対象者当たり）の差・Wald法（連続性補正なし）×通知＋電話の人数";

    public HealthYield {
        byArm = EffectFigures.inArmOrder(byArm);
        notes = List.copyOf(notes);
    }

    /** One line of a level table: a code, its label, the share of the arm's attendees and the small-cell mark. */
    public record LevelLine(String code, String label, Proportion share, boolean suppressed) {
    }

    /**
     * @param people targets of the arm
     * @param attendees of them, attended by the cut-off
     * @param recorded levels as recorded (codes 1–4, and MISSING), share of the attendees
     * @param derived for the attendees without a recorded level: the level derived from the items (and NOT_DERIVABLE)
     * @param riskFactors for the attendees without a recorded level: how many have 0–4 risk factors
     * @param needingGuidance attendees needing guidance (recorded or derived) out of the arm's targets
     * @param needingGuidanceAmongAttendees the same out of the attendees (absent with no attendee)
     */
    public record ArmYield(long people, long attendees, List<LevelLine> recorded, List<LevelLine> derived,
            List<LevelLine> riskFactors, Proportion needingGuidance, Optional<Proportion> needingGuidanceAmongAttendees,
            boolean suppressed) {

        public ArmYield {
            recorded = List.copyOf(recorded);
            derived = List.copyOf(derived);
            riskFactors = List.copyOf(riskFactors);
        }
    }

    /**
     * @param basis ITT (against the holdout) or CRUDE (against the notice-only group)
     * @param comparison needing guidance per target, call arm against the comparison group
     * @param additionalFound the difference × people in the call arm, with the interval's bounds × people
     * @param callsMade calls made by the cut-off
     * @param foundPer1000Calls people needing guidance found among the call arm's attendees per 1,000 calls
     * @param additionalPer1000Calls additional people found per 1,000 calls, with its interval
     * @param callCost calls × unit price; absent without unit costs
     * @param callCostPerAdditionalFound call cost per additional person found, its interval from the difference's
     *        bounds (upper bound NaN when the lower bound of the difference is not positive); absent without costs or
     *        when the difference is not positive
     */
    public record GuidanceGain(String basis, TwoProportions comparison, Estimate additionalFound, long callsMade,
            double foundPer1000Calls, Estimate additionalPer1000Calls, Optional<BigDecimal> callCost,
            Optional<Estimate> callCostPerAdditionalFound) {
    }

    /** One target for the yield: arm, whether attended, and the classification of their result. */
    record Input(Arm arm, boolean attended, GuidanceLevel.Classified level) {
    }

    static HealthYield of(List<Input> people, long callsMade, Optional<UnitCosts> costs) {
        Map<Arm, ArmYield> byArm = new EnumMap<>(Arm.class);
        for (Arm arm : Arm.values()) {
            List<Input> in = people.stream().filter(p -> p.arm() == arm).toList();
            if (!in.isEmpty()) {
                byArm.put(arm, arm(in));
            }
        }
        boolean withHoldout = byArm.containsKey(Arm.HOLDOUT);
        List<Input> call = people.stream().filter(p -> p.arm() == Arm.NOTICE_AND_CALL).toList();
        List<Input> comparison = people.stream().filter(p -> withHoldout ? p.arm() == Arm.HOLDOUT : p.arm() != Arm.NOTICE_AND_CALL)
                .toList();
        Optional<GuidanceGain> gain = call.isEmpty() || comparison.isEmpty() ? Optional.empty()
                : Optional.of(gain(withHoldout ? EffectAnalysis.Headline.ITT : EffectAnalysis.Headline.CRUDE, call, comparison,
                        callsMade, costs));
        return new HealthYield(byArm, gain, List.of(NOT_AVAILABLE));
    }

    private static long needing(List<Input> people) {
        return people.stream().filter(p -> p.attended() && p.level().needsGuidance()).count();
    }

    private static ArmYield arm(List<Input> people) {
        List<GuidanceLevel.Classified> attended = people.stream().filter(Input::attended).map(Input::level).toList();
        long n = attended.size();
        List<LevelLine> recorded = new ArrayList<>();
        List<LevelLine> derived = new ArrayList<>();
        List<LevelLine> risks = new ArrayList<>();
        if (n > 0) {
            for (GuidanceLevel.Level level : GuidanceLevel.Level.values()) {
                line(recorded, level.name(), level.label(), attended.stream().filter(c -> c.recorded() == level).count(), n);
            }
            List<GuidanceLevel.Classified> missing = attended.stream().filter(c -> c.recorded() == null).toList();
            line(recorded, "MISSING", "記載なし", missing.size(), n);
            for (GuidanceLevel.Level level : List.of(GuidanceLevel.Level.ACTIVE, GuidanceLevel.Level.MOTIVATIONAL,
                    GuidanceLevel.Level.INFORMATION)) {
                line(derived, level.name(), level.label() + "（推定）", missing.stream().filter(c -> c.derived() == level).count(), n);
            }
            line(derived, "NOT_DERIVABLE", "推定できない（腹囲・BMIとも記載なし）", missing.stream().filter(c -> c.derived() == null).count(), n);
            for (int r = 0; r <= 4; r++) {
                int count = r;
                line(risks, Integer.toString(r), "リスク因子 " + r + " 個（記載なしの人）",
                        missing.stream().filter(c -> c.riskFactors() == count).count(), n);
            }
        }
        long need = needing(people);
        return new ArmYield(people.size(), n, recorded, derived, risks, Proportion.wilson(need, people.size()),
                n == 0 ? Optional.empty() : Optional.of(Proportion.wilson(need, n)),
                SmallCells.suppressed(people.size(), n, need));
    }

    private static void line(List<LevelLine> lines, String code, String label, long x, long n) {
        lines.add(new LevelLine(code, label, Proportion.wilson(x, n), SmallCells.suppressed(x, n)));
    }

    private static GuidanceGain gain(String basis, List<Input> call, List<Input> comparison, long callsMade, Optional<UnitCosts> costs) {
        TwoProportions t = TwoProportions.compare(new TwoByTwo(needing(call), call.size(), needing(comparison), comparison.size()));
        double people = call.size();
        Estimate d = t.difference();
        Estimate additional = new Estimate(d.value() * people, new Interval(d.ci95().lower() * people, d.ci95().upper() * people),
                GAIN_METHOD);
        double perCall = callsMade == 0 ? Double.NaN : 1000.0 / callsMade;
        Estimate per1000 = new Estimate(additional.value() * perCall,
                callsMade == 0 ? new Interval(Double.NaN, Double.NaN)
                        : new Interval(additional.ci95().lower() * perCall, additional.ci95().upper() * perCall),
                GAIN_METHOD + "×1000÷架電数");
        Optional<BigDecimal> callCost = costs.map(c -> c.perCall().multiply(BigDecimal.valueOf(callsMade)));
        Optional<Estimate> perFound = callCost.filter(c -> additional.value() > 0).map(c -> {
            double cost = c.doubleValue();
            double upper = additional.ci95().lower() > 0 ? cost / additional.ci95().lower() : Double.NaN;
            return new Estimate(c.divide(BigDecimal.valueOf(additional.value()), MathContext.DECIMAL64).doubleValue(),
                    new Interval(cost / additional.ci95().upper(), upper), "電話費用÷追加で見つかった保健指導が必要な人（区間は差の信頼区間の端から）");
        });
        return new GuidanceGain(basis, t, additional, callsMade, callsMade == 0 ? Double.NaN : needing(call) * perCall, per1000,
                callCost, perFound);
    }
}
