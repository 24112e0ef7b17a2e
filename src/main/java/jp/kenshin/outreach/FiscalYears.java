package jp.kenshin.outreach;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The fiscal years the system takes from anyone: {@code earliest} to {@code latest}, 2000 to 2100 unless
 * configured (the range the Tasklist forms already ask for; the specific health checkup began in 2008).
 * Every fiscal year that comes in over the API (path, parameter, body) and every import is checked here,
 * so that a year of -1 or 99999 is refused at the door with the field named, not carried into dates,
 * file names and process variables.
 */
@ConfigurationProperties("kenshin.fiscal-year")
public record FiscalYears(Integer earliest, Integer latest) {

    public FiscalYears {
        earliest = earliest == null ? 2000 : earliest;
        latest = latest == null ? 2100 : latest;
    }

    /** Refuses a year outside the range, naming the field (never repeating the value). */
    public void check(int year, String field) {
        if (year < earliest || year > latest) {
            throw new IllegalArgumentException(outOfRange(field));
        }
    }

    /** The same for a year still in text form (a path or query parameter): a non-number is refused too. */
    public void check(String year, String field) {
        String text = year == null ? "" : year.strip();
        if (text.isEmpty() || text.length() > 6 || !text.chars().allMatch(c -> c >= '0' && c <= '9' || c == '-')) {
            throw new IllegalArgumentException(outOfRange(field));
        }
        try {
            check(Integer.parseInt(text), field);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(outOfRange(field));
        }
    }

    private String outOfRange(String field) {
        return "年度（" + field + "）は " + earliest + "〜" + latest + " の西暦の整数で指定してください";
    }
}
