package jp.kenshin.outreach.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.function.Supplier;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * The session's security context, except for requests with HTTP basic credentials: those start signed out, so
 * the basic filter checks their password whatever session cookie they carry (Spring's filter skips the check
 * when the session already holds the same user), and a failed check is a 401, not a fall-back to the session.
 */
final class BasicRequestsIgnoreTheSession implements SecurityContextRepository {

    private final SecurityContextRepository sessions;

    BasicRequestsIgnoreTheSession(SecurityContextRepository sessions) {
        this.sessions = sessions;
    }

    @Override
    public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
        if (BasicCredentials.INSTANCE.matches(request)) {
            return new Empty();
        }
        return sessions.loadDeferredContext(request);
    }

    @Override
    @Deprecated
    public SecurityContext loadContext(HttpRequestResponseHolder holder) {
        if (BasicCredentials.INSTANCE.matches(holder.getRequest())) {
            return SecurityContextHolder.createEmptyContext();
        }
        return sessions.loadContext(holder);
    }

    @Override
    public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
        sessions.saveContext(context, request, response);
    }

    @Override
    public boolean containsContext(HttpServletRequest request) {
        return !BasicCredentials.INSTANCE.matches(request) && sessions.containsContext(request);
    }

    private static final class Empty implements DeferredSecurityContext {

        private final Supplier<SecurityContext> context = SecurityContextHolder::createEmptyContext;

        @Override
        public SecurityContext get() {
            return context.get();
        }

        @Override
        public boolean isGenerated() {
            return true;
        }
    }
}
