package jp.kenshin.outreach.cycle;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Date;
import java.util.regex.Pattern;

/**
 * The dispatch date as the ward types it ({@code yyyy/mm/dd}, or ISO {@code yyyy-mm-dd} over REST), checked for
 * dates that cannot be right: one not in the calendar, one before the proof's approval, one further in the past
 * than the setting allows. The reasons name the field and the rule, never the typed value.
 */
final class DispatchDates {

    static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("uuuu/MM/dd");
    private static final DateTimeFormatter SLASHED = DateTimeFormatter.ofPattern("uuuu/MM/dd").withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern SLASH = Pattern.compile("\\d{4}/\\d{2}/\\d{2}");
    private static final Pattern ISO = Pattern.compile("\\d{4}-\\d{2}-\\d{2}.*");

    private DispatchDates() {
    }

    /** The date of a form's text or a REST Date, or an IllegalArgumentException with the reason. */
    static LocalDate parse(Object value, ZoneId zone) {
        if (value == null || value.toString().isBlank()) {
            throw new IllegalArgumentException("差出日を入力してください（yyyy/mm/dd、例 2026/11/16）");
        }
        if (value instanceof Date date) {
            return date.toInstant().atZone(zone).toLocalDate();
        }
        String text = value.toString().strip();
        try {
            if (SLASH.matcher(text).matches()) {
                return LocalDate.parse(text, SLASHED);
            }
            if (ISO.matcher(text).matches()) {
                return LocalDate.parse(text.substring(0, 10), DateTimeFormatter.ISO_LOCAL_DATE.withResolverStyle(ResolverStyle.STRICT));
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("差出日：暦にない日付です（月は01～12、日はその月の日数まで）");
        }
        throw new IllegalArgumentException("差出日：日付は yyyy/mm/dd の形で入力してください（例 2026/11/16）");
    }

    /** Refuses a dispatch date before the proof's approval or more than maxDaysPast days before today. */
    static void check(LocalDate dispatched, LocalDate today, LocalDate proofApprovedOn, int maxDaysPast) {
        if (proofApprovedOn != null && dispatched.isBefore(proofApprovedOn)) {
            throw new IllegalArgumentException("差出日：見本の承認日（" + SHOWN.format(proofApprovedOn)
                    + "）より前の日付は記録できません");
        }
        if (dispatched.isBefore(today.minusDays(maxDaysPast))) {
            throw new IllegalArgumentException("差出日：今日（" + SHOWN.format(today) + "）より" + maxDaysPast
                    + "日を超えて前の日付は記録できません（設定 kenshin.mailing.dispatch-max-days-past）");
        }
    }
}
