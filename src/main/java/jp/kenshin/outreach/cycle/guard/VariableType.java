package jp.kenshin.outreach.cycle.guard;

import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a declared process variable may hold. Only primitive values are admitted (never bytes, files or
 * serialized objects), and text only in the length or shape its declaration allows. Null is always admitted.
 */
public sealed interface VariableType {

    /** Whether the value (a primitive engine value, or null) fits. */
    boolean admits(Object value);

    /** What the type is, in Japanese, for the refusal (never the value). */
    String describe();

    /**
     * Whether the value stays out of the engine's history: a form's free text that an adapter hands to its
     * service and removes from the process (the engine keeps a removed variable's last value in its history).
     */
    boolean keptOutOfHistory();

    /** Any number (forms send integers or decimals, the application longs and doubles). */
    static VariableType number() {
        return new Simple("数値", v -> v instanceof Number);
    }

    /** A fiscal year: a whole number in the range the system takes ({@code kenshin.fiscal-year}, see {@link EngineInputGuard}). */
    static VariableType fiscalYear() {
        return new Simple("年度（西暦の整数）", v -> v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && EngineInputGuard.fiscalYearAdmitted(n.longValue()));
    }

    static VariableType bool() {
        return new Simple("真偽値", v -> v instanceof Boolean);
    }

    /** A date: a date value, or an ISO date (time) text as forms send it. */
    static VariableType date() {
        return new Simple("日付", v -> v instanceof Date || v instanceof String s && ISO_DATE.matcher(s).matches());
    }

    /** A date as staff type it ({@code yyyy/mm/dd}), or as {@link #date()} takes it; the task's listener checks and normalizes it. */
    static VariableType typedDate() {
        return new Simple("日付（yyyy/mm/dd）", v -> v instanceof Date || v instanceof String s
                && (ISO_DATE.matcher(s).matches() || SLASH_DATE.matcher(s).matches()));
    }

    /** A code of the application: upper-case letters, digits and underscores. */
    static VariableType code() {
        return new Simple("コード（英大文字・数字・_）", v -> v instanceof String s && CODE.matcher(s).matches());
    }

    /** An id: a user id, an inquiry id, a group id. */
    static VariableType id() {
        return new Simple("ID（英数字と . _ @ -）", v -> v instanceof String s && ID.matcher(s).matches());
    }

    /** One of the given texts. */
    static VariableType oneOf(List<String> values) {
        Set<String> allowed = Set.copyOf(values);
        return new Simple("次のいずれか（" + String.join("、", values) + "）", allowed::contains);
    }

    /** A text of at most {@code maxLength} characters (a field of a ward or contractor form). */
    static VariableType text(int maxLength) {
        return new Simple(maxLength + "文字以内の文字列", v -> v instanceof String s && s.length() <= maxLength);
    }

    /** A form's free text that the process hands to a service and removes: never written to the engine's history. */
    static VariableType handedOver(int maxLength) {
        return new Simple(maxLength + "文字以内の文字列", v -> v instanceof String s && s.length() <= maxLength, true);
    }

    Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:?\\d{2})?)?");
    Pattern SLASH_DATE = Pattern.compile("\\d{4}/\\d{2}/\\d{2}");
    Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
    Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

    record Simple(String describe, java.util.function.Predicate<Object> test, boolean keptOutOfHistory) implements VariableType {

        Simple(String describe, java.util.function.Predicate<Object> test) {
            this(describe, test, false);
        }

        @Override
        public boolean admits(Object value) {
            return value == null || test.test(value);
        }
    }
}
