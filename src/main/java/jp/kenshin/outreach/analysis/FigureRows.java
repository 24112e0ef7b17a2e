package jp.kenshin.outreach.analysis;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.kenshin.outreach.analysis.EffectAnalysis.Curve;
import jp.kenshin.outreach.analysis.EffectAnalysis.Descriptive;
import jp.kenshin.outreach.analysis.EffectAnalysis.Stratum;
import jp.kenshin.outreach.analysis.EffectFigures.ArmCost;
import jp.kenshin.outreach.analysis.EffectFigures.Costs;
import jp.kenshin.outreach.analysis.EffectFigures.HoldoutFigures;
import jp.kenshin.outreach.analysis.stats.ChiSquareTest;
import jp.kenshin.outreach.analysis.stats.Estimate;
import jp.kenshin.outreach.analysis.stats.LogisticFit;
import jp.kenshin.outreach.analysis.stats.MantelHaenszel;
import jp.kenshin.outreach.analysis.stats.Proportion;
import jp.kenshin.outreach.analysis.stats.RandomEffects;
import jp.kenshin.outreach.analysis.stats.TwoProportions;

/**
 * Every figure of an analysis as one flat table, the content of figures.csv and of the figures sheet of
 * figures.xlsx: one row per figure with its method, full precision, aggregates only.
 */
final class FigureRows {

    /**
     * One figure.
     *
     * @param section 区分
     * @param indicator 指標
     * @param group 群・層
     * @param value 値 (a count as Long, else Double or BigDecimal; null when there is none)
     * @param lower 95%下限
     * @param upper 95%上限
     * @param method 方法 (or why there is no value)
     * @param numerator 分子 of a proportion
     * @param denominator 分母 of a proportion
     * @param suppressed the line rests on fewer than 10 people ({@link SmallCells}): its numbers are left out (null)
     *        and the documents show "<10" for the counts and "—" for the value and interval
     */
    record Row(String section, String indicator, String group, Number value, Double lower, Double upper, String method,
            Long numerator, Long denominator, boolean suppressed) {

        Row(String section, String indicator, String group, Number value, Double lower, Double upper, String method,
                Long numerator, Long denominator) {
            this(section, indicator, group, value, lower, upper, method, numerator, denominator, false);
        }

        /** The same line with its numbers left out. */
        Row suppress() {
            return new Row(section, indicator, group, null, null, null, method + "（" + SUPPRESSED + "）", null, null, true);
        }
    }

    static final String SUPPRESSED = "10人未満のため秘匿";

    static final List<String> HEADER = List.of("区分", "指標", "群・層", "値", "95%下限", "95%上限", "方法", "分子", "分母");

    static final String UPTAKE = "群別の受診率";
    static final String CRUDE = "比較・粗（通知＋電話 対 通知のみ群 計）";
    static final String STRATIFIED = "比較・性別×5歳年齢階級で層別";
    static final String ADJUSTED = "比較・ロジスティック回帰で調整";
    static final String RANDOMISED = "ランダム化比較（通知＋電話 対 電話しない比較群）";
    static final String RETURNED = "返戻はがき";
    static final String DELIVERED = "返戻を除いた比較（参考）";
    static final String COSTS = "費用";
    static final String PHONE_ARM = "電話の群の内訳（記述）";
    static final String STRATA = "性別×年齢階級別の人数";
    static final String CURVES = "受診の推移（差出日からの累積）";
    static final String CONDITIONS = "分析の条件";
    static final String DESCRIPTIVE = "記述統計（Wilson法の95%信頼区間）";
    static final String HEALTH_YIELD = "健診で見つかったこと（受診者の保健指導レベル）";
    static final String GUIDANCE_GAIN = "保健指導が必要な人の発見（電話による増加）";
    static final String SEGMENTS = "層別の効果（受診率の差・異質性・縮小推定）";
    static final String PRIORITY = "翌年度の架電の優先順位（案の計算、承認前）";

    private final List<Row> rows = new ArrayList<>();

    private FigureRows() {
    }

