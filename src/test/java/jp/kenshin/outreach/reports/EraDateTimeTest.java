package jp.kenshin.outreach.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** A moment on a document carries its zone: the ward's as 日本時間, any other by its id. */
class EraDateTimeTest {

    private static final Instant LATE_EVENING_UTC = Instant.parse("2026-03-31T15:30:00Z");

    @Test
    void theWardsZoneIsNamedInJapaneseAndTheDayIsTheWardsDay() {
        assertThat(ReportRenderer.eraDateTime(LATE_EVENING_UTC, ZoneId.of("Asia/Tokyo"))).isEqualTo("令和8年4月1日 00:30:00（日本時間）");
    }

    @Test
    void anotherZoneIsNamedByItsId() {
        assertThat(ReportRenderer.eraDateTime(LATE_EVENING_UTC, ZoneId.of("UTC"))).isEqualTo("令和8年3月31日 15:30:00（UTC）");
    }
}
