package jp.kenshin.outreach.privacy;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The door's need-to-know limits for contractor users (issue 11).
 *
 * <ul>
 * <li>{@code personsPerHour}, {@code personsPerDay}: the read budget of one user, in person-reads (each opening of a
 * call form, each person a desk lookup finds, each person whose note is opened counts one). A call-center operator
 * completes some 15 to 25 calls an hour (dialling, talking, writing the note); 60 an hour leaves room for reopened forms
 * and desk lookups, and 400 a day is a full shift at that pace. At 400 a day, copying a ward of 200,000 takes one user
 * 500 working days instead of 20 requests.</li>
 * <li>{@code lookupsPerInquiry}: how often the desk may look a caller up within one inquiry (a caller who is not found
 * at once is asked again, but the desk is no search engine).</li>
 * <li>{@code noteMaxLength}: characters of a call or inquiry note; {@code reasonMaxLength}: of the free reason of a
 * read through {@code /api/personal-data}.</li>
 * <li>The hour and the day of the budget begin in the ward's zone ({@code kenshin.zone}, the ward's clock).</li>
 * </ul>
 */
@ConfigurationProperties("kenshin.door")
public record DoorProperties(Integer personsPerHour, Integer personsPerDay, Integer lookupsPerInquiry, Integer noteMaxLength,
        Integer reasonMaxLength) {

    public DoorProperties {
        personsPerHour = positive(personsPerHour, 60, "persons-per-hour");
        personsPerDay = positive(personsPerDay, 400, "persons-per-day");
        lookupsPerInquiry = positive(lookupsPerInquiry, 5, "lookups-per-inquiry");
        noteMaxLength = positive(noteMaxLength, 2000, "note-max-length");
        reasonMaxLength = positive(reasonMaxLength, 200, "reason-max-length");
    }

    private static int positive(Integer value, int fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value < 1) {
            throw new IllegalArgumentException("kenshin.door." + name + " must be at least 1");
        }
        return value;
    }
}
