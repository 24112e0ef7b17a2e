package jp.kenshin.outreach.cycle;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import jp.kenshin.outreach.infrastructure.logging.WithheldMessages;
import jp.kenshin.outreach.privacy.Requester;
import jp.kenshin.outreach.process.ProcessVariables;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** What the engine adapters share: who acts, how a service's refusal reaches the user, dates from forms. */
final class AdapterSupport {

    private AdapterSupport() {
    }

    /** The fiscal year the process works on (every process of the cycle carries it). */
    static int fiscalYear(org.camunda.bpm.engine.delegate.VariableScope scope) {
        return ((Number) scope.getVariable(ProcessVariables.FISCAL_YEAR)).intValue();
    }

    /** The signed-in user completing a task (Tasklist or REST), else its assignee. */
    static String user(DelegateTask task) {
        Authentication current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return current != null ? current.getUserId() : task.getAssignee() != null ? task.getAssignee() : "unknown";
    }

    /**
     * The user completing a task as the door sees them: the signed-in user with the groups of their
     * authentication, or, when it carries none, their groups in the engine's identity service.
     */
    static Requester requester(DelegateTask task) {
        IdentityService identity = task.getProcessEngineServices().getIdentityService();
        Authentication current = identity.getCurrentAuthentication();
        String user = user(task);
        List<String> groups = current != null && current.getGroupIds() != null && !current.getGroupIds().isEmpty()
                ? current.getGroupIds()
                : identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
        return new Requester(user, Set.copyOf(groups));
    }

    /** The signed-in user starting or moving a process. */
    static String user(DelegateExecution execution) {
        Authentication current = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return current == null ? "unknown" : current.getUserId();
    }

    /**
     * What a step's worker thread threw, to throw again on the job's thread: a runtime exception as it is (the engine
     * keeps its message only if the application wrote it, see {@code JobFailures}), anything else inside a fixed one.
     */
    static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        return new ProcessEngineException("手順の実行に失敗しました（" + cause.getClass().getSimpleName() + "）", cause);
    }

    /**
     * Runs a service step; its refusal (a reason in Japanese, ids only) becomes the engine's error for the user:
     * bad input (a text over its cap, a missing field) a bad request (400 over REST), a state that does not allow
     * the step an engine error. Only a message the application wrote is passed on; the refusal stays the cause.
     */
    static <T> T guarded(Supplier<T> step) {
        try {
            return step.get();
        } catch (IllegalArgumentException e) {
            throw new BadUserRequestException(WithheldMessages.ownMessage(e).orElse("入力が正しくありません"), e);
        } catch (IllegalStateException e) {
            throw new ProcessEngineException(WithheldMessages.ownMessage(e).orElse("いまはこの手順を進められません"), e);
        }
    }

    /** A date from a form (ISO text) or from REST (a Date: its day in the ward's zone, {@code clock.getZone()}). */
    static LocalDate date(Object value, ZoneId zone) {
        if (value instanceof Date date) {
            return date.toInstant().atZone(zone).toLocalDate();
        }
        return value == null ? null : LocalDate.parse(value.toString().substring(0, 10));
    }
}
