package jp.kenshin.outreach.cycle;

import static jp.kenshin.outreach.process.PhoneOutreachVariables.PHONE_OUTREACH_PROCESS_KEY;
import static jp.kenshin.outreach.process.PhoneOutreachVariables.TASK_CALL_PERSON;

import java.util.List;
import jp.kenshin.outreach.calling.CallCaseService;
import jp.kenshin.outreach.calling.CallQueue;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * At start, an installation whose call tasks were opened before the call queue existed gets their rows: when the queue is
 * empty but unassigned call tasks are open, each is offered as its listener would have. Once filled, the listener keeps
 * the queue; this runs again only if the queue is empty, and offering a row twice changes nothing.
 */
@Component
@Order(20)
class CallQueueFill implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(CallQueueFill.class);
    private static final int PAGE = 1_000;

    private final CallQueue queue;
    private final TaskService tasks;
    private final CallCaseService calls;

    CallQueueFill(CallQueue queue, TaskService tasks, CallCaseService calls) {
        this.queue = queue;
        this.tasks = tasks;
        this.calls = calls;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!queue.isEmpty()) {
            return;
        }
        long offered = 0;
        for (int first = 0;; first += PAGE) {
            List<Task> page = tasks.createTaskQuery().processDefinitionKey(PHONE_OUTREACH_PROCESS_KEY).taskDefinitionKey(TASK_CALL_PERSON)
                    .taskUnassigned().orderByTaskId().asc().listPage(first, PAGE);
            for (Task task : page) {
                queue.offer(task.getId(), calls.findByProcess(task.getProcessInstanceId()).id(), task.getPriority(),
                        task.getDueDate(), task.getFollowUpDate(), task.getCreateTime());
                offered++;
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        if (offered > 0) {
            log.info("Call queue: {} open call tasks offered from the engine", offered);
        }
    }
}
