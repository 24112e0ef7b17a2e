package jp.kenshin.outreach.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class StoredBirthDateTest {

    @Test
    void everyDayOfTwoCenturiesReadsBackAsItself() {
        for (LocalDate day = LocalDate.of(1900, 1, 1); day.isBefore(LocalDate.of(2101, 1, 1)); day = day.plusDays(1)) {
            assertThat(PersonalDataService.isoDate(day.toString())).isEqualTo(day);
        }
    }

    @Test
    void whatIsNotADateIsRefusedWithoutQuotingIt() {
        for (String bad : new String[] {"1960-02-30", "1961-02-29", "1960-13-01", "1960-00-10", "1960-1-01", "19600101", "1960/01/01",
                "１９６０-01-01", "1960-01-0x", "+1960-01-01", "", "1960-01-01 "}) {
            assertThatThrownBy(() -> PersonalDataService.isoDate(bad)).as(bad).isInstanceOf(IllegalStateException.class)
                    .hasMessage("A member's stored birth date is not a date in the form yyyy-MM-dd");
        }
        assertThatThrownBy(() -> PersonalDataService.isoDate(null)).isInstanceOf(IllegalStateException.class);
    }
}
