package jp.kenshin.outreach.analysis;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import jp.kenshin.outreach.analysis.EffectFigures.ArmCost;
import jp.kenshin.outreach.analysis.EffectFigures.Comparison;
import jp.kenshin.outreach.analysis.EffectFigures.CostPerAdditionalAttendee;
import jp.kenshin.outreach.analysis.EffectFigures.Costs;
import jp.kenshin.outreach.analysis.EffectFigures.HoldoutFigures;
import jp.kenshin.outreach.analysis.EffectFigures.Regression;
import jp.kenshin.outreach.analysis.EffectFigures.ReturnedCards;
import jp.kenshin.outreach.analysis.stats.BinomialRow;
import jp.kenshin.outreach.analysis.stats.Estimate;
import jp.kenshin.outreach.analysis.stats.Interval;
import jp.kenshin.outreach.analysis.stats.LogisticFit;
import jp.kenshin.outreach.analysis.stats.LogisticRegression;
import jp.kenshin.outreach.analysis.stats.MantelHaenszel;
import jp.kenshin.outreach.analysis.stats.NotEstimableException;
import jp.kenshin.outreach.analysis.stats.Proportion;
import jp.kenshin.outreach.analysis.stats.TwoByTwo;
import jp.kenshin.outreach.analysis.stats.TwoProportions;

/**
 * Computes the effect analysis from aggregated cells: uptake of the call arm against the
 * notice-only group (NOTICE_ONLY and HOLDOUT together), crude, stratified by sex × age band and
 * adjusted by logistic regression; the randomised comparison against the holdout when there is
 * one; the same comparisons without returned postcards; and costs. See {@link EffectFigures}.
 *
 * <p>Pure computation: no database, no Spring, no engine. Thread-safe (no state).
 */
public final class EffectCalculator {

    static final String EFFECT_AMONG_REACHED_METHOD = "到達者における効果（ITT差÷到達割合、到達割合を定数とみなした近似区間）";
    static final String COST_METHOD = "電話費用÷（受診率の差×通知＋電話群の人数）";
    static final String BASIS_ITT = "ITT差（通知＋電話 対 ホールドアウト）";
    static final String BASIS_CRUDE = "粗の差（通知＋電話 対 通知のみ）";

    private static final Predicate<AnalysisCell> CALL = c -> c.arm() == Arm.NOTICE_AND_CALL;
    private static final Predicate<AnalysisCell> NOTICE_ONLY_GROUP = c -> c.arm() != Arm.NOTICE_AND_CALL;
    private static final Predicate<AnalysisCell> HOLDOUT = c -> c.arm() == Arm.HOLDOUT;
    private static final Comparator<String> AGE_BAND_ORDER =
            Comparator.comparingInt(EffectCalculator::bandStart).thenComparing(Comparator.naturalOrder());

    /**
     * @param cells the aggregated analysis data; the call arm and the notice-only group must both have people
     * @param callsMade calls made in the call arm (for costs)
     * @param costs unit prices, when costs are to be reported
     */
    public EffectFigures compute(List<AnalysisCell> cells, long callsMade, Optional<UnitCosts> costs) {
        if (callsMade < 0) {
            throw new IllegalArgumentException("callsMade must not be negative, got " + callsMade);
        }
        TwoByTwo crudeTable = table(cells, CALL, NOTICE_ONLY_GROUP);
        if (!crudeTable.bothGroupsPresent()) {
            throw new IllegalArgumentException("nothing to compare: the call arm has " + crudeTable.n1()
                    + " people and the notice-only group " + crudeTable.n2());
        }
        TwoProportions crude = TwoProportions.compare(crudeTable);
        Optional<HoldoutFigures> holdout = holdout(cells);
        return new EffectFigures(crude.first(), crude.second(), byArm(cells), crude,
                MantelHaenszel.of(strata(cells, CALL, NOTICE_ONLY_GROUP)), regression(cells), holdout,
                returnedCards(cells), costs.map(unit -> costs(cells, callsMade, unit, crude, holdout)));
    }

    private static Map<Arm, Proportion> byArm(List<AnalysisCell> cells) {
        Map<Arm, Proportion> byArm = new EnumMap<>(Arm.class);
        for (Arm arm : Arm.values()) {
            TwoByTwo t = table(cells, c -> c.arm() == arm, c -> false);
            if (t.n1() > 0) {
                byArm.put(arm, Proportion.wilson(t.x1(), t.n1()));
            }
        }
        return byArm;
    }

