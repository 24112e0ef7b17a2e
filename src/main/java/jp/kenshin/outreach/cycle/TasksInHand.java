package jp.kenshin.outreach.cycle;

import static jp.kenshin.outreach.process.InquiryVariables.*;
import static jp.kenshin.outreach.process.PhoneOutreachVariables.*;

import java.util.NoSuchElementException;
import jp.kenshin.outreach.calling.CallCaseService;
import jp.kenshin.outreach.calling.CaseState;
import jp.kenshin.outreach.inquiry.InquiryService;
import jp.kenshin.outreach.privacy.Purpose;
import jp.kenshin.outreach.privacy.Requester;
import jp.kenshin.outreach.privacy.WorkInHand;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Tells the door which work a contractor user holds: an open call task ({@code Task_CallPerson} of phone-outreach)
 * or an open inquiry's answer task ({@code Task_AnswerInquiry}), assigned to them, or unassigned and offered to one
 * of their groups; with the case or inquiry it belongs to and the person it is about.
 *
 * <p>A call task's person is read only after Claim (issue 14): an operator holds a call task only once it is assigned
 * to them (Claim in Tasklist, or 次の電話), and the engine assigns it only to someone the door admits (see
 * {@link CallTaskListeners.ClaimCheck}). Selecting an unclaimed call in Tasklist shows no one. An inquiry's answer task is
 * held as before: assigned to the requester, or unassigned and offered to one of their groups.
 */
@Component
class TasksInHand implements WorkInHand {

    private final TaskService tasks;
    private final RuntimeService runtime;
    private final EngineIdentity engine;
    private final CallCaseService calls;
    private final InquiryService inquiries;

    TasksInHand(TaskService tasks, RuntimeService runtime, EngineIdentity engine, CallCaseService calls,
            InquiryService inquiries) {
        this.tasks = tasks;
        this.runtime = runtime;
        this.engine = engine;
        this.calls = calls;
        this.inquiries = inquiries;
    }

    @Override
    public Held held(Requester who, Purpose purpose, String taskId) {
        String taskKey = purpose == Purpose.CALL ? TASK_CALL_PERSON : purpose == Purpose.INQUIRY ? TASK_ANSWER_INQUIRY : null;
        String processKey = purpose == Purpose.CALL ? PHONE_OUTREACH_PROCESS_KEY : INQUIRY_PROCESS_KEY;
        if (taskKey == null) {
            return Held.refused("目的 " + purpose + " の業務にはタスクがありません");
        }
        return engine.withoutUser(() -> {
            Task task = tasks.createTaskQuery().taskId(taskId).active().singleResult();
            if (task == null) {
                return Held.refused("タスク " + taskId + " は開いていません（完了済みか、存在しません）");
            }
            if (!taskKey.equals(task.getTaskDefinitionKey()) || task.getProcessDefinitionId() == null
                    || !task.getProcessDefinitionId().startsWith(processKey + ":")) {
                return Held.refused("タスク " + taskId + " は目的 " + purpose + " の業務（" + taskKey + "）ではありません");
            }
            if (purpose == Purpose.CALL && task.getAssignee() == null) {
                return Held.refused("架電タスク " + taskId + " はまだ担当していません（担当（Claim）してから開いてください）");
            }
            if (!holds(who, task)) {
                return Held.refused("タスク " + taskId + " は担当ではありません（" + (task.getAssignee() == null
                        ? "所属するグループに割り当てられていません" : "別の担当者が担当中です") + "）");
            }
            if (purpose == Purpose.CALL) {
                CallCaseService.CallCase callCase;
                try {
                    callCase = calls.findByProcess(task.getProcessInstanceId());
                } catch (IllegalArgumentException e) {
                    return Held.refused("タスク " + taskId + " の架電ケースがありません");
                }
                if (callCase.state() != CaseState.OPEN) {
                    return Held.refused("架電ケース " + callCase.id() + " は終了しています");
                }
                return Held.of(new Work(purpose, taskId, callCase.id(), callCase.fiscalYear(), callCase.memberId()));
            }
            ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId())
                    .singleResult();
            InquiryService.Inquiry inquiry;
            try {
                inquiry = inquiries.find(instance == null ? null : instance.getBusinessKey());
            } catch (NoSuchElementException e) {
                return Held.refused("タスク " + taskId + " の問い合わせがありません");
            }
            if (!"OPEN".equals(inquiry.state())) {
                return Held.refused("問い合わせ " + inquiry.id() + " は回答済みです");
            }
            return Held.of(new Work(purpose, taskId, inquiry.id(), inquiry.fiscalYear(), inquiry.memberId()));
        });
    }

    /** Assigned to the requester, or unassigned and offered to them or to one of their groups. */
    private boolean holds(Requester who, Task task) {
        if (task.getAssignee() != null) {
            return task.getAssignee().equals(who.userId());
        }
        for (IdentityLink link : tasks.getIdentityLinksForTask(task.getId())) {
            if (IdentityLinkType.CANDIDATE.equals(link.getType())
                    && (who.userId().equals(link.getUserId()) || link.getGroupId() != null && who.in(link.getGroupId()))) {
                return true;
            }
        }
        return false;
    }
}
