package jp.kenshin.outreach.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The small-cell rule of docs/analysis-methods.md as the dashboard shows it. */
class SmallCellsTest {

    @Test
    void fewerThanTenPeopleAreShownAsLessThanTenWithoutTheCount() {
        for (long n = 0; n < 10; n++) {
            assertThat(SmallCells.cell(n)).isEqualTo(new YearDashboard.Cell(null, true, "<10"));
        }
    }

    @Test
    void tenOrMoreAreShownWithThousandsSeparators() {
        assertThat(SmallCells.cell(10)).isEqualTo(new YearDashboard.Cell(10L, false, "10"));
        assertThat(SmallCells.cell(27_000)).isEqualTo(new YearDashboard.Cell(27_000L, false, "27,000"));
    }
}
