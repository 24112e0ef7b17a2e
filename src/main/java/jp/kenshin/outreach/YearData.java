package jp.kenshin.outreach;

import java.util.Map;
import java.util.function.Consumer;

/**
 * What one capability holds of a fiscal year, for provision 7's deletion. Each capability that owns a table
 * with the year's rows provides one: it counts them, hands the year's personal values to the deletion scan
 * (only a capability that holds personal values), ends access to them, and deletes them. The deletion calls
 * them all in {@link #order()}, so rows that reference others go first, and writes no SQL of its own against
 * their tables.
 */
public interface YearData {

    /** Rows tied to the year's inquiries or call cases by their id (the door's lookups per inquiry): before those go. */
    int BEFORE_CASES = 5;
    /** Deleted before the members the rows reference (call attempts, cases, opt-outs, inquiries). */
    int BEFORE_MEMBERS = 10;
    /** Rows that reference members or imports but are referenced by none (results, selection, mailing). */
    int WITH_MEMBERS = 20;
    /** The members themselves, last. */
    int MEMBERS = 90;

    /** The capability (its package name), for messages and the README's table of owners. */
    String owner();

    /** When its rows go: lower first. */
    default int order() {
        return WITH_MEMBERS;
    }

    /** The year's records this capability holds, by table (and a few derived figures, e.g. "member.phone"). */
    Map<String, Long> count(int fiscalYear);

    /** The tables whose rows of the year {@link #delete} removes. */
    java.util.List<String> deletedTables();

    /** The tables it keeps rows of the year in after the deletion, with the reason (they hold no personal value). */
    default Map<String, String> keptTables() {
        return Map.of();
    }

    /**
     * Every personal value of the year this capability holds, for the scan that proves their deletion; {@code values}
     * may be given values from more than one thread at once.
     */
    default void personalValues(int fiscalYear, Consumer<String> values, String deletionRef) {
    }

    /** Ends everyone's access to the year's data before it is deleted (hand-over shut, designations ended). */
    default void close(int fiscalYear, String by) {
    }

    /** Deletes the year's rows, in the caller's transaction; returns the rows deleted by table. */
    Map<String, Long> delete(int fiscalYear);

    /** After the rows are committed: deletes the year's files (e.g. print files); returns what was deleted. */
    default Map<String, Long> deleteFiles(int fiscalYear) {
        return Map.of();
    }

    /**
     * A capability that keeps every table it holds of the year (they hold no personal value, listed with the reason in
     * {@link #keptTables()}): it counts and deletes nothing.
     */
    abstract class KeptOnly implements YearData {

        @Override
        public final Map<String, Long> count(int fiscalYear) {
            return Map.of();
        }

        @Override
        public final java.util.List<String> deletedTables() {
            return java.util.List.of();
        }

        @Override
        public abstract Map<String, String> keptTables();

        @Override
        public final Map<String, Long> delete(int fiscalYear) {
            return Map.of();
        }
    }
}
