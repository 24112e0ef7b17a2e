package jp.kenshin.outreach.cycle;

import java.util.Optional;
import java.util.Set;
import jp.kenshin.outreach.calling.CallCaseService;
import jp.kenshin.outreach.calling.CallQueue;
import jp.kenshin.outreach.privacy.PersonalDataService;
import jp.kenshin.outreach.privacy.Purpose;
import jp.kenshin.outreach.privacy.Requester;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Component;

/** The listeners of Task_CallPerson besides the recording of a call: its row in Tasklist, and who may hold it. */
final class CallTaskListeners {

    private CallTaskListeners() {
    }

    /**
     * On create: the task's name and description name the case, the kind of call, the attempt and the due time, so an
     * operator's list tells the calls apart without opening them (ids and codes only).
     */
    @Component("callTaskRowListener")
    static class RowText implements TaskListener {
        private final CallTaskPlan plan;

        RowText(CallTaskPlan plan) {
            this.plan = plan;
        }

        @Override
        public void notify(DelegateTask task) {
            String caseId = task.getExecution().getProcessBusinessKey();
            java.util.Date due = task.getDueDate() != null ? task.getDueDate() : plan.due(task);
            task.setName(plan.rowName(caseId, task, due));
            task.setDescription(plan.rowDescription(caseId, task, due));
        }
    }

    /**
     * On assignment: the engine refuses to give a call to anyone the door would not let read its person (an operator
     * not designated for the case's year and for calls today, untrained, or of another group), so an undesignated
     * operator cannot claim a case and block it. Whoever assigns (Claim in Tasklist, the lead's assignment, REST,
     * 次の電話), the same rule holds. Unassigning is always allowed.
     */
    @Component("callClaimCheck")
    static class ClaimCheck implements TaskListener {
        private final CallCaseService calls;
        private final PersonalDataService door;

        ClaimCheck(CallCaseService calls, PersonalDataService door) {
            this.calls = calls;
            this.door = door;
        }

        @Override
        public void notify(DelegateTask task) {
            String assignee = task.getAssignee();
            if (assignee == null) {
                return;
            }
            Set<String> groups = Set.copyOf(task.getProcessEngineServices().getIdentityService().createGroupQuery()
                    .groupMember(assignee).list().stream().map(Group::getId).toList());
            Requester who = new Requester(assignee, groups);
            int fiscalYear = calls.find(task.getExecution().getProcessBusinessKey()).fiscalYear();
            Optional<String> refused = door.refusal(who, Purpose.CALL, fiscalYear);
            if (refused.isPresent()) {
                throw new ClaimRefused("架電タスク " + task.getId() + " は " + assignee + " さんに割り当てられません：" + refused.get());
            }
        }
    }

    /**
     * On create, assignment, update, complete and delete: the call's row in the queue 次の電話 takes from
     * ({@link CallQueue}) follows the task. Open and unassigned: the row, with the task's priority, due and follow-up
     * dates; assigned, completed or deleted: no row. Whoever changes the task (Tasklist, REST, the engine's timers and
     * messages), the queue follows in the same transaction.
     */
    @Component("callQueueListener")
    static class Queue implements TaskListener {
        private final CallQueue queue;

        Queue(CallQueue queue) {
            this.queue = queue;
        }

        @Override
        public void notify(DelegateTask task) {
            String event = task.getEventName();
            boolean ended = TaskListener.EVENTNAME_COMPLETE.equals(event) || TaskListener.EVENTNAME_DELETE.equals(event);
            if (ended || task.getAssignee() != null) {
                queue.withdraw(task.getId());
                return;
            }
            queue.offer(task.getId(), task.getExecution().getProcessBusinessKey(), task.getPriority(), task.getDueDate(),
                    task.getFollowUpDate(), task.getCreateTime());
        }
    }

    /** The claim rule's refusal (the engine reports it wrapped in its listener error). */
    static final class ClaimRefused extends ProcessEngineException {
        ClaimRefused(String reason) {
            super(reason);
        }
    }

    /** The claim rule's reason, if this engine error is its refusal. */
    static Optional<String> claimRefusal(Throwable error) {
        for (Throwable c = error; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof ClaimRefused) {
                return Optional.of(c.getMessage());
            }
        }
        return Optional.empty();
    }
}
