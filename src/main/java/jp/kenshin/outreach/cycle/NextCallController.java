package jp.kenshin.outreach.cycle;

import static jp.kenshin.outreach.process.PhoneOutreachVariables.*;

import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import jp.kenshin.outreach.calling.CallCaseService;
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
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * 次の電話: the next due call for the signed-in operator, claimed for them. A call they already hold comes first (so
 * asking twice never takes a second call); else, year by year among the years the operator may call for, the unassigned
 * call tasks offered to the operators whose follow-up time has come, by priority (callbacks, then retries, then first calls), then due time, then age, are claimed in that order
 * until one claim succeeds. The engine's claim is the lock: of two operators claiming the same task at once one wins and
 * the other's claim fails (already claimed, or the task's revision changed), and that operator moves on to the next task,
 * so two operators never get the same call. The claim runs as the operator, under the engine's authorization and the
 * claim rule (designated operators only).
 */
@RestController
@RequestMapping("/api/calls")
class NextCallController {

    /** The call taken: its task (to open in Tasklist), its case, its row text, and whether it was already held. */
    record NextCall(String taskId, String caseId, String name, String description, int priority, String due, boolean alreadyHeld,
            String tasklistUrl) {
    }

    private static final int PAGE = 20;
    private static final int PAGES = 5;
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm");

    private final TaskService tasks;
    private final EngineIdentity engine;
    private final CallingProperties properties;
    private final CallCaseService calls;
    private final Designations designations;
    private final PersonalDataService door;

    NextCallController(TaskService tasks, EngineIdentity engine, CallingProperties properties, CallCaseService calls,
            Designations designations, PersonalDataService door) {
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
        String refusal = null;
        for (int year : years) {
            for (int page = 0; page < PAGES && refusal == null; page++) {
                // the row's name begins with the case id, whose digits are the year (CC2026N0000123): no join needed
                List<Task> candidates = engine.as(who, () -> callTasks().taskNameLike("電話 CC" + year + "N%")
                        .taskCandidateGroup(Requester.CONTRACTOR_OPERATOR).taskUnassigned()
                        .followUpBeforeOrNotExistent(new Date(PhoneOutreachAdapters.now().toEpochMilli()))
                        .orderByTaskPriority().desc().orderByDueDate().asc().orderByTaskCreateTime().asc().listPage(0, PAGE));
                if (candidates.isEmpty()) {
                    break;
                }
                for (Task candidate : candidates) {
                    try {
                        engine.inOneTransactionAs(who, () -> {
                            tasks.claim(candidate.getId(), who.userId());
                            return null;
                        });
                        Task claimed = engine.as(who, () -> tasks.createTaskQuery().taskId(candidate.getId()).singleResult());
                        return ResponseEntity.ok(shown(claimed == null ? candidate : claimed, false));
                    } catch (TaskAlreadyClaimedException | OptimisticLockingException e) {
                        // another operator was faster: the next one
                    } catch (ProcessEngineException e) {
                        // the claim rule refused (the designation ended a moment ago)
                        refusal = CallTaskListeners.claimRefusal(e).orElseThrow(() -> e);
                        break;
                    }
                }
            }
        }
        if (refusal != null) {
            throw new AccessRefusedException(refusal);
        }
        return ResponseEntity.noContent().build();
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
