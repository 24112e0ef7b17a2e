package jp.kenshin.outreach.calling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Calling days and bands: the law's holidays (with the Cabinet Office's lists), year-end, retries and callbacks. */
class CallingHoursTest {

    static CallingProperties defaults() {
        return new CallingProperties(ZoneId.of("Asia/Tokyo"), 7, LocalTime.of(9, 0), 3, LocalTime.of(9, 0), LocalTime.of(17, 0),
                LocalTime.of(20, 0), true, "12-29", "01-03", Duration.ofHours(2), 14, 500, 2, false, List.of());
    }

    private final CallingHours hours = new CallingHours(defaults());

    private static Instant jst(String localDateTime) {
        return OffsetDateTime.parse(localDateTime + "+09:00").toInstant();
    }

    @Test
    void publicHolidaysAreTheCabinetOfficeLists() {
        JapaneseHolidays holidays = new JapaneseHolidays(List.of());
        // 内閣府「国民の祝日について」
        assertThat(holidays.holidays(2025).stream().map(LocalDate::toString).collect(Collectors.toList())).containsExactly(
                "2025-01-01", "2025-01-13", "2025-02-11", "2025-02-23", "2025-02-24", "2025-03-20", "2025-04-29", "2025-05-03",
                "2025-05-04", "2025-05-05", "2025-05-06", "2025-07-21", "2025-08-11", "2025-09-15", "2025-09-23", "2025-10-13",
                "2025-11-03", "2025-11-23", "2025-11-24");
        assertThat(holidays.holidays(2026).stream().map(LocalDate::toString).collect(Collectors.toList())).containsExactly(
                "2026-01-01", "2026-01-12", "2026-02-11", "2026-02-23", "2026-03-20", "2026-04-29", "2026-05-03", "2026-05-04",
                "2026-05-05", "2026-05-06", "2026-07-20", "2026-08-11", "2026-09-21", "2026-09-22", "2026-09-23", "2026-10-12",
                "2026-11-03", "2026-11-23");
        assertThat(holidays.holidays(2027).stream().map(LocalDate::toString).collect(Collectors.toList())).containsExactly(
                "2027-01-01", "2027-01-11", "2027-02-11", "2027-02-23", "2027-03-21", "2027-03-22", "2027-04-29", "2027-05-03",
                "2027-05-04", "2027-05-05", "2027-07-19", "2027-08-11", "2027-09-20", "2027-09-23", "2027-10-11", "2027-11-03",
                "2027-11-23");
    }

    @Test
    void noCallsOnSundaysHolidaysOrTheYearEnd() {
        assertThat(hours.isCallingDay(LocalDate.of(2026, 6, 1))).as("Monday").isTrue();
        assertThat(hours.isCallingDay(LocalDate.of(2026, 6, 6))).as("Saturday").isTrue();
        assertThat(hours.isCallingDay(LocalDate.of(2026, 6, 7))).as("Sunday").isFalse();
        assertThat(hours.isCallingDay(LocalDate.of(2026, 5, 6))).as("substitute holiday").isFalse();
        assertThat(hours.isCallingDay(LocalDate.of(2026, 9, 22))).as("citizens' holiday").isFalse();
        assertThat(hours.isCallingDay(LocalDate.of(2026, 12, 28))).isTrue();
        assertThat(hours.isCallingDay(LocalDate.of(2026, 12, 29))).as("year-end").isFalse();
        assertThat(hours.isCallingDay(LocalDate.of(2027, 1, 3))).as("year-end").isFalse();
        assertThat(hours.isCallingDay(LocalDate.of(2027, 1, 4))).isTrue();
    }

