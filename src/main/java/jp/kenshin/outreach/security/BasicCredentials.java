package jp.kenshin.outreach.security;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Requests that authenticate with HTTP basic: an {@code Authorization: Basic} header whose value decodes to
 * {@code user:password}. Only these are exempt from the session's CSRF check and never read the session: the
 * credentials are checked on every such request, and a wrong password gets 401, whatever cookie comes with it.
 * Any other {@code Authorization} header (a bearer token, a malformed basic value) counts for nothing: the
 * request is a session request like any other.
 */
final class BasicCredentials implements RequestMatcher {

    static final BasicCredentials INSTANCE = new BasicCredentials();

    private static final String SCHEME = "Basic ";

    private BasicCredentials() {
    }

    @Override
    public boolean matches(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || header.length() <= SCHEME.length() || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(SCHEME.length()).trim()), StandardCharsets.UTF_8);
            return decoded.indexOf(':') > 0;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "BasicCredentials";
    }
}
