package jp.kenshin.outreach.infrastructure.logging;

import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Exceptions as they may be logged or answered: their classes, the engine's message ids (ENGINE-xxxxx) and
 * their stack frames, never their messages, which may quote a submitted value.
 */
public final class WithheldMessages {

    private static final Pattern ENGINE_MESSAGE_ID = Pattern.compile("\\b(ENGINE|DMN|FEEL|SPIN|TASKLIST|WEBAPP|REST)-\\d{5}\\b");
    private static final int MAX_DEPTH = 16;
    private static final String OWN_PACKAGE = "jp.kenshin.outreach.";
    private static final Pattern SQL_STATE = Pattern.compile("[0-9A-Z]{5}");

    private WithheldMessages() {
    }

    /** The engine message ids (such as ENGINE-16004) in a text, in order; a fixed pattern, never input. */
    public static Set<String> messageIds(String text) {
        Set<String> ids = new LinkedHashSet<>();
        if (text != null) {
            Matcher m = ENGINE_MESSAGE_ID.matcher(text);
            while (m.find()) {
                ids.add(m.group());
            }
        }
        return ids;
    }

    /** The engine message ids in the messages of an exception and its causes. */
    public static Set<String> messageIds(Throwable t) {
        Set<String> ids = new LinkedHashSet<>();
        int depth = 0;
        for (Throwable c = t; c != null && depth < MAX_DEPTH; c = c.getCause(), depth++) {
            ids.addAll(messageIds(c.getMessage()));
        }
        return ids;
    }

    /**
     * One exception without what it said: its class, the engine's message ids in its message, and a database error's
     * SQL state (a five-character code, such as 23505 for a unique key), which tells an operator the kind of failure.
     */
    private static String what(Throwable t) {
        StringBuilder s = new StringBuilder(t.getClass().getName());
        Set<String> ids = messageIds(t.getMessage());
        if (!ids.isEmpty()) {
            s.append(' ').append(String.join(",", ids));
        }
        if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null && SQL_STATE.matcher(sql.getSQLState()).matches()) {
            s.append(" SQLSTATE ").append(sql.getSQLState());
        }
        return s.toString();
    }

    /** "ClassName [ENGINE-xxxxx] [SQLSTATE xxxxx] <- CauseClass ...": what an exception was, without what it said. */
    public static String describe(Throwable t) {
        StringBuilder s = new StringBuilder();
        int depth = 0;
        for (Throwable c = t; c != null && depth < MAX_DEPTH; c = c.getCause(), depth++) {
            if (depth > 0) {
                s.append(" <- ");
            }
            s.append(what(c));
            if (c.getCause() == c) {
                break;
            }
        }
        return s.toString();
    }

    /**
     * Whether the exception is a refusal the application wrote: constructed in its code (the innermost frame is ours),
     * and of a kind it refuses with (its own exceptions; the JDK's argument, state and not-found exceptions; the
     * engine's exceptions; a file step's failure given a message of its own). Such a message names ids and counts
     * only, by the house rule. A fault of its code (a null pointer, a bad cast, an index out of range) is not a
     * refusal: the JDK writes those messages, naming the application's methods and variables. A number's parse error
     * quotes the value, wherever it was made.
     */
    public static boolean writtenByTheApplication(Throwable t) {
        StackTraceElement[] trace = t.getStackTrace();
        if (trace.length == 0 || !trace[0].getClassName().startsWith(OWN_PACKAGE) || t instanceof NumberFormatException) {
            return false;
        }
        return t.getClass().getName().startsWith(OWN_PACKAGE) || t instanceof IllegalArgumentException
                || t instanceof IllegalStateException || t instanceof NoSuchElementException
                || t instanceof org.camunda.bpm.engine.ProcessEngineException
                // a file step's failure with a message of its own; without one it says its cause's
                || t instanceof java.io.UncheckedIOException && !String.valueOf(t.getCause()).equals(t.getMessage());
    }

    /** The first message in the exception or its causes that the application wrote (see {@link #writtenByTheApplication}). */
    public static Optional<String> ownMessage(Throwable t) {
        int depth = 0;
        for (Throwable c = t; c != null && depth < MAX_DEPTH; c = c.getCause(), depth++) {
            if (c.getMessage() != null && writtenByTheApplication(c)) {
                return Optional.of(c.getMessage());
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return Optional.empty();
    }

    /**
     * The exception as the engine may keep it (a failed job's message and stack trace, its incident): the application's
     * own message if it wrote one, else what the exception was ({@link #describe}), over a copy of the chain whose
     * messages are withheld and whose stack frames are kept.
     */
    public static Throwable forTheEngine(Throwable t) {
        if (t == null) {
            return null;
        }
        Withheld kept = new Withheld(ownMessage(t).orElseGet(() -> describe(t)), redact(t, new IdentityHashMap<>(), 0));
        kept.setStackTrace(t.getStackTrace()); // where it was thrown, not here
        return kept;
    }

    /** A copy of the exception and its causes with the stack traces kept and every message replaced by the class name. */
    public static Throwable redact(Throwable t) {
        return t == null ? null : redact(t, new IdentityHashMap<>(), 0);
    }

    private static Withheld redact(Throwable t, Map<Throwable, Withheld> seen, int depth) {
        if (t instanceof Withheld w) {
            return w;
        }
        Withheld done = seen.get(t);
        if (done != null) {
            return done;
        }
        String what = what(t) + " (message withheld)";
        Withheld cause = t.getCause() == null || t.getCause() == t || depth >= MAX_DEPTH ? null : redact(t.getCause(), seen, depth + 1);
        Withheld copy = new Withheld(what, cause);
        copy.setStackTrace(t.getStackTrace());
        seen.put(t, copy);
        return copy;
    }

    /** An exception as logged: its original class and message ids in place of its message. */
    public static final class Withheld extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Withheld(String what, Withheld cause) {
            super(what, cause, false, true);
        }
    }
}
