package jp.kenshin.outreach.calling;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Phone outreach settings ({@code kenshin.calling.*}).
 *
 * @param zone             the ward's time zone for calling hours
 * @param startDelayDays   days after the postcards' dispatch date when the calls start
 * @param startTime        time of day on that date when the cases open
 * @param maxAttempts      calls to a person who does not answer
 * @param dayStart         calling hours begin
 * @param eveningStart     weekday evening band begins
 * @param dayEnd           calling hours end
 * @param saturdays        whether Saturdays are calling days
 * @param yearEndFrom      first day of the year-end holidays, MM-dd (no calls)
 * @param yearEndTo        last day of the year-end holidays, MM-dd
 * @param retryGap         the least time between two calls to the same person
 * @param firstCallDueDays days the first call may wait before it is overdue
 * @param startChunk       instances started per transaction
 * @param startThreads     transactions starting instances side by side
 * @param starterEnabled   whether the background starter runs (off in tests, which call it themselves)
 * @param extraHolidays    further closed days of the ward (ISO dates)
 */
@ConfigurationProperties("kenshin.calling")
public record CallingProperties(
        @DefaultValue("Asia/Tokyo") ZoneId zone,
        @DefaultValue("7") int startDelayDays,
        @DefaultValue("09:00") LocalTime startTime,
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("09:00") LocalTime dayStart,
        @DefaultValue("17:00") LocalTime eveningStart,
        @DefaultValue("20:00") LocalTime dayEnd,
        @DefaultValue("true") boolean saturdays,
        @DefaultValue("12-29") String yearEndFrom,
        @DefaultValue("01-03") String yearEndTo,
        @DefaultValue("PT2H") Duration retryGap,
        @DefaultValue("14") int firstCallDueDays,
        @DefaultValue("500") int startChunk,
        @DefaultValue("2") int startThreads,
        @DefaultValue("true") boolean starterEnabled,
        @DefaultValue List<String> extraHolidays) {
}