    static List<Row> of(AnalysisRun run, EffectAnalysis a, boolean withCurves) {
        FigureRows r = new FigureRows();
        r.conditions(run, a);
        r.uptake(a);
        r.comparison(CRUDE, "粗（調整なし）", a.figures().crude());
        a.crudeOddsRatio().ifPresentOrElse(or -> r.estimate(CRUDE, "オッズ比", "粗（調整なし）", or),
                () -> r.missing(CRUDE, "オッズ比", "粗（調整なし）", "受診者が0人の群があるため推定できません"));
        r.mantelHaenszel(STRATIFIED, "性別×5歳年齢階級", a.figures().stratified());
        r.regression(a.figures().regression());
        a.figures().holdout().ifPresent(h -> r.holdout(h));
        r.returned(a);
        a.figures().costs().ifPresent(c -> r.costs(c));
        r.phoneArm(a);
        r.strata(a.strata(), a.withHoldout());
        a.healthYield().ifPresent(r::healthYield);
        a.segments().ifPresent(r::segments);
        a.callPriority().ifPresent(r::callPriority);
        if (withCurves) {
            a.curves().ifPresent(c -> c.byArm().forEach((arm, curve) -> r.curve(arm, curve)));
        }
        return List.copyOf(r.rows);
    }

    private void add(String section, String indicator, String group, Number value, Double lower, Double upper, String method,
            Long numerator, Long denominator) {
        rows.add(new Row(section, indicator, group, value, lower, upper, method, numerator, denominator));
    }

    /** Marks the last {@code lines} rows suppressed when {@code suppressed}. */
    private void suppressLast(int lines, boolean suppressed) {
        if (suppressed) {
            for (int i = rows.size() - lines; i < rows.size(); i++) {
                rows.set(i, rows.get(i).suppress());
            }
        }
    }

    private void healthYield(HealthYield y) {
        y.byArm().forEach((arm, a) -> {
            String group = AnalysisTexts.arm(arm);
            for (List<HealthYield.LevelLine> table : List.of(a.recorded(), a.derived(), a.riskFactors())) {
                for (HealthYield.LevelLine l : table) {
                    proportion(HEALTH_YIELD, "受診者に占める割合：" + l.label(), group, l.share());
                    suppressLast(1, l.suppressed());
                }
            }
            proportion(HEALTH_YIELD, "保健指導が必要な人（記録＋推定）の対象者に占める割合", group, a.needingGuidance());
            suppressLast(1, SmallCells.suppressed(a.needingGuidance().successes(), a.needingGuidance().trials()));
        });
        y.notes().forEach(n -> add(HEALTH_YIELD, "注記", "", null, null, null, n, null, null));
        y.gain().ifPresent(g -> {
            String basis = EffectAnalysis.Headline.ITT.equals(g.basis()) ? "通知＋電話 対 電話しない比較群（ITT）" : "通知＋電話 対 通知のみ群 計";
            proportion(GUIDANCE_GAIN, "保健指導が必要な人の割合（通知＋電話）", basis, g.comparison().first());
            proportion(GUIDANCE_GAIN, "保健指導が必要な人の割合（比較した群）", basis, g.comparison().second());
            estimate(GUIDANCE_GAIN, "割合の差", basis, g.comparison().difference());
            estimate(GUIDANCE_GAIN, "電話で追加で見つかった人数", basis, g.additionalFound());
            add(GUIDANCE_GAIN, "架電数", basis, g.callsMade(), null, null, "締切日までの架電", null, null);
            add(GUIDANCE_GAIN, "通知＋電話の群で見つかった人（架電1,000回当たり）", basis, g.foundPer1000Calls(), null, null,
                    "見つかった人×1000÷架電数", null, null);
            estimate(GUIDANCE_GAIN, "電話で追加で見つかった人（架電1,000回当たり）", basis, g.additionalPer1000Calls());
            g.callCost().ifPresent(c -> add(GUIDANCE_GAIN, "電話費用", "円", c, null, null, "架電数×電話1回の単価", null, null));
            g.callCostPerAdditionalFound().ifPresent(e -> estimate(GUIDANCE_GAIN, "追加で見つかった1人当たりの電話費用", "円", e));
        });
    }