    private static Optional<HoldoutFigures> holdout(List<AnalysisCell> cells) {
        TwoByTwo itt = table(cells, CALL, HOLDOUT);
        if (itt.n2() == 0) {
            return Optional.empty();
        }
        TwoProportions intentionToTreat = TwoProportions.compare(itt);
        long reached = cells.stream().filter(CALL).filter(AnalysisCell::reached).mapToLong(AnalysisCell::people).sum();
        Proportion share = Proportion.wilson(reached, itt.n1());
        Estimate difference = intentionToTreat.difference();
        Estimate amongReached = reached == 0
                ? new Estimate(Double.NaN, new Interval(Double.NaN, Double.NaN), EFFECT_AMONG_REACHED_METHOD)
                : new Estimate(difference.value() / share.estimate(), new Interval(difference.ci95().lower() / share.estimate(),
                        difference.ci95().upper() / share.estimate()), EFFECT_AMONG_REACHED_METHOD);
        return Optional.of(new HoldoutFigures(intentionToTreat.second(), intentionToTreat,
                MantelHaenszel.of(strata(cells, CALL, HOLDOUT)), share, amongReached));
    }

    private static ReturnedCards returnedCards(List<AnalysisCell> cells) {
        Map<Arm, Long> byArm = new EnumMap<>(Arm.class);
        for (Arm arm : Arm.values()) {
            if (cells.stream().anyMatch(c -> c.arm() == arm && c.people() > 0)) {
                byArm.put(arm, cells.stream().filter(c -> c.arm() == arm && c.returnedCard()).mapToLong(AnalysisCell::people).sum());
            }
        }
        long total = byArm.values().stream().mapToLong(Long::longValue).sum();
        List<AnalysisCell> delivered = cells.stream().filter(c -> !c.returnedCard()).toList();
        TwoByTwo crude = table(delivered, CALL, NOTICE_ONLY_GROUP);
        if (!crude.bothGroupsPresent()) {
            return new ReturnedCards(byArm, total, Optional.empty(),
                    Optional.of("返戻者を除くと比較する群に対象者が残らないため計算していません"));
        }
        Comparison comparison = new Comparison(TwoProportions.compare(crude), MantelHaenszel.of(strata(delivered, CALL, NOTICE_ONLY_GROUP)));
        return new ReturnedCards(byArm, total, Optional.of(comparison), Optional.empty());
    }

    private static Regression regression(List<AnalysisCell> cells) {
        List<AnalysisCell> compared = cells.stream().filter(c -> c.people() > 0).toList();
        boolean bothSexes = compared.stream().map(AnalysisCell::sex).distinct().count() == 2;
        List<String> bands = compared.stream().map(AnalysisCell::ageBand).distinct().sorted(AGE_BAND_ORDER).toList();
        List<String> names = new ArrayList<>(List.of("call"));
        if (bothSexes) {
            names.add("female");
        }
        bands.stream().skip(1).map(b -> "ageBand " + b).forEach(names::add);
        String model = "attended ~ group + sex + ageBand（参照: 通知のみ、" + (bothSexes ? "男性" : "性別は1水準のみ") + "、"
                + bands.get(0) + "）";

        record Key(boolean call, int sex, String band) {
        }
        Map<Key, long[]> grouped = new TreeMap<>(Comparator.comparing(Key::call).thenComparingInt(Key::sex)
                .thenComparing(Key::band, AGE_BAND_ORDER));
        for (AnalysisCell c : compared) {
            long[] counts = grouped.computeIfAbsent(new Key(CALL.test(c), c.sex(), c.ageBand()), k -> new long[2]);
            counts[0] += c.people();
            counts[1] += c.attended() ? c.people() : 0;
        }
        List<BinomialRow> rows = new ArrayList<>();
        grouped.forEach((key, counts) -> {
            double[] x = new double[names.size()];
            x[0] = key.call() ? 1 : 0;
            int next = 1;
            if (bothSexes) {
                x[next++] = key.sex() == 2 ? 1 : 0;
            }
            for (int b = 1; b < bands.size(); b++) {
                x[next++] = bands.get(b).equals(key.band()) ? 1 : 0;
            }
            rows.add(new BinomialRow(x, counts[0], counts[1]));
        });
        try {
            LogisticFit fit = LogisticRegression.fit(names, rows);
            LogisticFit.Coefficient call = fit.coefficient("call");
            return new Regression(model, Optional.of(new Estimate(call.oddsRatio(), call.oddsRatioCi95(), fit.method())),
                    Optional.of(fit), Optional.empty());
        } catch (NotEstimableException e) {
            return new Regression(model, Optional.empty(), Optional.empty(), Optional.of(reason(e)));
        }
    }

