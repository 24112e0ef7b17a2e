package jp.kenshin.outreach.cycle;

import static jp.kenshin.outreach.process.PhoneOutreachVariables.*;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import jp.kenshin.outreach.calling.CallCaseService;
import jp.kenshin.outreach.calling.CallQueue;
import jp.kenshin.outreach.calling.CallingProperties;
import jp.kenshin.outreach.privacy.AccessRefusedException;
import jp.kenshin.outreach.privacy.Designations;
import jp.kenshin.outreach.privacy.PersonalDataService;
import jp.kenshin.outreach.privacy.Purpose;
import jp.kenshin.outreach.privacy.Requester;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * 次の電話: the next due call for the signed-in operator, claimed for them. A call they already hold comes first (so
 * asking twice never takes a second call); else the first callable call of the years the operator may call for is taken
 * from the call queue ({@link CallQueue}: by priority (callbacks, then retries, then first calls), then due time, then
 * age, follow-up time come) and claimed in the same transaction. The queue's row lock ({@code FOR UPDATE SKIP LOCKED})
 * hands each call to one operator without anyone waiting; the engine's claim stays the rule (run as the operator, under
 * the engine's authorization and the claim rule: designated operators only), and a row whose task was taken or ended
 * elsewhere is dropped and the next one tried.
 */
@RestController
@RequestMapping("/api/calls")
class NextCallController {

    /** The call taken: its task (to open in Tasklist), its case, its row text, and whether it was already held. */
    record NextCall(String taskId, String caseId, String name, String description, int priority, String due, boolean alreadyHeld,
            String tasklistUrl) {
    }

    private static final int MAX_TRIES = 20;
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm");

    private final TaskService tasks;
    private final EngineIdentity engine;
    private final CallingProperties properties;
    private final CallCaseService calls;
    private final Designations designations;
    private final PersonalDataService door;
    private final CallQueue queue;

    NextCallController(TaskService tasks, EngineIdentity engine, CallingProperties properties, CallCaseService calls,
            Designations designations, PersonalDataService door, CallQueue queue) {
        this.queue = queue;
        this.tasks = tasks;
        this.calls = calls;
        this.designations = designations;
        this.door = door;
        this.engine = engine;
        this.properties = properties;
    }

    @PostMapping("/next")
    ResponseEntity<NextCall> next(Authentication authentication) {
        Requester who = Requester.of(authentication);
        if (!who.in(Requester.CONTRACTOR_OPERATOR)) {
            throw new AccessRefusedException("次の電話は取扱者（" + Requester.CONTRACTOR_OPERATOR + "）だけが取れます");
        }
        List<Task> held = engine.as(who, () -> callTasks().taskAssignee(who.userId()).orderByTaskPriority().desc().orderByDueDate().asc()
                .orderByTaskCreateTime().asc().listPage(0, 1));
        if (!held.isEmpty()) {
            return ResponseEntity.ok(shown(held.get(0), true));
        }
        // the years whose calls the operator may take (designated for calls today, trained, the year handed over)
        List<Integer> years = designations.yearsOf(who.userId()).stream()
                .filter(year -> door.refusal(who, Purpose.CALL, year).isEmpty()).toList();
        if (years.isEmpty()) {
            throw new AccessRefusedException("ユーザー " + who.userId() + " は架電の取扱者に指定されていません（指定・研修・契約の確認）");
        }
        // the queue's first callable call, taken and claimed in one transaction: two operators never get the same one,
        // and neither waits for the other (FOR UPDATE SKIP LOCKED); a row whose task was taken or ended elsewhere is dropped
        String refusal = null;
        for (int tries = 0; tries < MAX_TRIES && refusal == null; tries++) {
            String[] taken = new String[1];
            try {
                Optional<String> claimed = engine.inOneTransactionAs(who, () -> {
                    Optional<String> next = queue.take(years, PhoneOutreachAdapters.now());
                    next.ifPresent(taskId -> {
                        taken[0] = taskId;
                        tasks.claim(taskId, who.userId());
                    });
                    return next;
                });
                if (claimed.isEmpty()) {
                    break;
                }
                Task task = engine.as(who, () -> tasks.createTaskQuery().taskId(claimed.get()).singleResult());
                if (task != null) {
                    return ResponseEntity.ok(shown(task, false));
                }
            } catch (TaskAlreadyClaimedException | OptimisticLockingException | NullValueException e) {
                // taken or ended elsewhere a moment ago: its row goes, the next one is tried
                dropIfGone(taken[0]);
            } catch (ProcessEngineException e) {
                // the claim rule refused (the designation ended a moment ago)
                refusal = CallTaskListeners.claimRefusal(e).orElseThrow(() -> e);
            }
        }
        if (refusal != null) {
            throw new AccessRefusedException(refusal);
        }
        return ResponseEntity.noContent().build();
    }

    /** A queue row whose task is assigned or gone is dropped (its task's listener would have, had it run). */
    private void dropIfGone(String taskId) {
        if (taskId == null) {
            return;
        }
        Task task = engine.withoutUser(() -> tasks.createTaskQuery().taskId(taskId).singleResult());
        if (task == null || task.getAssignee() != null) {
            queue.withdraw(taskId);
        }
    }

    private TaskQuery callTasks() {
        return tasks.createTaskQuery().processDefinitionKey(PHONE_OUTREACH_PROCESS_KEY).taskDefinitionKey(TASK_CALL_PERSON).active();
    }

    private NextCall shown(Task task, boolean alreadyHeld) {
        String caseId = calls.findByProcess(task.getProcessInstanceId()).id();
        return new NextCall(task.getId(), caseId, task.getName(), task.getDescription(), task.getPriority(),
                task.getDueDate() == null ? null : SHOWN.format(task.getDueDate().toInstant().atZone(properties.zone())), alreadyHeld,
                "/camunda/app/tasklist/default/#/?task=" + task.getId());
    }
}
