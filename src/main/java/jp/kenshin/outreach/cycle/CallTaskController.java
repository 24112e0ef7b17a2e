package jp.kenshin.outreach.cycle;

import static jp.kenshin.outreach.process.PhoneOutreachVariables.*;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.kenshin.outreach.calling.CallCaseService;
import jp.kenshin.outreach.calling.CallOutcome;
import jp.kenshin.outreach.calling.CallScript;
import jp.kenshin.outreach.calling.CallingHours;
import jp.kenshin.outreach.calling.CallingProperties;
import jp.kenshin.outreach.privacy.PersonalDataService.AccessContext;
import jp.kenshin.outreach.privacy.Requester;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The call form's two calls: what the operator sees when the form opens (through the door), and the
 * outcome with its note, recorded once and completing the task in one transaction.
 */
@RestController
@RequestMapping("/api/calls/tasks")
class CallTaskController {

    /** What the operator records: an outcome code, the callback time if asked for, a free note. */
    record OutcomeRequest(String outcome, String callbackAt, String note) {
    }

    /** One earlier call as the form lists it; {@code callbackAt} is the time the person asked to be called back, if any. */
    record AttemptView(int attemptNo, String calledAt, String band, String outcome, String callbackAt, String operator, String note) {
    }

    record CodeLabel(String code, String label) {
    }

    record CallFormView(String caseId, String taskId, Map<String, String> person, List<AttemptView> attempts,
            List<String> script, List<CodeLabel> outcomes) {
    }

    record Recorded(String caseId, int attemptNo, String outcome, String taskId) {
    }

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final TaskService tasks;
    private final CallCaseService calls;
    private final CallingProperties properties;
    private final CallingHours hours;
    private final EngineIdentity engine;

    CallTaskController(TaskService tasks, CallCaseService calls, CallingProperties properties, CallingHours hours,
            EngineIdentity engine) {
        this.tasks = tasks;
        this.calls = calls;
        this.properties = properties;
        this.hours = hours;
        this.engine = engine;
    }

    @GetMapping("/{taskId}/view")
    CallFormView view(@PathVariable String taskId, Authentication authentication) {
        Requester who = Requester.of(authentication);
        Task task = callTask(who, taskId);
        if (task.getAssignee() == null) {
            // before Claim nobody is shown (the door would refuse and record it: selecting a row in Tasklist is no read)
            throw new IllegalStateException("架電タスク " + taskId + " はまだ担当していません（「担当する」または Claim を押すと対象者が表示されます）");
        }
        CallCaseService.CallCase callCase = calls.findByProcess(task.getProcessInstanceId());
        String caseId = callCase.id();
        CallCaseService.CallView view = calls.view(who, callCase, new AccessContext(taskId, task.getProcessInstanceId(), "架電画面"));
        List<AttemptView> attempts = new ArrayList<>();
        for (int i = 0; i < view.attempts().size(); i++) {
            CallCaseService.Attempt a = view.attempts().get(i);
            attempts.add(new AttemptView(a.attemptNo(), SHOWN.format(a.calledAt().atZone(properties.zone())), a.band().label(),
                    a.outcome().label(), a.callbackAt() == null ? null : SHOWN.format(a.callbackAt().atZone(properties.zone())),
                    a.operator(), view.notes().get(i)));
        }
        return new CallFormView(caseId, taskId, view.person(), attempts, CallScript.LINES,
                Arrays.stream(CallOutcome.values()).map(o -> new CodeLabel(o.name(), o.label())).toList());
    }

