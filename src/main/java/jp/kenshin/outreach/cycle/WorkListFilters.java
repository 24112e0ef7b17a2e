package jp.kenshin.outreach.cycle;

import static jp.kenshin.outreach.cycle.CycleVariables.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The Tasklist work lists of phone outreach and the desk, created at start-up when missing (staff may
 * change them in Tasklist afterwards). Call lists put callbacks first, then retries, then the oldest.
 */
@Component
@Order(10)
class WorkListFilters implements ApplicationRunner {

    /** A work list: its name in Tasklist, its place in the list, who it is for, and its query. */
    record WorkList(String name, int priority, String description, TaskQuery query) {
    }

    private final FilterService filters;
    private final TaskService tasks;

    WorkListFilters(FilterService filters, TaskService tasks) {
        this.filters = filters;
        this.tasks = tasks;
    }

    List<WorkList> workLists() {
        return List.of(
                new WorkList("架電：いまかける", 10, "取扱者：いまかけられる架電（かけ直し・再架電・古いものが先）",
                        calls().followUpBeforeOrNotExistentExpression("${now()}")),
                new WorkList("架電：かけ直し希望", 11, "取扱者：本人が日時を指定したかけ直し",
                        calls().processVariableValueEquals(CALL_KIND, CALL_KIND_CALLBACK)),
                new WorkList("架電：再架電", 12, "取扱者：つながらなかった人への再架電",
                        calls().processVariableValueEquals(CALL_KIND, CALL_KIND_RETRY)),
                new WorkList("問い合わせ：対応中", 13, "取扱者：自分が受けた問い合わせ",
                        tasks.createTaskQuery().processDefinitionKey(INQUIRY_PROCESS_KEY).taskDefinitionKey(TASK_ANSWER_INQUIRY)
                                .taskAssigneeExpression("${currentUser()}")),
                new WorkList("責任者：架電・問い合わせ すべて", 20, "取扱責任者：未完了の架電と問い合わせのすべて",
                        tasks.createTaskQuery().processDefinitionKeyIn(PHONE_OUTREACH_PROCESS_KEY, INQUIRY_PROCESS_KEY)
                                .orderByTaskPriority().desc().orderByTaskCreateTime().asc()),
                new WorkList("責任者：期限超過", 21, "取扱責任者：期限を過ぎた架電と問い合わせ",
                        tasks.createTaskQuery().processDefinitionKeyIn(PHONE_OUTREACH_PROCESS_KEY, INQUIRY_PROCESS_KEY)
                                .dueBeforeExpression("${now()}").orderByDueDate().asc()),
                new WorkList("区：問い合わせの引継ぎ", 30, "区職員：委託先から引き継がれた問い合わせと住所変更",
                        tasks.createTaskQuery().processDefinitionKey(INQUIRY_PROCESS_KEY).taskCandidateGroup("ward-staff")
                                .orderByDueDate().asc()));
    }

    private TaskQuery calls() {
        return tasks.createTaskQuery().processDefinitionKey(PHONE_OUTREACH_PROCESS_KEY).taskDefinitionKey(TASK_CALL_PERSON)
                .taskCandidateGroup("contractor-operator").includeAssignedTasks()
                .orderByTaskPriority().desc().orderByTaskCreateTime().asc();
    }

    @Override
    public void run(ApplicationArguments args) {
        for (WorkList list : workLists()) {
            if (filters.createFilterQuery().filterName(list.name()).count() > 0) {
                continue;
            }
            Filter filter = filters.newTaskFilter(list.name());
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("description", list.description());
            properties.put("priority", list.priority());
            properties.put("refresh", true);
            properties.put("variables", List.of(
                    Map.of("name", CALL_KIND, "label", "種別"),
                    Map.of("name", ATTEMPT_COUNT, "label", "架電回数"),
                    Map.of("name", INQUIRY_ID, "label", "問い合わせ番号")));
            filter.setProperties(properties);
            filter.setQuery(list.query());
            filters.saveFilter(filter);
        }
    }
}
