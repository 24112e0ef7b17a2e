package jp.kenshin.outreach.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import org.junit.jupiter.api.Test;

class DispatchDatesTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @Test
    void aDateTypedTheJapaneseWayIsReadAsYearMonthDay() {
        assertThat(DispatchDates.parse("2026/11/16", TOKYO)).isEqualTo(LocalDate.of(2026, 11, 16));
        assertThat(DispatchDates.parse("2026-11-16", TOKYO)).isEqualTo(LocalDate.of(2026, 11, 16));
        // a Date over REST is the day it is in Tokyo (15:30 UTC is already the next day there)
        assertThat(DispatchDates.parse(Date.from(java.time.Instant.parse("2026-11-15T15:30:00Z")), TOKYO))
                .isEqualTo(LocalDate.of(2026, 11, 16));
    }

    @Test
    void aDateNotInTheCalendarOrInAnotherFormIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> DispatchDates.parse("2026/02/30", TOKYO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("差出日：暦にない日付です（月は01～12、日はその月の日数まで）");
        assertThatThrownBy(() -> DispatchDates.parse("2026/13/01", TOKYO)).hasMessageContaining("暦にない日付");
        assertThatThrownBy(() -> DispatchDates.parse("11/16/2026", TOKYO))
                .hasMessage("差出日：日付は yyyy/mm/dd の形で入力してください（例 2026/11/16）");
        assertThatThrownBy(() -> DispatchDates.parse(" ", TOKYO)).hasMessageContaining("差出日を入力してください");
        assertThatThrownBy(() -> DispatchDates.parse(null, TOKYO)).hasMessageContaining("差出日を入力してください");
    }

    @Test
    void aDispatchBeforeTheProofsApprovalOrTooFarInThePastIsRefusedWithTheReason() {
        LocalDate today = LocalDate.of(2026, 11, 30);
        LocalDate approved = LocalDate.of(2026, 11, 10);
        DispatchDates.check(LocalDate.of(2026, 11, 10), today, approved, 30);
        DispatchDates.check(LocalDate.of(2026, 12, 5), today, approved, 30);
        assertThatThrownBy(() -> DispatchDates.check(LocalDate.of(2026, 11, 9), today, approved, 30))
                .hasMessage("差出日：見本の承認日（2026/11/10）より前の日付は記録できません");
        DispatchDates.check(LocalDate.of(2026, 10, 31), today, null, 30);
        assertThatThrownBy(() -> DispatchDates.check(LocalDate.of(2026, 10, 30), today, null, 30))
                .hasMessage("差出日：今日（2026/11/30）より30日を超えて前の日付は記録できません（設定 kenshin.mailing.dispatch-max-days-past）");
    }
}
