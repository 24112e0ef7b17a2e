package jp.kenshin.outreach.analysis.stats;

/**
 * A chi-square test result. {@code statistic} and {@code pValue} are {@code NaN} when the test is
 * undefined (e.g. nobody or everybody attended, where R also returns {@code NaN}).
 *
 * @param statistic the chi-square statistic
 * @param degreesOfFreedom its degrees of freedom
 * @param pValue upper-tail probability of the statistic
 * @param method short name of the test
 */
public record ChiSquareTest(double statistic, int degreesOfFreedom, double pValue, String method) {

    static ChiSquareTest of(double statistic, int degreesOfFreedom, String method) {
        double p = Double.isNaN(statistic) ? Double.NaN : Distributions.chiSquareUpperTail(statistic, degreesOfFreedom);
        return new ChiSquareTest(statistic, degreesOfFreedom, p, method);
    }
}