    @Test
    void bandsFollowTheClock() {
        assertThat(hours.band(jst("2026-06-01T08:59:59"))).isEqualTo(TimeBand.OUTSIDE_HOURS);
        assertThat(hours.band(jst("2026-06-01T09:00:00"))).isEqualTo(TimeBand.WEEKDAY_DAYTIME);
        assertThat(hours.band(jst("2026-06-01T17:00:00"))).isEqualTo(TimeBand.WEEKDAY_EVENING);
        assertThat(hours.band(jst("2026-06-01T20:00:00"))).isEqualTo(TimeBand.OUTSIDE_HOURS);
        assertThat(hours.band(jst("2026-06-06T19:59:00"))).isEqualTo(TimeBand.SATURDAY);
        assertThat(hours.band(jst("2026-06-07T12:00:00"))).isEqualTo(TimeBand.OUTSIDE_HOURS);
    }

    @Test
    void retriesMoveThroughTheBandsNotYetTried() {
        CallingHours.Slot second = hours.nextRetry(jst("2026-06-01T10:00:00"), List.of(TimeBand.WEEKDAY_DAYTIME));
        assertThat(second).isEqualTo(new CallingHours.Slot(jst("2026-06-01T17:00:00"), jst("2026-06-01T20:00:00"), TimeBand.WEEKDAY_EVENING));
        CallingHours.Slot third = hours.nextRetry(jst("2026-06-01T17:05:00"),
                List.of(TimeBand.WEEKDAY_DAYTIME, TimeBand.WEEKDAY_EVENING));
        assertThat(third).isEqualTo(new CallingHours.Slot(jst("2026-06-06T09:00:00"), jst("2026-06-06T20:00:00"), TimeBand.SATURDAY));
        // the gap after the last call: an evening call at 19:00 retried in the daytime band waits for the next morning
        assertThat(hours.nextRetry(jst("2026-06-02T19:00:00"), List.of(TimeBand.WEEKDAY_EVENING, TimeBand.SATURDAY)).start())
                .isEqualTo(jst("2026-06-03T09:00:00"));
    }

    @Test
    void retriesSkipHolidaysAndTheYearEnd() {
        // Golden Week 2026: Sunday 3 May moves its holiday to Wednesday 6 May
        assertThat(hours.nextRetry(jst("2026-05-01T19:30:00"), List.of(TimeBand.WEEKDAY_EVENING)).start())
                .isEqualTo(jst("2026-05-07T09:00:00"));
        assertThat(hours.nextRetry(jst("2026-12-28T19:00:00"), List.of(TimeBand.WEEKDAY_EVENING)).start())
                .isEqualTo(jst("2027-01-04T09:00:00"));
    }

    @Test
    void aCallbackIsKeptInsideCallingHours() {
        assertThat(hours.callback(jst("2026-06-02T18:30:00")).start()).isEqualTo(jst("2026-06-02T18:30:00"));
        assertThat(hours.callback(jst("2026-06-07T14:00:00")).start()).as("Sunday").isEqualTo(jst("2026-06-08T09:00:00"));
        assertThat(hours.callback(jst("2026-06-02T21:00:00")).start()).as("after hours").isEqualTo(jst("2026-06-03T09:00:00"));
    }

    @Test
    void withoutSaturdaysTheRotationHasTwoBands() {
        CallingProperties d = defaults();
        CallingHours weekdays = new CallingHours(new CallingProperties(d.zone(), 7, d.startTime(), 3, d.dayStart(), d.eveningStart(),
                d.dayEnd(), false, "12-29", "01-03", d.retryGap(), 14, 500, 2, false, List.of("2026-06-02")));
        assertThat(weekdays.rotation()).containsExactly(TimeBand.WEEKDAY_DAYTIME, TimeBand.WEEKDAY_EVENING);
        assertThat(weekdays.isCallingDay(LocalDate.of(2026, 6, 6))).isFalse();
        assertThat(weekdays.isCallingDay(LocalDate.of(2026, 6, 2))).as("extra closed day").isFalse();
        assertThat(weekdays.next(jst("2026-06-01T20:30:00"), Optional.empty()).start()).isEqualTo(jst("2026-06-03T09:00:00"));
    }

    @Test
    void equinoxDaysAreOnlyComputedWhereTheFormulaHolds() {
        assertThatThrownBy(() -> JapaneseHolidays.equinoxDay(2100, 20.8431)).hasMessageContaining("2099");
    }
}
