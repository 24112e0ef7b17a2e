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
        var engine = new ProcessEngineException("ENGINE-03051 There was an exception while invoking the TaskListener. Message: 'x'", own);
        String body = rewrite("{\"type\":\"RestException\",\"message\":\"Cannot submit task form 42: ENGINE-03051 ...\"}", 400, engine);
        assertThat(body).contains("見本の承認日（2026/11/10）より前").doesNotContain("ENGINE-").doesNotContain("TaskListener")
                .contains("\"type\":\"RestException\"");
    }

    @Test
    void aTaskThatIsGoneAndAMissingPermissionAreSaidInJapanese() {
        assertThat(rewrite("{\"type\":\"InvalidRequestException\",\"message\":\"No matching task with id 42\"}", 404, null))
                .contains("このタスクはもうありません").doesNotContain("No matching");
        var denied = new AuthorizationException("The user with id 'op1' does not have one of the following permissions: 'TASK_WORK'");
        assertThat(rewrite("{\"type\":\"AuthorizationException\",\"message\":\"The user with id 'op1' does not have 'TASK_WORK' permission\"}",
                403, denied)).contains("このタスクを扱う権限がありません").doesNotContain("TASK_WORK").doesNotContain("op1");
    }

    @Test
    void anEngineMessageThatMayQuoteTheInputIsReplacedByAFixedText() {
        var engine = new ProcessEngineException("Cannot convert value '山田太郎' to type Integer");
        String body = rewrite("{\"type\":\"ProcessEngineException\",\"message\":\"Cannot convert value '山田太郎'\"}", 500, engine);
        assertThat(body).contains("処理できませんでした（エラー番号").doesNotContain("山田").contains("errorId");
    }

    private static String rewrite(String body, int status, Throwable thrown) {
        byte[] out = WebappEngineErrors.rewrite(body.getBytes(StandardCharsets.UTF_8), status, thrown, "/camunda/api/engine/engine/default/task/42/submit-form");
        return new String(out, StandardCharsets.UTF_8);
    }
}
