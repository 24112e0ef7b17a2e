package jp.kenshin.outreach.analysis.stats;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.special.Gamma;

/** The two reference distributions, from Commons Math (no hand-typed constants such as 1.96). */
final class Distributions {

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    /** {@code qnorm(0.975)} = 1.959963984540054. */
    static final double Z_975 = STANDARD_NORMAL.inverseCumulativeProbability(0.975);

    private Distributions() {
    }

    /** Two-sided normal p-value, {@code 2 * pnorm(-abs(z))}. */
    static double twoSidedNormalP(double z) {
        return 2 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(z));
    }

    /**
     * {@code pchisq(x, df, lower.tail = FALSE)}. {@code ChiSquaredDistribution.cumulativeProbability}
     * is {@code Gamma.regularizedGammaP(df/2, x/2)}; its complement is taken here directly as
     * {@code regularizedGammaQ} so that small p-values keep their digits instead of rounding to 0.
     */
    static double chiSquareUpperTail(double x, int df) {
        if (x <= 0) {
            return 1.0;
        }
        if (Double.isInfinite(x)) {
            return 0.0;
        }
        return Gamma.regularizedGammaQ(df / 2.0, x / 2.0);
    }
}
