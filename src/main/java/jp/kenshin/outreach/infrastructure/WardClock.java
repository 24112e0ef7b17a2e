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
 * own clock (ClockUtil) for its timers and job locks. {@code kenshin.calling.zone}, {@code kenshin.door.zone},
 * {@code kenshin.analysis.zone} and {@code kenshin.mailing.zone} are deprecated aliases that follow {@code kenshin.zone}
 * (only calling's and analysis's are still read, as their properties' zone); one set to another zone stops the start,
 * since the ward would have two clocks again.
 *
 * <p>Nothing else in the application reads the system clock or names a zone (ArchitectureTest's rule): a command
 * run without Spring (the synthetic ward generator, the audit log's check) takes {@link #outsideSpring()}.
 */
@Configuration(proxyBeanMethods = false)
public class WardClock {

    public static final String ZONE = "kenshin.zone";
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Tokyo");
    static final List<String> DEPRECATED_ZONES = List.of("kenshin.calling.zone", "kenshin.door.zone", "kenshin.analysis.zone",
            "kenshin.mailing.zone");

    @Bean
    Clock clock(Environment environment) {
        return Clock.system(zone(environment));
    }

    /**
     * The ward's clock for a command run without Spring (no Clock bean to take): the system clock in the zone the
     * application would use, {@code kenshin.zone} given as a system property or as the environment variable
     * {@code KENSHIN_ZONE} (Spring's name for it), {@code Asia/Tokyo} by default.
     */
    public static Clock outsideSpring() {
        String zone = System.getProperty(ZONE, System.getenv().getOrDefault("KENSHIN_ZONE", DEFAULT_ZONE.getId()));
        return Clock.system(ZoneId.of(zone));
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
