package jp.kenshin.outreach.analysis.stats;

/**
 * A two-sided confidence interval. Bounds are {@code NaN} where the method does not define them
 * (each factory method says when); {@code lower <= upper} otherwise.
 */
public record Interval(double lower, double upper) {

    public Interval {
        if (!Double.isNaN(lower) && !Double.isNaN(upper) && lower > upper) {
            throw new IllegalArgumentException("lower bound " + lower + " is above upper bound " + upper);
        }
    }

    static final Interval UNDEFINED = new Interval(Double.NaN, Double.NaN);

    /** Whether both bounds are numbers. */
    public boolean isDefined() {
        return !Double.isNaN(lower) && !Double.isNaN(upper);
    }

    /** Whether the interval contains {@code value} (false when undefined). */
    public boolean contains(double value) {
        return lower <= value && value <= upper;
    }
}
