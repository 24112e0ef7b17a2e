package jp.kenshin.outreach.calling;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * When the contractor may phone: calling days (no Sundays, no public holidays, no year-end holidays,
 * Saturdays if allowed) and hours, split into the time bands retries rotate through.
 */
@Component
public class CallingHours {

    /** A window of one band on one day in which a call may be made. */
    public record Slot(Instant start, Instant end, TimeBand band) {
    }

    private static final int SEARCH_DAYS = 60;

    private final CallingProperties properties;
    private final JapaneseHolidays holidays;
    private final MonthDay yearEndFrom;
    private final MonthDay yearEndTo;

    public CallingHours(CallingProperties properties) {
        this.properties = properties;
        this.holidays = new JapaneseHolidays(properties.extraHolidays().stream().map(LocalDate::parse).toList());
        this.yearEndFrom = MonthDay.parse("--" + properties.yearEndFrom());
        this.yearEndTo = MonthDay.parse("--" + properties.yearEndTo());
    }

    /** Whether calls may be made on this day at all. */
    public boolean isCallingDay(LocalDate day) {
        DayOfWeek weekday = day.getDayOfWeek();
        if (weekday == DayOfWeek.SUNDAY || weekday == DayOfWeek.SATURDAY && !properties.saturdays()) {
            return false;
        }
        return !holidays.isHoliday(day) && !inYearEnd(MonthDay.from(day));
    }

    private boolean inYearEnd(MonthDay day) {
        if (yearEndFrom.isAfter(yearEndTo)) { // 12-29 .. 01-03 spans the new year
            return !day.isBefore(yearEndFrom) || !day.isAfter(yearEndTo);
        }
        return !day.isBefore(yearEndFrom) && !day.isAfter(yearEndTo);
    }

    /** The band an instant falls in, or OUTSIDE_HOURS. */
    public TimeBand band(Instant at) {
        ZonedDateTime local = at.atZone(properties.zone());
        for (Slot slot : slotsOf(local.toLocalDate())) {
            if (!at.isBefore(slot.start()) && at.isBefore(slot.end())) {
                return slot.band();
            }
        }
        return TimeBand.OUTSIDE_HOURS;
    }

    /** The bands retries use, in the order they are tried. */
    public List<TimeBand> rotation() {
        return properties.saturdays() ? List.of(TimeBand.WEEKDAY_DAYTIME, TimeBand.WEEKDAY_EVENING, TimeBand.SATURDAY)
                : List.of(TimeBand.WEEKDAY_DAYTIME, TimeBand.WEEKDAY_EVENING);
    }

    /**
     * The slot of the next retry: the first band of the rotation not yet tried (after all were tried, the
     * band after the last one tried), at the earliest the retry gap after the last call.
     */
    public Slot nextRetry(Instant lastCall, List<TimeBand> tried) {
        List<TimeBand> rotation = rotation();
        TimeBand band = rotation.stream().filter(b -> !tried.contains(b)).findFirst().orElseGet(() -> {
            TimeBand last = tried.isEmpty() ? rotation.get(rotation.size() - 1) : tried.get(tried.size() - 1);
            int at = rotation.indexOf(last);
            return rotation.get((at + 1) % rotation.size());
        });
        return next(lastCall.plus(properties.retryGap()), Optional.of(band));
    }

    /** The slot of a callback the person asked for: that time if it is inside calling hours, else the next time that is. */
    public Slot callback(Instant requested) {
        return next(requested, Optional.empty());
    }

    /** The first slot (of the band, or of any band) that is open at or after the given instant; it starts no earlier than it. */
    public Slot next(Instant notBefore, Optional<TimeBand> band) {
        LocalDate day = notBefore.atZone(properties.zone()).toLocalDate();
        for (int i = 0; i <= SEARCH_DAYS; i++, day = day.plusDays(1)) {
            for (Slot slot : slotsOf(day)) {
                if (band.isPresent() && slot.band() != band.get() || !notBefore.isBefore(slot.end())) {
                    continue;
                }
                Instant start = notBefore.isAfter(slot.start()) ? notBefore : slot.start();
                return new Slot(start, slot.end(), slot.band());
            }
        }
        throw new IllegalStateException("架電できる時間帯が " + SEARCH_DAYS + " 日以内に見つかりません（架電時間の設定を確認してください）");
    }

    /** The calling windows of a day, by band. */
    List<Slot> slotsOf(LocalDate day) {
        if (!isCallingDay(day)) {
            return List.of();
        }
        List<Slot> slots = new ArrayList<>(2);
        if (day.getDayOfWeek() == DayOfWeek.SATURDAY) {
            slots.add(slot(day, properties.dayStart(), properties.dayEnd(), TimeBand.SATURDAY));
        } else {
            slots.add(slot(day, properties.dayStart(), properties.eveningStart(), TimeBand.WEEKDAY_DAYTIME));
            slots.add(slot(day, properties.eveningStart(), properties.dayEnd(), TimeBand.WEEKDAY_EVENING));
        }
        return slots;
    }

    private Slot slot(LocalDate day, LocalTime from, LocalTime to, TimeBand band) {
        return new Slot(LocalDateTime.of(day, from).atZone(properties.zone()).toInstant(),
                LocalDateTime.of(day, to).atZone(properties.zone()).toInstant(), band);
    }

    /**
     * A time given as text: ISO date-time with an offset (REST), or without one (a form), then in the ward's
     * time zone; a Date as it is. Blank is none.
     */
    public Instant instant(Object value) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        if (value instanceof java.util.Date date) {
            return date.toInstant();
        }
        String text = value.toString().strip();
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (java.time.format.DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(text).atZone(properties.zone()).toInstant();
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("かけ直し希望日時（callbackAt）は 2026-06-01T18:30 の形で入力してください");
            }
        }
    }

    /** The day a number of the ward's working days (calling days but Saturdays) after the given one: due dates of ward tasks. */
    public LocalDate plusWorkingDays(LocalDate from, int days) {
        LocalDate day = from;
        for (int left = days; left > 0; ) {
            day = day.plusDays(1);
            if (isCallingDay(day) && day.getDayOfWeek() != DayOfWeek.SATURDAY) {
                left--;
            }
        }
        return day;
    }
}