    private static String reason(NotEstimableException e) {
        String why = switch (e.reason()) {
            case SEPARATION -> "完全分離または準完全分離のため推定できません（" + String.join("、", e.covariates())
                    + " の推定値が無限大に発散します。例: ある年齢階級で受診者が0人）";
            case RANK_DEFICIENT -> "説明変数が一次従属のため推定できません";
            case NOT_CONVERGED -> "反復計算が収束しないため推定できません";
            case NO_DATA -> "対象者がいないため推定できません";
        };
        return why + " [" + e.getMessage() + "]";
    }

    private static Costs costs(List<AnalysisCell> cells, long callsMade, UnitCosts unit, TwoProportions crude,
            Optional<HoldoutFigures> holdout) {
        Map<Arm, ArmCost> byArm = new EnumMap<>(Arm.class);
        for (Arm arm : Arm.values()) {
            TwoByTwo t = table(cells, c -> c.arm() == arm, c -> false);
            if (t.n1() > 0) {
                byArm.put(arm, armCost(t.n1(), arm == Arm.NOTICE_AND_CALL ? callsMade : 0, t.x1(), unit));
            }
        }
        ArmCost noticeOnly = armCost(crude.second().trials(), 0, crude.second().successes(), unit);

        boolean itt = holdout.isPresent();
        double difference = itt ? holdout.get().intentionToTreat().difference().value() : crude.difference().value();
        long callPeople = crude.first().trials();
        double additional = difference * callPeople;
        BigDecimal callCost = unit.perCall().multiply(BigDecimal.valueOf(callsMade));
        Optional<BigDecimal> value = Optional.empty();
        Optional<String> reason = Optional.empty();
        if (difference > 0) {
            value = Optional.of(callCost.divide(BigDecimal.valueOf(additional), MathContext.DECIMAL64));
        } else {
            reason = Optional.of("受診率の差が0以下（" + String.format(java.util.Locale.ROOT, "%.1f", difference * 100)
                    + " ポイント）のため、追加受診者1人当たりの費用は計算できません");
        }
        CostPerAdditionalAttendee perAdditional = new CostPerAdditionalAttendee(itt ? BASIS_ITT : BASIS_CRUDE, difference,
                additional, callCost, value, reason, COST_METHOD);
        return new Costs(unit, callsMade, byArm, noticeOnly, perAdditional);
    }

    private static ArmCost armCost(long cards, long calls, long attended, UnitCosts unit) {
        BigDecimal total = unit.perCard().multiply(BigDecimal.valueOf(cards)).add(unit.perCall().multiply(BigDecimal.valueOf(calls)));
        Optional<BigDecimal> perAttendee = attended == 0 ? Optional.empty()
                : Optional.of(total.divide(BigDecimal.valueOf(attended), MathContext.DECIMAL64));
        return new ArmCost(cards, calls, total, perAttendee);
    }

    /** Group 1 and group 2 of the cells as a 2×2 table (attended out of people). */
    private static TwoByTwo table(List<AnalysisCell> cells, Predicate<AnalysisCell> first, Predicate<AnalysisCell> second) {
        long x1 = 0;
        long n1 = 0;
        long x2 = 0;
        long n2 = 0;
        for (AnalysisCell c : cells) {
            long attended = c.attended() ? c.people() : 0;
            if (first.test(c)) {
                x1 += attended;
                n1 += c.people();
            } else if (second.test(c)) {
                x2 += attended;
                n2 += c.people();
            }
        }
        return new TwoByTwo(x1, n1, x2, n2);
    }

    /** One 2×2 table per sex × age band, ordered by sex then band. */
    private static List<TwoByTwo> strata(List<AnalysisCell> cells, Predicate<AnalysisCell> first, Predicate<AnalysisCell> second) {
        Map<String, List<AnalysisCell>> bySexAndBand = cells.stream().collect(Collectors.groupingBy(
                c -> c.sex() + "|" + c.ageBand(), TreeMap::new, Collectors.toList()));
        return bySexAndBand.values().stream().map(stratum -> table(stratum, first, second)).toList();
    }

    /** The leading number of an age band label ("40-44" → 40); bands without one sort last. */
    private static int bandStart(String band) {
        int end = 0;
        while (end < band.length() && Character.isDigit(band.charAt(end))) {
            end++;
        }
        return end == 0 || end > 9 ? Integer.MAX_VALUE : Integer.parseInt(band.substring(0, end));
    }
}