    private void callPriority(CallPriority c) {
        add(PRIORITY, "架電数の予算", "", c.budget(), null, null, "既定値：今年度の架電数", null, null);
        for (CallPriority.Row row : c.rows()) {
            String group = row.rank() + "位 " + row.label() + (row.proposed() ? "（予算内）" : "");
            estimate(PRIORITY, "架電1回当たりの追加受診者", group, row.gainPerCall());
            add(PRIORITY, "1人当たり架電数", group, row.callsPerPerson(), null, null, "締切日までの架電数÷通知＋電話の人数", null, null);
            add(PRIORITY, "見込みの架電数", group, row.expectedCalls(), null, null, "1人当たり架電数×電話のある対象者", null, null);
            add(PRIORITY, "見込みの追加受診者", group, row.expectedGain(), null, null, "縮小推定×電話のある対象者", null, null);
            suppressLast(4, row.suppressed()); // a stratum of fewer than 10 people: its figures are left out, as everywhere
        }
        add(PRIORITY, "見込みの架電数", "予算内の層", c.plannedCalls(), null, null, CallPriority.METHOD, null, null);
        add(PRIORITY, "見込みの追加受診者", "予算内の層", c.plannedGain(), null, null, CallPriority.METHOD, null, null);
        add(PRIORITY, "見込みの架電数", "電話のある全員", c.everyoneCalls(), null, null, CallPriority.METHOD, null, null);
        add(PRIORITY, "見込みの追加受診者", "電話のある全員", c.everyoneGain(), null, null, CallPriority.METHOD, null, null);
    }

    private void segments(SegmentEffects s) {
        for (SegmentEffects.Segmentation seg : s.segmentations()) {
            for (SegmentEffects.Segment g : seg.segments()) {
                String group = seg.label() + "：" + g.label();
                add(SEGMENTS, "人数・受診者（通知＋電話）", group, g.callPeople(), null, null, "", g.callAttended(), g.callPeople());
                add(SEGMENTS, "人数・受診者（比較した群）", group, g.comparisonPeople(), null, null, "", g.comparisonAttended(),
                        g.comparisonPeople());
                int lines = 2;
                if (g.difference().isPresent()) {
                    estimate(SEGMENTS, "受診率の差", group, g.difference().get());
                    lines++;
                }
                if (g.shrunken().isPresent()) {
                    estimate(SEGMENTS, "受診率の差（縮小推定）", group, g.shrunken().get());
                    lines++;
                }
                suppressLast(lines, g.suppressed());
            }
            seg.breslowDay().ifPresent(t -> test(SEGMENTS, seg.label() + "：オッズ比の均一性（Breslow–Day）", t));
            seg.meta().ifPresent(m -> {
                test(SEGMENTS, seg.label() + "：受診率の差の均一性（CochranのQ）", m.cochranQ());
                estimate(SEGMENTS, "受診率の差（固定効果）", seg.label(), m.fixedEffect());
                estimate(SEGMENTS, "受診率の差（変量効果）", seg.label(), m.randomEffects());
                add(SEGMENTS, "層間分散 τ²", seg.label(), m.tau2(), null, null, RandomEffects.RANDOM_METHOD, null, null);
                add(SEGMENTS, "I²（%）", seg.label(), m.i2(), null, null, RandomEffects.RANDOM_METHOD, null, null);
            });
        }
    }

    private void text(String indicator, String value) {
        add(CONDITIONS, indicator, value, null, null, null, "", null, null);
    }

    private void conditions(AnalysisRun run, EffectAnalysis a) {
        text("年度", Integer.toString(a.fiscalYear()));
        text("分析番号", Long.toString(run.id()));
        text("状態", run.status());
        text("抽出番号（確定した対象者リスト）", Long.toString(a.selectionRunId()));
        text("結果の締切日", a.cutOff().toString());
        text("差出日", a.dispatchDate().map(Object::toString).orElse("記録なし"));
        add(CONDITIONS, "電話しない比較群の割合（抽出時）", "", a.holdoutShare(), null, null, "", null, null);
        add(CONDITIONS, "対象者", "", a.counts().targets(), null, null, "", null, null);
        add(CONDITIONS, "受診者（締切日まで）", "", a.counts().attended(), null, null, "", null, null);
        add(CONDITIONS, "架電ケース", "", a.counts().callCases(), null, null, "", null, null);
        add(CONDITIONS, "架電数", "", a.counts().callsMade(), null, null, "", null, null);
        add(CONDITIONS, "電話がつながった人", "", a.counts().reached(), null, null, "", null, null);
        add(CONDITIONS, "返戻はがき", "", a.counts().returnedCards(), null, null, "", null, null);
    }

    private void proportion(String section, String indicator, String group, Proportion p) {
        add(section, indicator, group, p.estimate(), p.ci95().lower(), p.ci95().upper(), p.method(), p.successes(), p.trials());
    }

    private void estimate(String section, String indicator, String group, Estimate e) {
        add(section, indicator, group, e.value(), e.ci95().lower(), e.ci95().upper(), e.method(), null, null);
    }

    private void missing(String section, String indicator, String group, String reason) {
        add(section, indicator, group, null, null, null, reason, null, null);
    }

