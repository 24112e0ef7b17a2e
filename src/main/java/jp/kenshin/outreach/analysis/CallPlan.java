package jp.kenshin.outreach.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import jp.kenshin.outreach.analysis.stats.Estimate;
import jp.kenshin.outreach.analysis.stats.Interval;

/**
 * Next year's call priority (issue 16, item 3): which sex × age band strata are phoned in the fiscal year after the
 * analysed one, made from the ranking of {@link CallPriority} with a call budget and a holdout share. Aggregates only:
 * a stratum that rests on fewer than 10 people ({@link SmallCells}) is listed without any figure and is phoned as by
 * default, so that no small group's figure crosses the year boundary.
 *
 * <pre>
 *   strata are taken in ranked order (gain per call, descending); a stratum is phoned when its gain per call is above 0
 *   and its expected calls fit into what is left of the budget (a stratum that does not fit is left out, the next
 *   ones are still tried). Suppressed strata are phoned and their calls are taken from the budget first.
 *   expected gain_s = BLUP_s × people_s, its interval [pi.lb_s, pi.ub_s] × people_s
 *   planned gain    = Σ_phoned BLUP_s × people_s,  se = sqrt(Σ_phoned (se_s × people_s)²)   (strata taken as independent)
 *   with the holdout: planned calls and gain × (1 − holdout share)
 * </pre>
 *
 * @param fiscalYear the analysed year (the plan steers fiscalYear + 1)
 * @param analysisRunId the approved analysis it was made from
 * @param budget calls available next year
 * @param holdoutShare the share of the phoned strata's phone owners held out of calls next year, to check the plan
 * @param strata the strata in ranked order (suppressed ones last)
 * @param plannedCalls expected calls of the strata phoned (without holdout)
 * @param plannedGain expected additional attendees of the strata phoned (without holdout), with its interval
 * @param everyoneCalls expected calls when phoning everyone with a number
 * @param everyoneGain expected additional attendees when phoning everyone with a number, with its interval
 */
