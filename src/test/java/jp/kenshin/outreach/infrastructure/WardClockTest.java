package jp.kenshin.outreach.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** One zone for the ward: kenshin.zone, Asia/Tokyo by default; the old per-area keys may only repeat it. */
class WardClockTest {

    @Test
    void theWardsZoneIsTokyoUnlessConfigured() {
        assertThat(new WardClock().clock(new MockEnvironment()).getZone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
        assertThat(new WardClock().clock(new MockEnvironment().withProperty("kenshin.zone", "Asia/Seoul")).getZone())
                .isEqualTo(ZoneId.of("Asia/Seoul"));
    }

    @Test
    void aDeprecatedKeyRepeatingTheZoneIsAcceptedAndOneNamingAnotherStopsTheStart() {
        assertThat(WardClock.zone(new MockEnvironment().withProperty("kenshin.calling.zone", "Asia/Tokyo")))
                .isEqualTo(ZoneId.of("Asia/Tokyo"));
        assertThatThrownBy(() -> WardClock.zone(new MockEnvironment().withProperty("kenshin.zone", "Asia/Tokyo")
                .withProperty("kenshin.door.zone", "UTC")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kenshin.door.zone").hasMessageContaining("set only kenshin.zone");
    }

    @Test
    void theMailingsOldZoneIsADeprecatedKeyToo() {
        assertThatThrownBy(() -> WardClock.zone(new MockEnvironment().withProperty("kenshin.mailing.zone", "Europe/Paris")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("kenshin.mailing.zone");
    }

    @Test
    void aCommandWithoutSpringTakesTheConfiguredZone() {
        String before = System.getProperty(WardClock.ZONE);
        try {
            System.clearProperty(WardClock.ZONE);
            if (System.getenv("KENSHIN_ZONE") == null) {
                assertThat(WardClock.outsideSpring().getZone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
            }
            System.setProperty(WardClock.ZONE, "Asia/Seoul");
            assertThat(WardClock.outsideSpring().getZone()).isEqualTo(ZoneId.of("Asia/Seoul"));
        } finally {
            if (before == null) {
                System.clearProperty(WardClock.ZONE);
            } else {
                System.setProperty(WardClock.ZONE, before);
            }
        }
    }
}
