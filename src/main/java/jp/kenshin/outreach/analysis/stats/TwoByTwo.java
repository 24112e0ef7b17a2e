package jp.kenshin.outreach.analysis.stats;

/**
 * Counts of one 2×2 table: {@code x1} events out of {@code n1} in group 1 (the exposed group, e.g.
 * notice and call) and {@code x2} out of {@code n2} in group 2 (the reference group).
 *
 * <p>In R's layout for {@code mantelhaen.test} and {@code chisq.test} the table is
 * {@code matrix(c(x1, x2, n1 - x1, n2 - x2), 2)}: rows are the groups, the first column the events.
 * An empty group ({@code n = 0}) is allowed here; methods that need people in both say so.
 */
public record TwoByTwo(long x1, long n1, long x2, long n2) {

    public TwoByTwo {
        check(x1, n1, "1");
        check(x2, n2, "2");
    }

    private static void check(long x, long n, String group) {
        if (n < 0 || x < 0 || x > n) {
            throw new IllegalArgumentException("group " + group + ": need 0 <= events <= people, got " + x + " of " + n);
        }
    }

    /** Everybody in the table. */
    public long total() {
        return n1 + n2;
    }

    /** Events in both groups. */
    public long events() {
        return x1 + x2;
    }

    /** Whether both groups have people. */
    public boolean bothGroupsPresent() {
        return n1 > 0 && n2 > 0;
    }

    /** This table plus another, cell by cell (collapsing strata). */
    public TwoByTwo plus(TwoByTwo other) {
        return new TwoByTwo(x1 + other.x1, n1 + other.n1, x2 + other.x2, n2 + other.n2);
    }
}
