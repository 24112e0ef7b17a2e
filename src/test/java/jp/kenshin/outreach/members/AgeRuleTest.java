package jp.kenshin.outreach.members;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** 年度末年齢 by the legal age rule, at the edges of 40–69 for FY2026. */
class AgeRuleTest {

    @ParameterizedTest
    @CsvSource({
            "1987-04-01, 40",   // turns 40 at the end of 2027-03-31: counted as 40
            "1987-04-02, 39",   // turns 40 on 2027-04-02: still 39 at the end of the fiscal year
            "1957-04-01, 70",   // 70: out of range
            "1957-04-02, 69",
            "1986-02-28, 41",
            "1984-02-29, 43",   // leap-day birth
            "1960-02-29, 67",
            "1986-04-01, 41"})
    void ageAtTheEndOfFiscalYear2026(LocalDate birth, int expected) {
        assertThat(MemberRow.ageAtFiscalYearEnd(birth, 2026)).isEqualTo(expected);
    }
}
