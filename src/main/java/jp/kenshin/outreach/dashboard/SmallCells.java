package jp.kenshin.outreach.dashboard;

/**
 * The small-cell rule (docs/analysis-methods.md#small-cell-suppression) for what the dashboard shows of
 * attendance by arm: a count of fewer than {@value #THRESHOLD} people is not shown, and neither is a figure
 * computed from it.
 */
final class SmallCells {

    static final int THRESHOLD = 10;
    static final String SHOWN = "<" + THRESHOLD;

    private SmallCells() {
    }

    static boolean suppressed(long count) {
        return count < THRESHOLD;
    }

    static YearDashboard.Cell cell(long count) {
        return suppressed(count) ? new YearDashboard.Cell(null, true, SHOWN)
                : new YearDashboard.Cell(count, false, String.format(java.util.Locale.ROOT, "%,d", count));
    }
}
