package jp.kenshin.outreach.analysis.stats;

/**
 * A proportion {@code x/n} with its Wilson score 95% interval, without continuity correction.
 *
 * <p>With {@code p = x/n} and {@code z = qnorm(0.975)}:
 * <pre>
 *   (p + z²/2n ± z·sqrt(p(1−p)/n + z²/4n²)) / (1 + z²/n)
 * </pre>
 * The lower bound is exactly 0 when {@code x = 0} and the upper bound exactly 1 when {@code x = n},
 * as R sets them. Matches R {@code prop.test(x, n, correct = FALSE)$conf.int}.
 *
 * @param successes x
 * @param trials n (at least 1)
 * @param estimate x/n
 * @param ci95 Wilson score interval
 * @param method {@value #METHOD}
 */
public record Proportion(long successes, long trials, double estimate, Interval ci95, String method) {

    public static final String METHOD = "Wilson法（連続性補正なし）";

    /** The Wilson interval of {@code x} out of {@code n}; {@code n} must be at least 1. */
    public static Proportion wilson(long x, long n) {
        if (n < 1) {
            throw new IllegalArgumentException("a proportion needs at least one trial, got n = " + n);
        }
        if (x < 0 || x > n) {
            throw new IllegalArgumentException("successes must be 0.." + n + ", got " + x);
        }
        double p = (double) x / n;
        double z = Distributions.Z_975;
        double z22n = z * z / (2.0 * n);
        double half = z * Math.sqrt(p * (1 - p) / n + z22n / (2.0 * n));
        double lower = x == 0 ? 0.0 : (p + z22n - half) / (1 + 2 * z22n);
        double upper = x == n ? 1.0 : (p + z22n + half) / (1 + 2 * z22n);
        return new Proportion(x, n, p, new Interval(lower, upper), METHOD);
    }
}
