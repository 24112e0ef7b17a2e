package jp.kenshin.outreach.analysis.stats;

import java.util.List;

/**
 * The Breslow–Day test of homogeneity of the odds ratios over 2×2 strata, with Tarone's correction (issue 16).
 *
 * <p>For each stratum with events {@code a} (group 1), margins {@code n1}, {@code n2} and events in all
 * {@code m1}, the expected {@code A} under the Mantel–Haenszel odds ratio {@code ψ} is the root in
 * {@code [max(0, m1 − n2), min(n1, m1)]} of {@code (1 − ψ)A² + (n2 − m1 + ψ(n1 + m1))A − ψ·n1·m1 = 0}, its variance
 * {@code 1 / (1/A + 1/(n1 − A) + 1/(m1 − A) + 1/(n2 − m1 + A))}. The statistic is
 * {@code Σ(a − A)²/Var − (Σa − ΣA)²/ΣVar} (the second term is Tarone's correction), chi-square with
 * {@code K − 1} degrees of freedom. Strata without people in a group, without events or with only events carry
 * no information and are left out (K counts the others). Matches {@code DescTools::BreslowDayTest(x, correct = TRUE)};
 * the reference here is the same formula written out in R (reference_values_effect_analysis.R).
 */
public final class BreslowDay {

    public static final String METHOD = "Breslow–Day検定（Taroneの補正あり、Mantel–Haenszelオッズ比のもとでの期待値）";

    private BreslowDay() {
    }

    /** Whether a stratum enters the test: people in both groups, and some but not all of them with the event. */
    public static boolean informative(TwoByTwo t) {
        return t.bothGroupsPresent() && t.events() > 0 && t.events() < t.total();
    }

    /** The test over the informative strata; NaN (df 0) with fewer than two of them. */
    public static ChiSquareTest test(List<TwoByTwo> strata) {
        List<TwoByTwo> used = strata.stream().filter(BreslowDay::informative).toList();
        if (used.size() < 2) {
            return new ChiSquareTest(Double.NaN, Math.max(used.size() - 1, 0), Double.NaN, METHOD);
        }
        double numerator = 0;
        double denominator = 0;
        for (TwoByTwo t : used) {
            double b = t.n1() - t.x1();
            double c = t.x2();
            numerator += t.x1() * (double) (t.n2() - t.x2()) / t.total();
            denominator += b * c / t.total();
        }
        double psi = numerator / denominator;
        double statistic = 0;
        double sumA = 0;
        double sumExpected = 0;
        double sumVariance = 0;
        for (TwoByTwo t : used) {
            double n1 = t.n1();
            double n2 = t.n2();
            double m1 = t.events();
            double expected = expected(psi, n1, n2, m1);
            double variance = 1 / (1 / expected + 1 / (n1 - expected) + 1 / (m1 - expected) + 1 / (n2 - m1 + expected));
            statistic += (t.x1() - expected) * (t.x1() - expected) / variance;
            sumA += t.x1();
            sumExpected += expected;
            sumVariance += variance;
        }
        statistic -= (sumA - sumExpected) * (sumA - sumExpected) / sumVariance;
        return ChiSquareTest.of(statistic, used.size() - 1, METHOD);
    }

    private static double expected(double psi, double n1, double n2, double m1) {
        double low = Math.max(0, m1 - n2);
        double high = Math.min(n1, m1);
        double qa = 1 - psi;
        double qb = n2 - m1 + psi * (n1 + m1);
        double qc = -psi * n1 * m1;
        if (Math.abs(qa) < 1e-12) {
            return -qc / qb;
        }
        double root = Math.sqrt(qb * qb - 4 * qa * qc);
        double first = (-qb + root) / (2 * qa);
        double second = (-qb - root) / (2 * qa);
        return first >= low - 1e-9 && first <= high + 1e-9 ? first : second;
    }
}