    private void test(String section, String group, ChiSquareTest t) {
        add(section, "カイ二乗値（自由度" + t.degreesOfFreedom() + "）", group, t.statistic(), null, null, t.method(), null, null);
        add(section, "p値", group, t.pValue(), null, null, t.method(), null, null);
    }

    private void uptake(EffectAnalysis a) {
        a.figures().byArm().forEach((arm, p) -> proportion(UPTAKE, "受診率", AnalysisTexts.arm(arm), p));
        if (a.withHoldout()) {
            proportion(UPTAKE, "受診率", AnalysisTexts.NOTICE_GROUP, a.figures().noticeOnly());
        }
    }

    private void comparison(String section, String group, TwoProportions t) {
        proportion(section, "受診率（通知＋電話）", group, t.first());
        proportion(section, "受診率（比較した群）", group, t.second());
        estimate(section, "受診率の差", group, t.difference());
        estimate(section, "受診率の比", group, t.ratio());
        test(section, group, t.chiSquare());
    }

    private void mantelHaenszel(String section, String group, MantelHaenszel mh) {
        estimate(section, "Mantel–Haenszelオッズ比", group, mh.oddsRatio());
        estimate(section, "Mantel–Haenszelリスク差（受診率の差）", group, mh.riskDifference());
        test(section, group, mh.chiSquare());
        add(section, "比べられた層の数", group, (long) mh.informativeStrata(), null, null, "両方の群に人がいる層", null, null);
        add(section, "比べられなかった層の数", group, (long) mh.uninformativeStrata(), null, null, "一方の群に人がいない層（計算から除外）",
                null, null);
    }

    private void regression(EffectFigures.Regression regression) {
        if (regression.fit().isEmpty()) {
            missing(ADJUSTED, "オッズ比（群）", regression.model(), regression.notEstimableReason().orElse("推定できません"));
            return;
        }
        LogisticFit fit = regression.fit().get();
        for (LogisticFit.Coefficient c : fit.coefficients()) {
            String name = c.name().equals("call") ? "群（通知＋電話）" : c.name().equals("female") ? "性別（女性）"
                    : c.name().startsWith("ageBand ") ? "年齢階級 " + c.name().substring("ageBand ".length()) : c.name();
            if (!c.name().equals(jp.kenshin.outreach.analysis.stats.LogisticRegression.INTERCEPT)) {
                add(ADJUSTED, "オッズ比", name, c.oddsRatio(), c.oddsRatioCi95().lower(), c.oddsRatioCi95().upper(), fit.method(), null,
                        null);
            }
            add(ADJUSTED, "係数（対数オッズ）", name, c.estimate(), c.ci95().lower(), c.ci95().upper(), fit.method(), null, null);
            add(ADJUSTED, "標準誤差", name, c.standardError(), null, null, fit.method(), null, null);
            add(ADJUSTED, "Wald検定のp値", name, c.pValue(), null, null, fit.method(), null, null);
        }
        add(ADJUSTED, "残差逸脱度", regression.model(), fit.deviance(), null, null, fit.method(), null, null);
    }

    private void holdout(HoldoutFigures h) {
        comparison(RANDOMISED, "ITT（割り付けどおり）", h.intentionToTreat());
        mantelHaenszel(RANDOMISED, "ITT・性別×5歳年齢階級で層別", h.stratified());
        proportion(RANDOMISED, "電話がつながった割合（到達割合）", "通知＋電話", h.reachedShare());
        estimate(RANDOMISED, "電話がつながった人での効果（受診率の差）", "通知＋電話", h.effectAmongReached());
    }

    private void returned(EffectAnalysis a) {
        EffectFigures.ReturnedCards r = a.figures().returnedCards();
        r.byArm().forEach((arm, n) -> {
            add(RETURNED, "返戻数", AnalysisTexts.arm(arm), n, null, null, "", n, a.figures().byArm().get(arm).trials());
            suppressLast(1, SmallCells.suppressed(n));
        });
        add(RETURNED, "返戻数", "計", r.total(), null, null, "", r.total(), a.counts().targets());
        r.excludingReturned().ifPresentOrElse(c -> {
            comparison(DELIVERED, "返戻を除く・粗", c.crude());
            mantelHaenszel(DELIVERED, "返戻を除く・性別×5歳年齢階級", c.stratified());
        }, () -> missing(DELIVERED, "受診率の差", "返戻を除く", r.notComputedReason().orElse("")));
    }

