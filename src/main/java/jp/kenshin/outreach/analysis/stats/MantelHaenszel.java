package jp.kenshin.outreach.analysis.stats;

import java.util.List;

/**
 * Mantel–Haenszel analysis of 2×2 tables over strata (group 1 against group 2, see
 * {@link TwoByTwo}).
 *
 * <p><b>Strata that contribute nothing.</b> A stratum with one empty group adds exactly zero to
 * every sum below (in R's formulas as here); it is left out and counted in
 * {@link #uninformativeStrata}. A stratum of fewer than 2 people always has an empty group; R's
 * {@code mantelhaen.test} refuses such a table outright ("sample size in each stratum must be
 * &gt; 1"), and the figures here equal R's on the table without those strata.
 *
 * @param oddsRatio common odds ratio with the Robins–Breslow–Greenland interval, see {@link #oddsRatio}
 * @param riskDifference MH risk difference with the Sato interval, see {@link #riskDifference}
 * @param chiSquare MH chi-square test, see {@link #chiSquare}
 * @param informativeStrata strata with people in both groups
 * @param uninformativeStrata strata with an empty group (left out)
 */
public record MantelHaenszel(Estimate oddsRatio, Estimate riskDifference, ChiSquareTest chiSquare,
        int informativeStrata, int uninformativeStrata) {

    public static final String ODDS_RATIO_METHOD = "Mantel–Haenszel共通オッズ比（Robins–Breslow–Greenland信頼区間）";
    public static final String RISK_DIFFERENCE_METHOD = "Mantel–Haenszelリスク差（Sato/Greenland–Robins分散）";
    public static final String CHI_SQUARE_METHOD = "Mantel–Haenszelカイ二乗検定（連続性補正なし）";
    public static final String CHI_SQUARE_CORRECTED_METHOD = "Mantel–Haenszelカイ二乗検定（連続性補正あり）";

    /** All figures, chi-square without continuity correction ({@code mantelhaen.test(tab, correct = FALSE)}). */
    public static MantelHaenszel of(List<TwoByTwo> strata) {
        return of(strata, false);
    }

    /** All figures; {@code continuityCorrection} as R's {@code correct} (R's default is {@code TRUE}). */
    public static MantelHaenszel of(List<TwoByTwo> strata, boolean continuityCorrection) {
        int informative = informative(strata).size();
        return new MantelHaenszel(oddsRatio(strata), riskDifference(strata), chiSquare(strata, continuityCorrection),
                informative, strata.size() - informative);
    }

    /**
     * Common odds ratio {@code OR = ΣR/ΣS} with {@code R = a·d/N}, {@code S = b·c/N} ({@code a = x1},
     * {@code b = n1 − x1}, {@code c = x2}, {@code d = n2 − x2}) and the Robins–Breslow–Greenland
     * variance of {@code log OR}, with {@code P = (a + d)/N} and {@code Q = (b + c)/N}:
     * <pre>
     *   ΣPR / 2(ΣR)² + Σ(PS + QR) / 2·ΣR·ΣS + ΣQS / 2(ΣS)²
     * </pre>
     * interval {@code OR·exp(±z·sd)}. Matches R {@code mantelhaen.test(tab)$estimate} and
     * {@code $conf.int} (which do not depend on {@code correct}). The estimate is 0 or infinite, and
     * the interval NaN, when ΣR or ΣS is 0.
     */
    public static Estimate oddsRatio(List<TwoByTwo> strata) {
        double sumR = 0;
        double sumS = 0;
        double sumPR = 0;
        double sumPSQR = 0;
        double sumQS = 0;
        for (TwoByTwo t : informative(strata)) {
            double n = t.total();
            double a = t.x1();
            double b = t.n1() - t.x1();
            double c = t.x2();
            double d = t.n2() - t.x2();
            double p = (a + d) / n;
            double q = (b + c) / n;
            double r = a * d / n;
            double s = b * c / n;
            sumR += r;
            sumS += s;
            sumPR += p * r;
            sumPSQR += p * s + q * r;
            sumQS += q * s;
        }
        double or = sumR / sumS;
        if (sumR == 0 || sumS == 0) {
            return new Estimate(or, Interval.UNDEFINED, ODDS_RATIO_METHOD);
        }
        double variance = sumPR / (2 * sumR * sumR) + sumPSQR / (2 * sumR * sumS) + sumQS / (2 * sumS * sumS);
        double width = Distributions.Z_975 * Math.sqrt(variance);
        return new Estimate(or, new Interval(or * Math.exp(-width), or * Math.exp(width)), ODDS_RATIO_METHOD);
    }

    /**
     * Mantel–Haenszel risk difference with weights {@code w = n1·n2/N},
     * {@code RD = Σ(x1·n2 − x2·n1)/N / Σw}, and the variance of Sato (1989), also given by
     * Greenland and Robins:
     * <pre>
     *   (RD·ΣP + ΣQ) / (Σw)²,
     *   P = (n1²·x2 − n2²·x1 + n1·n2·(n2 − n1)/2) / N²,
     *   Q = (x1·(n2 − x2) + x2·(n1 − x1)) / 2N
     * </pre>
     * interval {@code RD ± z·sqrt(variance)}, not clipped. Matches R
     * {@code metafor::rma.mh(ai = x1, n1i = n1, ci = x2, n2i = n2, measure = "RD", drop00 = FALSE)}
     * (base R has none; metafor's default {@code drop00 = TRUE} would drop strata where nobody or
     * everybody had the event, which do carry weight here). NaN without informative strata.
     */
    public static Estimate riskDifference(List<TwoByTwo> strata) {
        double sumW = 0;
        double sumNumerator = 0;
        double sumP = 0;
        double sumQ = 0;
        for (TwoByTwo t : informative(strata)) {
            double n = t.total();
            double n1 = t.n1();
            double n2 = t.n2();
            double x1 = t.x1();
            double x2 = t.x2();
            sumW += n1 * n2 / n;
            sumNumerator += (x1 * n2 - x2 * n1) / n;
            sumP += (n1 * n1 * x2 - n2 * n2 * x1 + n1 * n2 * (n2 - n1) / 2) / (n * n);
            sumQ += (x1 * (n2 - x2) + x2 * (n1 - x1)) / (2 * n);
        }
        if (sumW == 0) {
            return new Estimate(Double.NaN, Interval.UNDEFINED, RISK_DIFFERENCE_METHOD);
        }
        double rd = sumNumerator / sumW;
        double variance = (rd * sumP + sumQ) / (sumW * sumW);
        double width = Distributions.Z_975 * Math.sqrt(variance);
        return new Estimate(rd, new Interval(rd - width, rd + width), RISK_DIFFERENCE_METHOD);
    }

    /**
     * Mantel–Haenszel chi-square, df 1: with {@code E = n1·m1/N} and
     * {@code V = n1·n2·m1·m0 / (N²(N − 1))} ({@code m1}, {@code m0} the event and non-event totals),
     * {@code Δ = Σ(x1 − E)} and statistic {@code (|Δ| − ½)² / ΣV}, the ½ only when correcting and
     * {@code |Δ| ≥ ½}. Matches R {@code mantelhaen.test(tab, correct = ...)$statistic} and
     * {@code $p.value}. NaN when ΣV is 0 (nobody or everybody had the event in every stratum).
     */
    public static ChiSquareTest chiSquare(List<TwoByTwo> strata, boolean continuityCorrection) {
        double delta = 0;
        double variance = 0;
        for (TwoByTwo t : informative(strata)) {
            double n = t.total();
            double m1 = t.events();
            double m0 = n - m1;
            delta += t.x1() - t.n1() * m1 / n;
            variance += t.n1() * (t.n2() * (m1 * (m0 / (n * n * (n - 1)))));
        }
        String method = continuityCorrection ? CHI_SQUARE_CORRECTED_METHOD : CHI_SQUARE_METHOD;
        if (variance == 0) {
            return new ChiSquareTest(Double.NaN, 1, Double.NaN, method);
        }
        double yates = continuityCorrection && Math.abs(delta) >= 0.5 ? 0.5 : 0;
        double deviation = Math.abs(delta) - yates;
        return ChiSquareTest.of(deviation * deviation / variance, 1, method);
    }

    private static List<TwoByTwo> informative(List<TwoByTwo> strata) {
        return strata.stream().filter(TwoByTwo::bothGroupsPresent).toList();
    }
}
