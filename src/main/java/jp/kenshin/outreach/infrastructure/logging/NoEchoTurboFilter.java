package jp.kenshin.outreach.infrastructure.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Marker;

/**
 * No log line echoes a submitted value. Every logged exception is logged without its messages (class, engine
 * message id and stack frames only: see {@link WithheldMessages}); and the libraries that put request input
 * into their own log lines (the engine, Jersey, Jackson, Spring MVC's exception resolvers, Tomcat) log their
 * templates without arguments (at every level: a debugging session logs no input either), and nothing of a line
 * they hand over already formatted: from WARN up, and at every level for those that quote the request
 * (Tomcat's request parser, Spring MVC, Jersey, Jackson). The application's own lines (ids and counts by rule) stay
 * as they are, except for their exceptions' messages.
 *
 * <p>Configured in {@code logback-spring.xml}; {@code withholdFrom} adds logger name prefixes.
 */
public class NoEchoTurboFilter extends TurboFilter {

    private static final String FQCN = NoEchoTurboFilter.class.getName();
    private static final String WITHHELD = "[…]";
    private static final ThreadLocal<Boolean> RELOGGING = ThreadLocal.withInitial(() -> false);

    /** Loggers whose WARN and ERROR lines may quote input: their arguments are withheld. */
    private final List<String> echoProne = new ArrayList<>(List.of("org.camunda", "org.glassfish", "org.jboss.resteasy",
            "com.fasterxml.jackson", "org.springframework.web", "org.springframework.http", "org.springframework.security",
            "org.apache.catalina", "org.apache.coyote", "org.apache.tomcat", "jakarta.", "org.hibernate.validator"));
    /** Loggers that hand over lines already formatted (java.util.logging through the bridge): withheld from WARN up. */
    private final List<String> preformatted = new ArrayList<>(List.of("org.glassfish", "org.apache.catalina", "org.apache.coyote",
            "org.apache.tomcat", "jakarta."));
    /**
     * Loggers whose formatted lines quote the request at any level: Tomcat's request parser, and Spring MVC and
     * its message converters (commons-logging, formatted by Spring: at DEBUG they log the URI, the body read and
     * the exceptions resolved, with their messages).
     */
    private final List<String> alwaysQuoting = new ArrayList<>(List.of("org.apache.coyote", "org.springframework.web",
            "org.springframework.http", "org.glassfish.jersey", "com.fasterxml.jackson"));

    public void setWithholdFrom(String prefixes) {
        echoProne.addAll(Arrays.stream(prefixes.split(",")).map(String::strip).filter(p -> !p.isEmpty()).toList());
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (RELOGGING.get() || format == null && t == null || logger == null || !level.isGreaterOrEqual(logger.getEffectiveLevel())) {
            return FilterReply.NEUTRAL;
        }
        String name = logger.getName();
        boolean prone = startsWithAny(name, echoProne);
        int placeholders = count(format);
        Throwable trailing = t != null ? t
                : params != null && params.length > placeholders && params[params.length - 1] instanceof Throwable last ? last : null;
        Object[] args = params == null ? null : t == null && trailing != null ? Arrays.copyOf(params, params.length - 1) : params;
        boolean throwableArgument = args != null && Arrays.stream(args).anyMatch(Throwable.class::isInstance);
        if (!prone && trailing == null && !throwableArgument) {
            return FilterReply.NEUTRAL;
        }
        String message = format;
        if (args != null) {
            args = Arrays.stream(args).map(p -> p instanceof Throwable th ? WithheldMessages.describe(th) : prone ? WITHHELD : p).toArray();
        }
        if (prone && placeholders == 0 && (startsWithAny(name, alwaysQuoting)
                || startsWithAny(name, preformatted) && level.isGreaterOrEqual(Level.WARN))) {
            message = String.join(" ", WithheldMessages.messageIds(format)) + " (message withheld)";
            args = null;
        }
        RELOGGING.set(true);
        try {
            logger.log(marker, FQCN, Level.toLocationAwareLoggerInteger(level), message, args, WithheldMessages.redact(trailing));
        } finally {
            RELOGGING.set(false);
        }
        return FilterReply.DENY;
    }

    private static int count(String format) {
        int n = 0;
        for (int i = format == null ? -1 : format.indexOf("{}"); i >= 0; i = format.indexOf("{}", i + 2)) {
            n++;
        }
        return n;
    }

    private static boolean startsWithAny(String name, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
