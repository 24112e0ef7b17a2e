package jp.kenshin.outreach.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import jp.kenshin.outreach.cycle.guard.EngineInputRefused;
import jp.kenshin.outreach.infrastructure.logging.WithheldMessages;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error of {@code /engine-rest}, in place of Camunda's own exception handlers (which put the engine's
 * message in the body, such as "Cannot convert value '…'", and log it): the status Camunda would give, a
 * fixed Japanese text per kind, the engine's error code and message id where there is one, and an error id
 * that the log line carries too. A message is shown only when the application wrote it (see {@link SafeMessages}).
 */
class EngineRestErrors implements ExceptionMapper<Throwable> {

    private static final Logger log = LoggerFactory.getLogger(EngineRestErrors.class);

    @Override
    public Response toResponse(Throwable e) {
        int status = status(e);
        String errorId = SafeMessages.errorId();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", e instanceof RestException && e.getCause() != null ? e.getCause().getClass().getSimpleName() : e.getClass().getSimpleName());
        body.put("message", SafeMessages.of(e).orElseGet(() -> text(e, status, errorId)));
        ProcessEngineException engine = engineException(e);
        if (engine != null && engine.getCode() != 0) {
            body.put("code", engine.getCode());
        }
        var messageIds = WithheldMessages.messageIds(e);
        if (!messageIds.isEmpty()) {
            body.put("messageId", String.join(",", messageIds));
        }
        body.put("errorId", errorId);
        if (status >= 500) {
            log.warn("engine-rest error {} ({}): {}", errorId, status, WithheldMessages.describe(e), WithheldMessages.redact(e));
        } else {
            log.debug("engine-rest refusal {} ({}): {}", errorId, status, WithheldMessages.describe(e));
        }
        return Response.status(status).entity(body).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** The status Camunda's handlers give, and 400 for the guard's refusals and unreadable JSON. */
    static int status(Throwable e) {
        if (SafeMessages.causedBy(e, EngineInputRefused.class)) {
            return 400;
        }
        if (e instanceof RestException rest) {
            return rest.getStatus() != null ? rest.getStatus().getStatusCode() : 500;
        }
        if (e instanceof WebApplicationException web) {
            return web.getResponse().getStatus();
        }
        if (e instanceof AuthorizationException) {
            return 403;
        }
        if (e instanceof BadUserRequestException || e instanceof JsonProcessingException) {
            return 400;
        }
        if (e instanceof OptimisticLockingException) {
            return 409;
        }
        return 500;
    }

    private static String text(Throwable e, int status, String errorId) {
        if (e instanceof JsonMappingException) {
            return "JSON の項目の形が正しくありません";
        }
        if (e instanceof JsonProcessingException) {
            return "JSON の形が正しくありません";
        }
        return switch (status) {
            case 400 -> "入力が正しくありません（変数の型、値の形、必須の項目を確かめてください）";
            case 401 -> "サインインが必要です";
            case 403 -> "この操作の権限がありません";
            case 404 -> "対象が見つかりません";
            case 405 -> "このメソッドは使えません";
            case 406, 415 -> "この形式は受け付けません";
            case 409 -> "ほかの操作と重なりました。もう一度やり直してください";
            default -> status >= 500 ? "処理できませんでした（エラー番号 " + errorId + "）" : "受け付けられません";
        };
    }

    private static ProcessEngineException engineException(Throwable e) {
        int depth = 0;
        for (Throwable c = e; c != null && depth < 16; c = c.getCause(), depth++) {
            if (c instanceof ProcessEngineException p) {
                return p;
            }
        }
        return null;
    }
}
