package jp.kenshin.outreach.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;

/** The webapps' error answers as a person reads them in Tasklist: Japanese, never the engine's English text. */
class WebappEngineErrorsTest {

    @Test
    void theApplicationsOwnRefusalInsideAnEngineErrorIsShown() {
        var own = new IllegalArgumentException("差出日：見本の承認日（2026/11/10）より前の日付は記録できません");
        var engine = madeByTheEngine(ProcessEngineException.class, "ENGINE-03051 There was an exception while invoking the TaskListener. Message: 'x'", own);
        String body = rewrite("{\"type\":\"RestException\",\"message\":\"Cannot submit task form 42: ENGINE-03051 ...\"}", 400, engine);
        assertThat(body).contains("見本の承認日（2026/11/10）より前").doesNotContain("ENGINE-").doesNotContain("TaskListener")
                .contains("\"type\":\"RestException\"");
    }

    @Test
    void aTaskThatIsGoneAndAMissingPermissionAreSaidInJapanese() {
        assertThat(rewrite("{\"type\":\"InvalidRequestException\",\"message\":\"No matching task with id 42\"}", 404, null))
                .contains("このタスクはもうありません").doesNotContain("No matching");
        var denied = madeByTheEngine(AuthorizationException.class, "The user with id 'op1' does not have one of the following permissions: 'TASK_WORK'", null);
        assertThat(rewrite("{\"type\":\"AuthorizationException\",\"message\":\"The user with id 'op1' does not have 'TASK_WORK' permission\"}",
                403, denied)).contains("このタスクを扱う権限がありません").doesNotContain("TASK_WORK").doesNotContain("op1");
    }

    @Test
    void anEngineMessageThatMayQuoteTheInputIsReplacedByAFixedText() {
        var engine = madeByTheEngine(ProcessEngineException.class, "Cannot convert value '山田太郎' to type Integer", null);
        String body = rewrite("{\"type\":\"ProcessEngineException\",\"message\":\"Cannot convert value '山田太郎'\"}", 500, engine);
        assertThat(body).contains("処理できませんでした（エラー番号").doesNotContain("山田").contains("errorId");
    }

    @Test
    void aFaultOfTheApplicationsCodeIsNotShownAsARefusal() {
        NullPointerException fault = null;
        try {
            java.util.Map<String, String> noVariables = null;
            noVariables.get("callOutcome");
        } catch (NullPointerException e) {
            fault = e; // made in our code, with the JDK's helpful text naming our variable
        }
        var engine = madeByTheEngine(ProcessEngineException.class, "ENGINE-03051 There was an exception while invoking the TaskListener", fault);
        String body = rewrite("{\"type\":\"ProcessEngineException\",\"message\":\"ENGINE-03051 ...\"}", 500, engine);
        assertThat(body).contains("処理できませんでした（エラー番号").doesNotContain("noVariables").doesNotContain("because");
    }

    /** An exception as the engine makes it: not constructed in the application's code (SafeMessages tells them apart so). */
    private static <T extends Throwable> T madeByTheEngine(Class<T> type, String message, Throwable cause) {
        try {
            T made = type.getConstructor(String.class).newInstance(message);
            if (cause != null) {
                made.initCause(cause);
            }
            made.setStackTrace(new StackTraceElement[] {new StackTraceElement("org.camunda.bpm.engine.impl.Engine", "run", "Engine.java", 1)});
            return made;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String rewrite(String body, int status, Throwable thrown) {
        byte[] out = WebappEngineErrors.rewrite(body.getBytes(StandardCharsets.UTF_8), status, thrown, "/camunda/api/engine/engine/default/task/42/submit-form");
        return new String(out, StandardCharsets.UTF_8);
    }
}
