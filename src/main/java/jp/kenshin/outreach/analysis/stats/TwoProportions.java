package jp.kenshin.outreach.analysis.stats;

/**
 * Crude comparison of two proportions {@code p1 = x1/n1} (group 1) against {@code p2 = x2/n2}
 * (group 2): their difference, their ratio and Pearson's chi-square test, none with continuity
 * correction. Both groups must have people.
 *
 * @param first group 1 with its Wilson interval
 * @param second group 2 with its Wilson interval
 * @param difference p1 − p2, see {@link #waldDifference}
 * @param ratio p1 / p2, see {@link #logWaldRatio}
 * @param chiSquare see {@link #pearsonChiSquare}
 */
public record TwoProportions(Proportion first, Proportion second, Estimate difference, Estimate ratio, ChiSquareTest chiSquare) {

    public static final String DIFFERENCE_METHOD = "割合の差・Wald法（連続性補正なし）";
    public static final String RATIO_METHOD = "割合の比・対数Wald法";
    public static final String CHI_SQUARE_METHOD = "Pearsonのカイ二乗検定（連続性補正なし）";

    /** All figures of the comparison of group 1 with group 2. */
    public static TwoProportions compare(TwoByTwo table) {
        requireBothGroups(table);
        return new TwoProportions(Proportion.wilson(table.x1(), table.n1()), Proportion.wilson(table.x2(), table.n2()),
                waldDifference(table), logWaldRatio(table), pearsonChiSquare(table));
    }

    /**
     * {@code p1 − p2 ± z·sqrt(p1(1−p1)/n1 + p2(1−p2)/n2)}, {@code z = qnorm(0.975)}, the bounds clipped
     * to [−1, 1] as R clips them. Matches R
     * {@code prop.test(c(x1, x2), c(n1, n2), correct = FALSE)$conf.int}.
     */
    public static Estimate waldDifference(TwoByTwo table) {
        requireBothGroups(table);
        double p1 = (double) table.x1() / table.n1();
        double p2 = (double) table.x2() / table.n2();
        double delta = p1 - p2;
        double width = Distributions.Z_975 * Math.sqrt(p1 * (1 - p1) / table.n1() + p2 * (1 - p2) / table.n2());
        return new Estimate(delta, new Interval(Math.max(delta - width, -1), Math.min(delta + width, 1)), DIFFERENCE_METHOD);
    }

    /**
     * {@code RR = p1/p2} with {@code exp(log RR ± z·sqrt(1/x1 − 1/n1 + 1/x2 − 1/n2))}. Equals R
     * {@code exp(log(rr) + c(-1, 1) * qnorm(0.975) * sqrt(1/x1 - 1/n1 + 1/x2 - 1/n2))} (base R has
     * no function for it). The ratio is infinite when
     * {@code x2 = 0} (NaN if also {@code x1 = 0}) and the interval is NaN when either count is 0.
     */
    public static Estimate logWaldRatio(TwoByTwo table) {
        requireBothGroups(table);
        double p1 = (double) table.x1() / table.n1();
        double p2 = (double) table.x2() / table.n2();
        double ratio = p1 / p2;
        if (table.x1() == 0 || table.x2() == 0) {
            return new Estimate(ratio, Interval.UNDEFINED, RATIO_METHOD);
        }
        double se = Math.sqrt(1.0 / table.x1() - 1.0 / table.n1() + 1.0 / table.x2() - 1.0 / table.n2());
        double width = Distributions.Z_975 * se;
        double log = Math.log(ratio);
        return new Estimate(ratio, new Interval(Math.exp(log - width), Math.exp(log + width)), RATIO_METHOD);
    }

    /**
     * Pearson's chi-square for the 2×2 table without continuity correction,
     * {@code N(ad − bc)² / (n1·n2·m1·m0)} with {@code m1}, {@code m0} the event and non-event totals,
     * df 1. Matches R {@code prop.test(c(x1, x2), c(n1, n2), correct = FALSE)$statistic} and
     * {@code $p.value}, which equal {@code chisq.test(tab, correct = FALSE)}. NaN when nobody or
     * everybody had the event (an expected count is 0; R gives NaN too).
     */
    public static ChiSquareTest pearsonChiSquare(TwoByTwo table) {
        requireBothGroups(table);
        double a = table.x1();
        double b = table.n1() - table.x1();
        double c = table.x2();
        double d = table.n2() - table.x2();
        double m1 = a + c;
        double m0 = b + d;
        if (m1 == 0 || m0 == 0) {
            return new ChiSquareTest(Double.NaN, 1, Double.NaN, CHI_SQUARE_METHOD);
        }
        double cross = a * d - b * c;
        double statistic = table.total() * (cross / table.n1()) * (cross / table.n2()) / m1 / m0;
        return ChiSquareTest.of(statistic, 1, CHI_SQUARE_METHOD);
    }

    private static void requireBothGroups(TwoByTwo table) {
        if (!table.bothGroupsPresent()) {
            throw new IllegalArgumentException("comparing two proportions needs people in both groups: " + table);
        }
    }
}
