package jp.kenshin.outreach.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * The answer of {@code /api} to a request without a sign-in (never signed in, or the session expired): 401 with a
 * Japanese message in the API's error form, instead of an empty body or a redirect to the sign-in page.
 */
final class SignInRequired implements AuthenticationEntryPoint {

    static final String BODY = "{\"error\":\"Unauthorized\",\"message\":\"サインインが必要です（一定時間操作がないとサインインが切れます）。"
            + "/login からサインインし直してください\"}";

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(BODY);
    }
}
