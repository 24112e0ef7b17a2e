package jp.kenshin.outreach.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;
import jp.kenshin.outreach.cycle.guard.EngineInputRefused;
import jp.kenshin.outreach.fileimport.FileRefusedException;
import jp.kenshin.outreach.infrastructure.logging.WithheldMessages;
import jp.kenshin.outreach.privacy.AccessRefusedException;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Errors of the application's API as JSON with a plain reason that names the field and never echoes the
 * submitted value: the application's own refusals as written (ids only, by the house rule), every library
 * message (parsers, converters, Jackson, Spring, the engine) replaced by a fixed text, and anything
 * unexpected as a 500 with a fixed text and an error id, logged with the exception's class and that id only.
 * A path or query value that is not an id is blanked out of any message as a last guard.
 */
@RestControllerAdvice(basePackages = "jp.kenshin.outreach")
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
    /** A submitted value that may appear in a message: an id (never a phone number's shape). */
    private static final Pattern ID_LIKE = Pattern.compile("(?!0\\d{8,})[A-Za-z0-9_.:-]{1,64}");
    /** A JSON field name as declared by a request record. */
    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}|\\d{1,9}");

    @ExceptionHandler(NoSuchElementException.class)
    ResponseEntity<Map<String, String>> notFound(NoSuchElementException e, HttpServletRequest request) {
        return error(HttpStatus.NOT_FOUND, shown(e, "対象が見つかりません", request));
    }

    @ExceptionHandler(NumberFormatException.class)
    ResponseEntity<Map<String, String>> badNumber(NumberFormatException e) {
        return error(HttpStatus.BAD_REQUEST, "数値の形が正しくありません");
    }

    @ExceptionHandler(DateTimeParseException.class)
    ResponseEntity<Map<String, String>> badDate(DateTimeParseException e) {
        return error(HttpStatus.BAD_REQUEST, "日付・時刻の形が正しくありません（2026-04-01、2026-04-01T09:00 の形）");
    }

    @ExceptionHandler({IllegalArgumentException.class, FileRefusedException.class})
    ResponseEntity<Map<String, String>> badRequest(RuntimeException e, HttpServletRequest request) {
        return error(HttpStatus.BAD_REQUEST, shown(e, "入力が正しくありません", request));
    }

    @ExceptionHandler(AccessRefusedException.class)
    ResponseEntity<Map<String, String>> refused(AccessRefusedException e, HttpServletRequest request) {
        return error(HttpStatus.FORBIDDEN, shown(e, "この操作の権限がありません", request));
    }

    @ExceptionHandler(IllegalStateException.class)
    ResponseEntity<Map<String, String>> conflict(IllegalStateException e, HttpServletRequest request) {
        return error(HttpStatus.CONFLICT, shown(e, "いまはこの操作ができません", request));
    }

    /** The engine refused: its guard's refusals and the application's listeners' reasons as written. */
    @ExceptionHandler(ProcessEngineException.class)
    ResponseEntity<Map<String, String>> engine(ProcessEngineException e, HttpServletRequest request) {
        if (e instanceof AuthorizationException) {
            return error(HttpStatus.FORBIDDEN, "この操作の権限がありません");
        }
        if (SafeMessages.causedBy(e, EngineInputRefused.class) || SafeMessages.of(e).isPresent()) {
            return error(HttpStatus.BAD_REQUEST, shown(e, "受け付けられません", request));
        }
        return unexpected(e);
    }

    /** Unreadable JSON: the field and what it should be, never the value (Jackson's messages quote it). */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonMappingException mapping && !(cause instanceof JsonParseException)) {
            String field = field(mapping);
            Class<?> target = mapping instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
            String expected = expected(target);
            if (field.isEmpty()) {
                return error(HttpStatus.BAD_REQUEST, "本文（JSON）の形が正しくありません" + (expected.isEmpty() ? "" : "（" + expected + "）"));
            }
            return error(HttpStatus.BAD_REQUEST, "項目 " + field + " の値の形が正しくありません"
                    + (expected.isEmpty() ? "" : "（" + expected + "）"));
        }
        if (cause instanceof JsonParseException parse) {
            return error(HttpStatus.BAD_REQUEST, "本文が JSON として読めません"
                    + (parse.getLocation() == null ? "" : "（" + parse.getLocation().getLineNr() + " 行 " + parse.getLocation().getColumnNr() + " 文字目）"));
        }
        if (e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")) {
            return error(HttpStatus.BAD_REQUEST, "本文（JSON）がありません");
        }
        return error(HttpStatus.BAD_REQUEST, "本文を読めません");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, String>> typeMismatch(MethodArgumentTypeMismatchException e) {
        String expected = expected(e.getRequiredType());
        return error(HttpStatus.BAD_REQUEST, "パラメータ " + name(e.getName()) + " の形が正しくありません"
                + (expected.isEmpty() ? "" : "（" + expected + "）"));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Map<String, String>> missingParameter(MissingServletRequestParameterException e) {
        return error(HttpStatus.BAD_REQUEST, "パラメータ " + name(e.getParameterName()) + " がありません");
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<Map<String, String>> missingPart(MissingServletRequestPartException e) {
        return error(HttpStatus.BAD_REQUEST, "ファイル（" + name(e.getRequestPartName()) + "）がありません");
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<Map<String, String>> invalid(MethodArgumentNotValidException e) {
        String fields = String.join("、", e.getBindingResult().getFieldErrors().stream().map(FieldError::getField)
                .map(ApiExceptionHandler::name).distinct().toList());
        return error(HttpStatus.BAD_REQUEST, "項目 " + fields + " の値が正しくありません");
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Map<String, String>> tooLarge(MaxUploadSizeExceededException e) {
        return error(HttpStatus.PAYLOAD_TOO_LARGE, "ファイルが大きすぎます");
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Map<String, String>> multipart(MultipartException e) {
        return error(HttpStatus.BAD_REQUEST, "ファイルの送り方が正しくありません（multipart/form-data）");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, String>> mediaType(HttpMediaTypeNotSupportedException e) {
        return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "この形式の本文は受け付けません");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Map<String, String>> method(HttpRequestMethodNotSupportedException e) {
        return error(HttpStatus.METHOD_NOT_ALLOWED, "このメソッドは使えません");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, String>> unexpected(Exception e) {
        if (e instanceof ErrorResponse response) { // Spring's other request errors: their status, a fixed text
            HttpStatus status = HttpStatus.resolve(response.getStatusCode().value());
            if (status != null && status.is4xxClientError()) {
                return error(status, status == HttpStatus.NOT_FOUND ? "対象が見つかりません" : "受け付けられません");
            }
        }
        String errorId = SafeMessages.errorId();
        log.error("API error {}: {}", errorId, WithheldMessages.describe(e), WithheldMessages.redact(e));
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", HttpStatus.INTERNAL_SERVER_ERROR.getReasonPhrase());
        body.put("message", "処理できませんでした。区の担当者にエラー番号 " + errorId + " をお知らせください");
        body.put("errorId", errorId);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(body);
    }

    /** The application's own message (blanking any non-id path or query value in it), else the fixed text. */
    private static String shown(Throwable e, String fixed, HttpServletRequest request) {
        String message = SafeMessages.of(e).orElse(fixed);
        return blankSubmitted(message, request);
    }

    @SuppressWarnings("unchecked")
    static String blankSubmitted(String message, HttpServletRequest request) {
        if (request == null || message == null) {
            return message;
        }
        java.util.List<String> submitted = new java.util.ArrayList<>();
        Object pathVariables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (pathVariables instanceof Map<?, ?> map) {
            ((Map<String, String>) map).values().forEach(submitted::add);
        }
        request.getParameterMap().values().forEach(values -> submitted.addAll(java.util.List.of(values)));
        String shown = message;
        for (String value : submitted) {
            if (value != null && !value.isBlank() && !ID_LIKE.matcher(value).matches() && shown.contains(value)) {
                shown = shown.replace(value, "（入力された値）");
            }
        }
        return shown;
    }

    private static String field(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            String part = ref.getFieldName() != null ? ref.getFieldName() : ref.getIndex() >= 0 ? Integer.toString(ref.getIndex()) : "?";
            if (!path.isEmpty()) {
                path.append('.');
            }
            path.append(name(part));
        }
        return path.toString();
    }

    private static String name(String name) {
        return name != null && FIELD_NAME.matcher(name).matches() ? name : "（名前の形ではない項目）";
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "";
        }
        if (java.time.LocalDate.class.equals(type)) {
            return "日付 2026-04-01 の形";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type) || java.util.Date.class.isAssignableFrom(type)) {
            return "日時 2026-04-01T09:00 の形";
        }
        if (type.isEnum()) {
            return "決められた値のいずれか";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "数値";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true か false";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "配列";
        }
        if (type == String.class) {
            return "文字列";
        }
        return "";
    }

    private static ResponseEntity<Map<String, String>> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("error", status.getReasonPhrase(), "message",
                message == null ? status.getReasonPhrase() : message));
    }
}
