package jp.kenshin.outreach.privacy;

import java.time.Instant;

/**
 * A user went past the door's read budget and the door refused: published once per user and window, for the ward
 * to be alerted through an incident (provision 11). Counts and ids only.
 *
 * @param window       HOUR or DAY, the window that was exceeded (the first of them when both were)
 * @param windowStart  when that window began
 * @param personsRead  persons read in that window before the refusal
 * @param limit        the budget of that window
 * @param hourCount    persons read this hour
 * @param dayCount     persons read today
 */
public record ReadBudgetExceeded(String userId, int fiscalYear, String window, Instant windowStart, int personsRead, int limit,
        int hourCount, int dayCount) {
}
