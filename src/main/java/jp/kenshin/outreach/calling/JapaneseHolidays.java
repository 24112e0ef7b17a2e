package jp.kenshin.outreach.calling;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayCalendar;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Japan's public holidays (国民の祝日に関する法律) for the years this system runs in.
 *
 * <p>The named holidays come from Jollyday's Japanese calendar. Its data (jollyday 1.8.0) is not
 * complete, so three of the law's rules are applied here: the vernal and autumnal equinox days (by the
 * usual approximation, valid 1980–2099), the Emperor's Birthday on 23 February from 2020 (not
 * 23 December), and the two derived kinds of holiday Jollyday leaves out: a substitute holiday (振替休日,
 * the first following non-holiday when a holiday falls on a Sunday) and a citizens' holiday (国民の休日,
 * a day between two holidays). The tests hold the Cabinet Office's lists for 2025–2027.
 */
public final class JapaneseHolidays {

    private final HolidayManager jollyday = HolidayManager.getInstance(ManagerParameters.create(HolidayCalendar.JAPAN));
    private final Set<LocalDate> extra;
    private final Map<Integer, Set<LocalDate>> byYear = new ConcurrentHashMap<>();

    public JapaneseHolidays(Collection<LocalDate> extraClosedDays) {
        this.extra = Set.copyOf(extraClosedDays);
    }

    public boolean isHoliday(LocalDate date) {
        return extra.contains(date) || holidays(date.getYear()).contains(date);
    }

    /** The public holidays of a calendar year, sorted. */
    public Set<LocalDate> holidays(int year) {
        return byYear.computeIfAbsent(year, this::compute);
    }

    private Set<LocalDate> compute(int year) {
        TreeSet<LocalDate> named = new TreeSet<>();
        for (Holiday holiday : jollyday.getHolidays(Year.of(year))) {
            named.add(holiday.getDate());
        }
        if (year >= 2019) {
            named.remove(LocalDate.of(year, Month.DECEMBER, 23));
        }
        if (year >= 2020) {
            named.add(LocalDate.of(year, Month.FEBRUARY, 23));
        }
        named.add(LocalDate.of(year, Month.MARCH, equinoxDay(year, 20.8431)));
        named.add(LocalDate.of(year, Month.SEPTEMBER, equinoxDay(year, 23.2488)));

        TreeSet<LocalDate> all = new TreeSet<>(named);
        // 国民の休日: a day that is not itself a holiday, between two named holidays
        for (LocalDate day : named) {
            LocalDate between = day.plusDays(1);
            if (named.contains(between.plusDays(1)) && !named.contains(between) && between.getDayOfWeek() != DayOfWeek.SUNDAY) {
                all.add(between);
            }
        }
        // 振替休日: a named holiday on a Sunday moves the rest to the next day that is no holiday
        for (LocalDate day : named) {
            if (day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                LocalDate substitute = day.plusDays(1);
                while (all.contains(substitute)) {
                    substitute = substitute.plusDays(1);
                }
                all.add(substitute);
            }
        }
        all.removeIf(d -> d.getYear() != year);
        return java.util.Collections.unmodifiableSet(all);
    }

    /** The equinox day of March or September: the standard approximation for 1980–2099. */
    static int equinoxDay(int year, double base) {
        if (year < 1980 || year > 2099) {
            throw new IllegalArgumentException("春分・秋分の日は 1980〜2099 年のみ計算できます: " + year);
        }
        int y = year - 1980;
        return (int) Math.floor(base + 0.242194 * y - Math.floor(y / 4.0));
    }
}
