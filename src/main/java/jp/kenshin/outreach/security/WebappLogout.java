package jp.kenshin.outreach.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Logout from Tasklist, Cockpit or Admin ends the whole session. The webapps post to
 * {@code /camunda/api/admin/auth/user/{engine}/logout}, whose resource (Camunda's UserAuthenticationResource)
 * only removes the engine's entry from the webapps' own authentications in the session; with container-based
 * authentication the next request would put it back from Spring Security's session. So once the webapp has
 * accepted the logout (its CSRF filter has checked the request, the resource answered 2xx), Spring Security's
 * logout handlers run: the HTTP session is invalidated and the security context cleared. The answer is held
 * back until then, so the cleared cookies still reach the browser.
 */
final class WebappLogout extends OncePerRequestFilter {

    static final RequestMatcher PATH = PathPatternRequestMatcher.withDefaults()
            .matcher(org.springframework.http.HttpMethod.POST, "/camunda/api/admin/auth/user/*/logout");

    private final LogoutHandler handlers;

    WebappLogout(LogoutHandler handlers) {
        this.handlers = handlers;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !PATH.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, held);
            if (held.getStatus() >= 200 && held.getStatus() < 300) {
                handlers.logout(request, held, signedIn);
            }
        } finally {
            held.copyBodyToResponse();
        }
    }
}
