package jp.kenshin.outreach.analysis;

/**
 * The small-cell rule of every published table (issue 16; docs/analysis-methods.md): a line of a table that rests
 * on fewer than {@value #MIN} people is suppressed. A line rests on fewer than 10 people when a group it describes
 * has fewer than 10 people, or when a count of people it shows is between 1 and 9 (a count of 0 is shown). In the
 * report, the CSV and the Excel workbook a suppressed line shows "<10" for its counts and "—" for its rates,
 * estimates and intervals; the stored figures (JSON) keep the values for the analyst and mark the line
 * {@code suppressed: true}. Figures that pool many lines (tests, pooled and shrunken estimates) are not suppressed.
 * Known limit: no complementary suppression (a single suppressed line can sometimes be recovered from a total).
 */
public final class SmallCells {

    /** The smallest number of people a published line may rest on. */
    public static final int MIN = 10;

    public static final String COUNT = "<10";
    public static final String VALUE = "—";

    private SmallCells() {
    }

    /** Whether a line with these counts of people (group sizes and counts within them) must be suppressed. */
    public static boolean suppressed(long... peopleCounts) {
        for (long n : peopleCounts) {
            if (n > 0 && n < MIN) {
                return true;
            }
        }
        return false;
    }
}