    @PostMapping("/{taskId}/outcome")
    Recorded outcome(@PathVariable String taskId, @RequestBody OutcomeRequest request, Authentication authentication) {
        Requester who = Requester.of(authentication);
        CallOutcome outcome = CallOutcome.parse(request.outcome());
        Instant callbackAt = hours.instant(request.callbackAt());
        return engine.inOneTransactionAs(who, () -> {
            Task task = callTask(who, taskId);
            if (task.getAssignee() != null && !task.getAssignee().equals(who.userId())) {
                throw new IllegalStateException("この架電は " + task.getAssignee() + " さんが担当中です（タスク " + taskId + "）");
            }
            if (task.getAssignee() == null) {
                claim(taskId, who); // a call recorded without Claim is taken by whoever records it, by the same rule
            }
            String caseId = caseOf(task);
            CallCaseService.Attempt attempt = calls.recordAttempt(caseId, taskId, outcome, callbackAt, who, request.note(), PhoneOutreachAdapters.now(),
                    new AccessContext(taskId, task.getProcessInstanceId(), "架電結果の記録"));
            if (!attempt.operator().equals(who.userId())) {
                throw new IllegalStateException("この架電は " + attempt.operator() + " さんがすでに記録しました（架電ケース " + caseId + "）");
            }
            Map<String, Object> variables = new HashMap<>();
            variables.put(CALL_OUTCOME, outcome.name());
            variables.put(CALLBACK_AT, callbackAt == null ? null : java.util.Date.from(callbackAt));
            try {
                tasks.complete(taskId, variables);
            } catch (ProcessEngineException e) {
                throw new IllegalStateException("この架電タスク " + taskId + " は完了できません（別の担当者が先に記録したか、架電が終了しました）");
            }
            return new Recorded(caseId, attempt.attemptNo(), outcome.name(), taskId);
        });
    }

    /**
     * Claims the call for the signed-in operator (the form's 担当する button; the same as Tasklist's Claim), so the form can
     * then show the person. The engine refuses an operator who is not designated, and a call someone else holds.
     */
    @PostMapping("/{taskId}/claim")
    Claimed claimTask(@PathVariable String taskId, Authentication authentication) {
        Requester who = Requester.of(authentication);
        return engine.inOneTransactionAs(who, () -> {
            Task task = callTask(who, taskId);
            if (task.getAssignee() != null && !task.getAssignee().equals(who.userId())) {
                throw new IllegalStateException("この架電は " + task.getAssignee() + " さんが担当中です（タスク " + taskId + "）");
            }
            if (task.getAssignee() == null) {
                claim(taskId, who);
            }
            return new Claimed(taskId, caseOf(task), who.userId());
        });
    }

    record Claimed(String taskId, String caseId, String assignee) {
    }

    /** Claims as the signed-in user (the engine checks their TASK_WORK and the claim rule); someone faster is a conflict. */
    private void claim(String taskId, Requester who) {
        try {
            tasks.claim(taskId, who.userId());
        } catch (org.camunda.bpm.engine.TaskAlreadyClaimedException | org.camunda.bpm.engine.OptimisticLockingException e) {
            throw new IllegalStateException("この架電タスク " + taskId + " は別の担当者が先に担当しました");
        } catch (ProcessEngineException e) {
            java.util.Optional<String> refused = CallTaskListeners.claimRefusal(e);
            if (refused.isPresent()) {
                // made here, so the API shows the rule's reason (messages of exceptions made elsewhere are withheld)
                throw new jp.kenshin.outreach.privacy.AccessRefusedException(refused.get());
            }
            if (tasks.createTaskQuery().taskId(taskId).count() == 0) {
                // found a moment ago, completed since by the operator who recorded first (or the calls ended). The engine
                // fails such a claim in more than one way (no task found; or the task found and its execution gone when
                // the assignment listener runs), so the task's absence is what is asked, not the exception's type.
                throw gone(taskId);
            }
            throw e;
        }
    }

    /** The call case of a call task (its instance's business key, recorded with the case when it started). */
    private String caseOf(Task task) {
        return calls.findByProcess(task.getProcessInstanceId()).id();
    }

    /** The open call task, or a clear refusal: gone (done by someone else, or the calls ended) or not a call task. */
    private Task callTask(Requester who, String taskId) {
        Task task = engine.as(who, () -> tasks.createTaskQuery().taskId(taskId).singleResult());
        if (task == null) {
            throw gone(taskId);
        }
        if (!TASK_CALL_PERSON.equals(task.getTaskDefinitionKey())) {
            throw new IllegalArgumentException("タスク " + taskId + " は架電タスクではありません");
        }
        return task;
    }

    private static IllegalStateException gone(String taskId) {
        return new IllegalStateException("架電タスク " + taskId + " はありません（別の担当者が記録済みか、受診・連絡停止で架電が終了しました）");
    }
}