    private void costs(Costs c) {
        add(COSTS, "単価（はがき1通）", "円", c.unitCosts().perCard(), null, null, "入力値", null, null);
        add(COSTS, "単価（電話1回）", "円", c.unitCosts().perCall(), null, null, "入力値", null, null);
        add(COSTS, "架電数", "通知＋電話", c.callsMade(), null, null, "", null, null);
        c.byArm().forEach((arm, cost) -> armCost(AnalysisTexts.arm(arm), cost));
        armCost(AnalysisTexts.NOTICE_GROUP, c.noticeOnly());
        EffectFigures.CostPerAdditionalAttendee p = c.perAdditionalAttendee();
        add(COSTS, "受診率の差（費用の計算に使った値）", p.basis(), p.difference(), null, null, p.method(), null, null);
        add(COSTS, "追加受診者数", p.basis(), p.additionalAttendees(), null, null, p.method(), null, null);
        add(COSTS, "電話費用", "円", p.callCost(), null, null, "架電数×電話1回の単価", null, null);
        if (p.value().isPresent()) {
            add(COSTS, "追加受診者1人当たりの電話費用", "円", p.value().get(), null, null, p.method(), null, null);
        } else {
            missing(COSTS, "追加受診者1人当たりの電話費用", "円", p.notComputedReason().orElse(""));
        }
    }

    private void armCost(String group, ArmCost cost) {
        add(COSTS, "費用", group, cost.total(), null, null, "はがき" + cost.cards() + "通、電話" + cost.calls() + "回", null, null);
        BigDecimal perAttendee = cost.perAttendee().orElse(null);
        if (perAttendee != null) {
            add(COSTS, "受診者1人当たり費用", group, perAttendee, null, null, "費用÷受診者数", null, null);
        } else {
            missing(COSTS, "受診者1人当たり費用", group, "受診者がいないため計算できません");
        }
    }

    private void phoneArm(EffectAnalysis a) {
        descriptives("つながり", a.phoneArm().byReach());
        descriptives("架電回数", a.phoneArm().byAttempts());
        descriptives("最後の架電結果", a.phoneArm().byLastOutcome());
        descriptives("架電ケースの状態", a.phoneArm().byCaseState());
    }

    private void descriptives(String table, List<Descriptive> lines) {
        for (Descriptive d : lines) {
            Proportion p = d.uptake();
            add(PHONE_ARM, "受診率", table + "：" + d.label(), p.estimate(), p.ci95().lower(), p.ci95().upper(), DESCRIPTIVE,
                    p.successes(), p.trials());
            suppressLast(1, SmallCells.suppressed(p.trials(), p.successes()));
        }
    }

    private void strata(List<Stratum> strata, boolean withHoldout) {
        for (Stratum s : strata) {
            String group = AnalysisTexts.sex(s.sex()) + " " + s.ageBand() + "歳";
            stratum(group, "通知＋電話", s.callAttended(), s.callPeople());
            stratum(group, "通知のみ", s.noticeOnlyAttended(), s.noticeOnlyPeople());
            if (withHoldout) {
                stratum(group, "比較群", s.holdoutAttended(), s.holdoutPeople());
            }
        }
    }

    private void stratum(String group, String arm, long attended, long people) {
        add(STRATA, "受診率（" + arm + "）", group, people == 0 ? null : (double) attended / people, null, null, "受診者数÷人数",
                attended, people);
        suppressLast(1, SmallCells.suppressed(attended, people));
    }

    private void curve(Arm arm, Curve curve) {
        for (int day = 0; day < curve.cumulativeAttended().size(); day++) {
            add(CURVES, "差出後" + day + "日までの累積受診割合", AnalysisTexts.arm(arm), curve.share(day), null, null,
                    "差出日より前の受診は0日目に算入", curve.cumulativeAttended().get(day), curve.people());
            suppressLast(1, SmallCells.suppressed(curve.cumulativeAttended().get(day), curve.people()));
        }
    }

    /** The curves as a table: one row per day, the cumulative share of each arm in the columns. */
    static List<String> curveHeader(Map<Arm, Curve> byArm) {
        List<String> header = new ArrayList<>(List.of("差出後日数", "日付"));
        byArm.keySet().forEach(arm -> header.add(AnalysisTexts.arm(arm) + " 累積受診割合"));
        byArm.keySet().forEach(arm -> header.add(AnalysisTexts.arm(arm) + " 累積受診者数"));
        byArm.keySet().forEach(arm -> header.add(AnalysisTexts.arm(arm) + " 人数"));
        return header;
    }
}
