package jp.kenshin.outreach.web;

import java.util.Optional;
import java.util.UUID;
import jp.kenshin.outreach.cycle.guard.EngineInputRefused;
import jp.kenshin.outreach.infrastructure.logging.WithheldMessages;

/**
 * Which error messages may be shown: the engine guard's refusals, and the refusals the application writes
 * itself (a reason in Japanese, ids only, by the house rule), told apart by where the exception was made and
 * by its kind ({@link WithheldMessages#writtenByTheApplication}).
 * A message made by a library (a parser, a converter, the engine's type conversion) may quote the submitted
 * value, so it is never shown: the answer carries a fixed text instead.
 */
final class SafeMessages {

    private static final int MAX_DEPTH = 16;

    private SafeMessages() {
    }

    /**
     * The first message in the exception or its causes that the application wrote itself; the engine guard's refusals
     * ({@link EngineInputRefused}) are among them, made in our code and of our kind.
     */
    static Optional<String> of(Throwable t) {
        return WithheldMessages.ownMessage(t);
    }

    /** Whether the exception or one of its causes is of the given type. */
    static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        int depth = 0;
        for (Throwable c = t; c != null && depth < MAX_DEPTH; c = c.getCause(), depth++) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    /** A short id that ties an answer to its log line. */
    static String errorId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
