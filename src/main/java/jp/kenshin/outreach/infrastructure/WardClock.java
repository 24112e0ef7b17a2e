package jp.kenshin.outreach.infrastructure;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The ward's one clock: {@code kenshin.zone} ({@code Asia/Tokyo} by default) is where every day and hour of the
 * product begins: calling hours, the read budget, due dates, the analysis task, the dates and times on documents.
 * Code takes the {@link Clock} bean ({@code LocalDate.now(clock)}, {@code clock.getZone()}); the engine keeps its
 * own clock (ClockUtil) for its timers. {@code kenshin.calling.zone}, {@code kenshin.door.zone} and
 * {@code kenshin.analysis.zone} are deprecated aliases that follow {@code kenshin.zone}; one set to another zone
 * stops the start, since the ward would have two clocks again.
 */
@Configuration(proxyBeanMethods = false)
public class WardClock {

    public static final String ZONE = "kenshin.zone";
    static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Tokyo");
    static final List<String> DEPRECATED_ZONES = List.of("kenshin.calling.zone", "kenshin.door.zone", "kenshin.analysis.zone");

    @Bean
    Clock clock(Environment environment) {
        return Clock.system(zone(environment));
    }

    /** The configured zone, after checking that no deprecated key names another. */
    static ZoneId zone(Environment environment) {
        ZoneId zone = ZoneId.of(environment.getProperty(ZONE, DEFAULT_ZONE.getId()));
        for (String key : DEPRECATED_ZONES) {
            String value = environment.getProperty(key);
            if (value != null && !ZoneId.of(value).equals(zone)) {
                throw new IllegalStateException(key + " (" + value + ") differs from " + ZONE + " (" + zone.getId() + "): "
                        + key + " is deprecated, set only " + ZONE);
            }
        }
        return zone;
    }
}
