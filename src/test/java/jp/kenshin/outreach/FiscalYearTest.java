package jp.kenshin.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class FiscalYearTest {

    @Test
    void aFiscalYearRunsFromAprilToMarch() {
        assertThat(FiscalYear.of(LocalDate.of(2027, 3, 31))).isEqualTo(2026);
        assertThat(FiscalYear.of(LocalDate.of(2027, 4, 1))).isEqualTo(2027);
        assertThat(FiscalYear.of(LocalDate.of(2026, 12, 31))).isEqualTo(2026);
        assertThat(FiscalYear.of(LocalDate.of(2026, 1, 1))).isEqualTo(2025);
    }
}
