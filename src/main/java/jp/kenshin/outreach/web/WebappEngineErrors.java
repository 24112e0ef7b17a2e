package jp.kenshin.outreach.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Locale;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The webapps' own REST APIs ({@code /camunda/api/...}: Tasklist, Cockpit and Admin call the engine there, not
 * through {@code /engine-rest}) answer errors with Camunda's handlers, which put the engine's English message in the
 * body ({@code ENGINE-03051 There was an exception while invoking the TaskListener…}, {@code The user with id … does
 * not have … 'TASK_WORK' permission…}, {@code No matching task…}) and Tasklist shows it to the person. Here the
 * message of every error answer is replaced by the Japanese text {@link EngineRestErrors} would give: the
 * application's own refusal where there is one (taken from the exception the engine command threw, which a command
 * interceptor keeps for the request), else a fixed text by kind. The type and the engine's error code stay.
 */
@Configuration(proxyBeanMethods = false)
class WebappEngineErrors {

    private static final Logger log = LoggerFactory.getLogger(WebappEngineErrors.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The last exception an engine command threw in this request's thread; armed only while a webapp request runs. */
    private static final ThreadLocal<Throwable[]> LAST_ERROR = new ThreadLocal<>();

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> webappErrorsInJapanese() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new JapaneseErrors());
        registration.addUrlPatterns("/camunda/api/*");
        // after the sign-in filters, around Camunda's own
        registration.setOrder(103);
        return registration;
    }

    @Bean
    AbstractProcessEnginePlugin webappErrorCapture() {
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                if (configuration.getCustomPreCommandInterceptorsTxRequired() == null) {
                    configuration.setCustomPreCommandInterceptorsTxRequired(new ArrayList<>());
                }
                configuration.getCustomPreCommandInterceptorsTxRequired().add(new Capture());
                if (configuration.getCustomPreCommandInterceptorsTxRequiresNew() == null) {
                    configuration.setCustomPreCommandInterceptorsTxRequiresNew(new ArrayList<>());
                }
                configuration.getCustomPreCommandInterceptorsTxRequiresNew().add(new Capture());
            }
        };
    }

    /** Keeps the exception a command throws, for the request that is running it (if any is armed). */
    static final class Capture extends CommandInterceptor {
        @Override
        public <T> T execute(Command<T> command) {
            try {
                return next.execute(command);
            } catch (RuntimeException e) {
                Throwable[] slot = LAST_ERROR.get();
                if (slot != null) {
                    slot[0] = e;
                }
                throw e;
            }
        }
    }

    static final class JapaneseErrors extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Throwable[] slot = new Throwable[1];
            LAST_ERROR.set(slot);
            ContentCachingResponseWrapper wrapped = new ContentCachingResponseWrapper(response);
            try {
                chain.doFilter(request, wrapped);
                if (wrapped.getStatus() >= 400 && isJson(wrapped.getContentType())) {
                    int status = wrapped.getStatus();
                    // Camunda's resources answer every engine error of a completion with 500; the application's
                    // refusals and the guard's are the person's input, as over /engine-rest (EngineRestErrors.status)
                    if (status == 500 && slot[0] != null && (SafeMessages.causedBy(slot[0], org.camunda.bpm.engine.BadUserRequestException.class)
                            || SafeMessages.causedBy(slot[0], jp.kenshin.outreach.cycle.guard.EngineInputRefused.class))) {
                        status = 400;
                        wrapped.setStatus(status);
                    }
                    byte[] replaced = rewrite(wrapped.getContentAsByteArray(), status, slot[0], request.getRequestURI());
                    if (replaced != null) {
                        wrapped.resetBuffer();
                        wrapped.setContentType("application/json;charset=UTF-8");
                        wrapped.getOutputStream().write(replaced);
                    }
                }
            } finally {
                LAST_ERROR.remove();
                wrapped.copyBodyToResponse();
            }
        }
    }

    private static boolean isJson(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json");
    }

    /** The error body with its message in Japanese; null if it is not an error object. */
    static byte[] rewrite(byte[] body, int status, Throwable thrown, String path) {
        try {
            JsonNode node = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
            if (!(node instanceof ObjectNode error)) {
                return null;
            }
            String original = error.path("message").asText("");
            String errorId = SafeMessages.errorId();
            error.put("message", message(status, thrown, original, path, errorId));
            if (status >= 500) {
                error.put("errorId", errorId);
                log.warn("webapp api error {} ({}) on {}: {}", errorId, status, path,
                        thrown == null ? error.path("type").asText() : thrown.getClass().getName());
            }
            return JSON.writeValueAsBytes(error);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The Japanese text for an error: the application's own refusal, else one fixed text by kind. The engine's
     * message is read only to tell the kind apart; it is never shown, since it may quote what was submitted.
     */
    static String message(int status, Throwable thrown, String engineMessage, String path, String errorId) {
        if (thrown != null) {
            var own = SafeMessages.of(thrown);
            if (own.isPresent()) {
                return own.get();
            }
        }
        boolean aboutTasks = path != null && path.contains("/task");
        if (engineMessage.contains("No matching task") || engineMessage.contains("task is null")
                || engineMessage.contains("Cannot find task") || (status == 404 && aboutTasks)) {
            return "このタスクはもうありません（ほかの人が完了したか、取り消されました）。一覧を更新してください";
        }
        if (engineMessage.contains("is suspended")) {
            return "このプロセスは一時停止中のため操作できません";
        }
        if (thrown instanceof AuthorizationException || status == 403 || engineMessage.contains("does not have")) {
            if (engineMessage.contains("TASK_WORK") || engineMessage.contains("TASK_ASSIGN") || aboutTasks) {
                return "このタスクを扱う権限がありません（担当のグループではないか、ほかの人が担当しています）";
            }
            return "この操作の権限がありません";
        }
        if (engineMessage.contains("is already claimed") || engineMessage.contains("already assigned")) {
            return "このタスクはすでにほかの人が担当しています";
        }
        if (thrown instanceof RestException rest && rest.getStatus() != null && rest.getStatus().getStatusCode() == 400) {
            return "入力が正しくありません（変数の型、値の形、必須の項目を確かめてください）";
        }
        return switch (status) {
            case 400 -> "入力が正しくありません（変数の型、値の形、必須の項目を確かめてください）";
            case 401 -> "サインインが必要です。もう一度サインインしてください";
            case 404 -> "対象が見つかりません";
            case 409 -> "ほかの操作と重なりました。もう一度やり直してください";
            default -> status >= 500 ? "処理できませんでした（エラー番号 " + errorId + "）" : "受け付けられません";
        };
    }
}
