package jp.kenshin.outreach.cycle;

import static jp.kenshin.outreach.process.InquiryVariables.*;
import static jp.kenshin.outreach.process.PhoneOutreachVariables.*;

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
 * change them in Tasklist afterwards). Call lists put callbacks first, then retries, then the earliest due.
 *
 * <p>None refreshes by itself ({@code refresh: false}): Tasklist reloads an auto-refreshing list, with its count, every
 * ten seconds for as long as it is open, which with 50,000 open calls and 30 operators keeps the database busy for
 * nothing; the list reloads when an operator completes a call or presses 次の電話. The operators' lists show the calls
 * offered to them and not yet taken, not the calls other operators hold. Lists written by an earlier version (without
 * {@value #VERSION_PROPERTY}) are brought up to this version once; later changes by staff are kept.
 */
@Component
@Order(10)
class WorkListFilters implements ApplicationRunner {

    static final String VERSION_PROPERTY = "kenshinWorkListVersion";
    static final int VERSION = 2;

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
                new WorkList("架電：担当中", 9, "取扱者：自分が担当している架電（「次の電話」で担当した架電もここに出ます）",
                        tasks.createTaskQuery().processDefinitionKey(PHONE_OUTREACH_PROCESS_KEY).taskDefinitionKey(TASK_CALL_PERSON)
                                .taskAssigneeExpression("${currentUser()}").orderByDueDate().asc()),
                new WorkList("架電：いまかける", 10, "取扱者：いまかけられる架電（かけ直し・再架電・期限の近いものが先）。「次の電話」で先頭から担当できます",
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
                                .orderByTaskPriority().desc().orderByDueDate().asc()),
                new WorkList("責任者：期限超過", 21, "取扱責任者：期限を過ぎた架電と問い合わせ",
                        tasks.createTaskQuery().processDefinitionKeyIn(PHONE_OUTREACH_PROCESS_KEY, INQUIRY_PROCESS_KEY)
                                .dueBeforeExpression("${now()}").orderByDueDate().asc()),
                new WorkList("区：問い合わせの引継ぎ", 30, "区職員：委託先から引き継がれた問い合わせと住所変更",
                        tasks.createTaskQuery().processDefinitionKey(INQUIRY_PROCESS_KEY).taskCandidateGroup("ward-staff")
                                .orderByDueDate().asc()));
    }

    /** The calls offered to the operators and not yet taken, by priority, then due time. */
    private TaskQuery calls() {
        return tasks.createTaskQuery().processDefinitionKey(PHONE_OUTREACH_PROCESS_KEY).taskDefinitionKey(TASK_CALL_PERSON)
                .taskCandidateGroup("contractor-operator")
                .orderByTaskPriority().desc().orderByDueDate().asc();
    }

    @Override
    public void run(ApplicationArguments args) {
        for (WorkList list : workLists()) {
            List<Filter> existing = filters.createFilterQuery().filterName(list.name()).list();
            if (existing.isEmpty()) {
                Filter filter = filters.newTaskFilter(list.name());
                filter.setProperties(properties(list, new LinkedHashMap<>()));
                filter.setQuery(list.query());
                filters.saveFilter(filter);
                continue;
            }
            for (Filter filter : existing) {
                Map<String, Object> properties = filter.getProperties() == null ? new LinkedHashMap<>()
                        : new LinkedHashMap<>(filter.getProperties());
                if (properties.get(VERSION_PROPERTY) instanceof Number n && n.intValue() >= VERSION) {
                    continue; // this version's, perhaps changed by staff since
                }
                filter.setProperties(properties(list, properties));
                filter.setQuery(list.query());
                filters.saveFilter(filter);
            }
        }
    }

    private static Map<String, Object> properties(WorkList list, Map<String, Object> properties) {
        properties.put("description", list.description());
        properties.put("priority", list.priority());
        properties.put("refresh", false);
        properties.put("variables", List.of(
                Map.of("name", CALL_KIND, "label", "種別"),
                Map.of("name", ATTEMPT_COUNT, "label", "架電回数"),
                Map.of("name", INQUIRY_ID, "label", "問い合わせ番号")));
        properties.put(VERSION_PROPERTY, VERSION);
        return properties;
    }
}