public record CallPlan(int fiscalYear, long analysisRunId, long budget, double holdoutShare, List<Stratum> strata,
        double plannedCalls, Estimate plannedGain, double everyoneCalls, Estimate everyoneGain) {

    /** {@code qnorm(0.975)}. */
    private static final double Z_975 = new org.apache.commons.math3.distribution.NormalDistribution(null, 0, 1)
            .inverseCumulativeProbability(0.975);

    public static final String GAIN_METHOD = "縮小推定×人数（層は独立とみなした近似）";

    public CallPlan {
        strata = List.copyOf(strata);
    }

    /**
     * One stratum of the plan. For a suppressed stratum every figure is absent.
     *
     * @param rank 1 for the highest gain per call; 0 for a suppressed stratum
     * @param code "sex|ageBand", e.g. "1|40-44"
     * @param call phoned next year
     */
    public record Stratum(int rank, String code, int sex, String ageBand, String label, boolean call, boolean suppressed,
            Optional<Long> people, Optional<Double> callsPerPerson, Optional<Estimate> shrunken, Optional<Estimate> gainPerCall,
            Optional<Double> expectedCalls, Optional<Estimate> expectedGain) {
    }

    /** Expected calls next year with the holdout taken out. */
    public double plannedCallsWithHoldout() {
        return plannedCalls * (1 - holdoutShare);
    }

    /** Expected additional attendees next year with the holdout taken out. */
    public double plannedGainWithHoldout() {
        return plannedGain.value() * (1 - holdoutShare);
    }

    /** The plan from an analysis's ranking. */
    public static CallPlan of(int fiscalYear, long analysisRunId, CallPriority priority, long budget, double holdoutShare) {
        if (budget < 0) {
            throw new IllegalArgumentException("架電数の上限（callBudget）は0以上にしてください");
        }
        if (!(holdoutShare >= 0 && holdoutShare <= 0.5)) {
            throw new IllegalArgumentException("電話しない比較群の割合（planHoldoutShare）は0以上0.5以下にしてください");
        }
        List<CallPriority.Row> rows = priority.rows();
        double used = 0;
        for (CallPriority.Row r : rows) {
            if (r.suppressed()) {
                used += r.expectedCalls();
            }
        }
        List<Stratum> strata = new ArrayList<>();
        List<Stratum> small = new ArrayList<>();
        double plannedCalls = used;
        double[] planned = {0, 0};
        double[] everyone = {0, 0};
        int rank = 0;
        for (CallPriority.Row r : rows) {
            String[] parts = r.code().split("\\|", 2);
            int sex = Integer.parseInt(parts[0]);
            accumulate(everyone, r);
            if (r.suppressed()) {
                accumulate(planned, r);
                small.add(new Stratum(0, r.code(), sex, parts[1], r.label(), true, true, Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
                continue;
            }
            boolean call = r.gainPerCall().value() > 0 && used + r.expectedCalls() <= budget;
            if (call) {
                used += r.expectedCalls();
                plannedCalls += r.expectedCalls();
                accumulate(planned, r);
            }
            Interval ci = r.shrunken().ci95();
            strata.add(new Stratum(++rank, r.code(), sex, parts[1], r.label(), call, false, Optional.of(r.people()),
                    Optional.of(r.callsPerPerson()), Optional.of(r.shrunken()), Optional.of(r.gainPerCall()),
                    Optional.of(r.expectedCalls()), Optional.of(new Estimate(r.shrunken().value() * r.people(),
                            new Interval(ci.lower() * r.people(), ci.upper() * r.people()), GAIN_METHOD))));
        }
        strata.addAll(small);
        double everyoneCalls = rows.stream().mapToDouble(CallPriority.Row::expectedCalls).sum();
        return new CallPlan(fiscalYear, analysisRunId, budget, holdoutShare, strata, plannedCalls, total(planned), everyoneCalls,
                total(everyone));
    }

    private static void accumulate(double[] sum, CallPriority.Row r) {
        double se = (r.shrunken().ci95().upper() - r.shrunken().ci95().lower()) / (2 * Z_975);
        sum[0] += r.shrunken().value() * r.people();
        sum[1] += se * se * r.people() * r.people();
    }

    private static Estimate total(double[] sum) {
        double width = Z_975 * Math.sqrt(sum[1]);
        return new Estimate(sum[0], new Interval(sum[0] - width, sum[0] + width), GAIN_METHOD);
    }

    /** The strata phoned next year. */
    public List<Stratum> called() {
        return strata.stream().filter(Stratum::call).toList();
    }

    /**
     * The plan in Japanese for the approval form (Markdown tables): the strata with their expected gain per call and its
     * interval, what the plan gains against phoning everyone with a number, and how uncertain it is. Aggregates only.
     */
    public String toJapaneseSummary(long planId) {
        StringBuilder out = new StringBuilder();
        out.append("#### ").append(fiscalYear + 1).append("年度の電話勧奨の計画（案 ").append(planId).append("、")
                .append(fiscalYear).append("年度の効果分析 ").append(analysisRunId).append(" から）\n\n");
        out.append("| | 架電（見込み） | 追加の受診者（見込み、95%信頼区間） | 電話1回当たり |\n|:--|--:|--:|--:|\n");
        out.append("| この計画 | ").append(number(plannedCalls)).append("回 | ").append(estimate(plannedGain, 1)).append("人 | ")
                .append(ratio(plannedGain.value(), plannedCalls)).append(" |\n");
        out.append("| 電話番号のある人全員に電話 | ").append(number(everyoneCalls)).append("回 | ").append(estimate(everyoneGain, 1))
                .append("人 | ").append(ratio(everyoneGain.value(), everyoneCalls)).append(" |\n");
        out.append("| 差（計画 − 全員） | ").append(number(plannedCalls - everyoneCalls)).append("回 | ")
                .append(String.format(Locale.ROOT, "%+.1f", plannedGain.value() - everyoneGain.value())).append("人 | |\n\n");
        out.append("電話しない比較群の割合：").append(percent(holdoutShare)).append("（電話する層の電話番号のある人から乱数で選び、")
                .append("翌年度にこの計画の効果を確かめます）。比較群を除くと架電 ").append(number(plannedCallsWithHoldout()))
                .append("回、追加の受診者 ").append(String.format(Locale.ROOT, "%.1f", plannedGainWithHoldout())).append("人の見込みです。")
                .append("架電数の上限：").append(number(budget)).append("回。\n\n");
        out.append("##### 層ごとの見込み（電話1回当たりの追加受診の多い順）\n\n");
        out.append("| 順位 | 層 | 電話 | 人数 | 電話1回当たりの追加受診（95%信頼区間） | 追加の受診者（95%信頼区間） |\n")
                .append("|--:|:--|:--|--:|--:|--:|\n");
        for (Stratum s : strata) {
            if (s.suppressed()) {
                out.append("| — | ").append(s.label()).append(" | する（既定） | <10 | — | — |\n");
                continue;
            }
            out.append("| ").append(s.rank()).append(" | ").append(s.label()).append(" | ").append(s.call() ? "する" : "しない")
                    .append(" | ").append(jp.kenshin.outreach.selection.SelectionCounts.count(s.people().orElseThrow())).append(" | ")
                    .append(estimate(s.gainPerCall().orElseThrow(), 3)).append(" | ").append(estimate(s.expectedGain().orElseThrow(), 1))
                    .append(" |\n");
        }
        out.append("\n不確かさ：層ごとの値は経験ベイズで縮小した推定（小さい層の偶然の大小に引きずられないよう全体の平均に寄せた値）で、")
                .append("区間は95%信頼区間です。区間が0をまたぐ層は、電話の効果があるとは言い切れません。合計の区間は層を独立とみなした近似です。")
                .append("表にない層（推定できなかった層）と10人未満の層は、既定どおり電話します。");
        return out.toString();
    }

    private static String estimate(Estimate e, int digits) {
        String f = "%+." + digits + "f";
        return String.format(Locale.ROOT, f + "（" + f + "～" + f + "）", e.value(), e.ci95().lower(), e.ci95().upper());
    }

    private static String number(double n) {
        return String.format(Locale.JAPAN, "%,.0f", n);
    }

    private static String ratio(double gain, double calls) {
        return calls > 0 ? String.format(Locale.ROOT, "%.3f人", gain / calls) : "—";
    }

    private static String percent(double p) {
        return String.format(Locale.ROOT, "%.0f%%", p * 100);
    }
}
