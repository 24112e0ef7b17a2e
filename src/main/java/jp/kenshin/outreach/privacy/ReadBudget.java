package jp.kenshin.outreach.privacy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The read budget of one user per hour and per day, and the desk's lookups per inquiry. Each spend runs in a
 * transaction of its own and locks only the user's two counter rows (in a fixed order), so concurrent requests of one
 * user are counted exactly and requests of different users never wait for each other.
 */
@Component
class ReadBudget {

    /** The outcome of a spend: admitted, or refused with the window exceeded and whether the ward is to be alerted now. */
    record Spent(boolean admitted, String window, Instant windowStart, int personsRead, int limit, int hourCount, int dayCount,
            boolean alertNow) {
    }

    private final JdbcTemplate jdbc;
    private final DoorProperties properties;
    /** Where the hour and the day of the budget begin: the ward's zone. */
    private final ZoneId zone;
    private final TransactionTemplate ownTransaction;

    ReadBudget(JdbcTemplate jdbc, DoorProperties properties, PlatformTransactionManager transactions, Clock clock) {
        this.zone = clock.getZone();
        this.jdbc = jdbc;
        this.properties = properties;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Counts {@code persons} read by the user now, or refuses (counting nothing) when that would pass a budget. */
    Spent spend(String userId, int persons, Instant now) {
        ZonedDateTime local = now.atZone(zone);
        Instant hour = local.truncatedTo(ChronoUnit.HOURS).toInstant();
        Instant day = local.truncatedTo(ChronoUnit.DAYS).toInstant();
        return ownTransaction.execute(status -> {
            jdbc.update("""
                    insert into door_read_budget (user_id, window_kind, window_start) values (?, 'DAY', ?), (?, 'HOUR', ?)
                    on conflict do nothing""", userId, Timestamp.from(day), userId, Timestamp.from(hour));
            // DAY before HOUR: every request locks the two rows in the same order
            List<Map<String, Object>> rows = jdbc.queryForList("""
                    select window_kind, persons, alerted_at is not null as alerted from door_read_budget
                    where user_id = ? and (window_kind = 'DAY' and window_start = ? or window_kind = 'HOUR' and window_start = ?)
                    order by window_kind for update""", userId, Timestamp.from(day), Timestamp.from(hour));
            int dayCount = ((Number) rows.get(0).get("persons")).intValue();
            int hourCount = ((Number) rows.get(1).get("persons")).intValue();
            boolean hourOver = hourCount + persons > properties.personsPerHour();
            boolean dayOver = dayCount + persons > properties.personsPerDay();
            if (!hourOver && !dayOver) {
                jdbc.update("""
                        update door_read_budget set persons = persons + ?
                        where user_id = ? and (window_kind = 'DAY' and window_start = ? or window_kind = 'HOUR' and window_start = ?)""",
                        persons, userId, Timestamp.from(day), Timestamp.from(hour));
                return new Spent(true, null, null, hourCount + persons, properties.personsPerHour(), hourCount + persons,
                        dayCount + persons, false);
            }
            boolean alertNow = hourOver && !(Boolean) rows.get(1).get("alerted") || dayOver && !(Boolean) rows.get(0).get("alerted");
            jdbc.update("""
                    update door_read_budget set refused = refused + 1, alerted_at = coalesce(alerted_at, now())
                    where user_id = ? and (window_kind = 'DAY' and window_start = ? and ? or window_kind = 'HOUR' and window_start = ? and ?)""",
                    userId, Timestamp.from(day), dayOver, Timestamp.from(hour), hourOver);
            return hourOver
                    ? new Spent(false, "HOUR", hour, hourCount, properties.personsPerHour(), hourCount, dayCount, alertNow)
                    : new Spent(false, "DAY", day, dayCount, properties.personsPerDay(), hourCount, dayCount, alertNow);
        });
    }

    /**
     * Counts one lookup within an inquiry, or refuses it past the cap (one statement: concurrent lookups are counted
     * exactly). Runs in the caller's transaction: a lookup that fails later is not counted.
     *
     * @return true when admitted
     */
    boolean lookUp(String inquiryId) {
        List<Integer> counted = jdbc.queryForList("""
                insert into door_inquiry_lookup as l (inquiry_id, lookups) values (?, 1)
                on conflict (inquiry_id) do update set lookups = l.lookups + 1 where l.lookups < ?
                returning lookups""", Integer.class, inquiryId, properties.lookupsPerInquiry());
        return !counted.isEmpty(); // refusals are on record in the audit log
    }

    /** Remembers whom the latest lookup of an inquiry found (in the caller's transaction). */
    void found(String inquiryId, List<Long> memberIds) {
        jdbc.update(connection -> {
            var ps = connection.prepareStatement("update door_inquiry_lookup set last_found = ? where inquiry_id = ?");
            ps.setArray(1, connection.createArrayOf("bigint", memberIds.toArray()));
            ps.setString(2, inquiryId);
            return ps;
        });
    }

    /** Whether the latest lookup of the inquiry found this person. */
    boolean wasFound(String inquiryId, long memberId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from door_inquiry_lookup where inquiry_id = ? and ? = any (last_found))",
                Boolean.class, inquiryId, memberId));
    }
}
