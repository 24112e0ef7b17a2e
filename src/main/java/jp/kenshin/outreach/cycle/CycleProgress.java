package jp.kenshin.outreach.cycle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.kenshin.outreach.process.AnnualOutreachCycleVariables;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Component;

/**
 * Where a fiscal year's annual cycle stands, from the engine's history (business key: the fiscal year):
 * the steps it is at now and the steps it has done, with the steps of the processes it called (the
 * mailing, the contract check, the effect analysis), by their Japanese names; a step cut short (an interrupting
 * event, a cancelled branch) is left out. Ids, names and times only.
 */
@Component
public class CycleProgress {

    /** A step of the cycle or of a process it called. */
    public record Step(String activityId, String name, String process, Instant startedAt, Instant endedAt) {
    }

    /**
     * @param state the engine's state of the cycle (ACTIVE, COMPLETED, …), null when it was not started
     * @param current the steps waiting or running now, in the order they began
     * @param done the finished steps, in the order they ended
     */
    public record Standing(int fiscalYear, boolean started, String state, String stateLabel, Instant startedAt, Instant endedAt,
            List<Step> current, List<Step> done) {
    }

    private static final Map<String, String> STATE_LABELS = Map.of(
            HistoricProcessInstance.STATE_ACTIVE, "進行中",
            HistoricProcessInstance.STATE_SUSPENDED, "一時停止中",
            HistoricProcessInstance.STATE_COMPLETED, "完了",
            HistoricProcessInstance.STATE_EXTERNALLY_TERMINATED, "中止（外部から終了）",
            HistoricProcessInstance.STATE_INTERNALLY_TERMINATED, "中止");
    /** Routing only: a gateway is no step a person would name. */
    private static final Set<String> NOT_STEPS = Set.of("exclusiveGateway", "parallelGateway", "inclusiveGateway",
            "eventBasedGateway", "complexGateway", "multiInstanceBody");

    private final HistoryService history;

    public CycleProgress(HistoryService history) {
        this.history = history;
    }

    public Standing standing(int fiscalYear) {
        HistoricProcessInstance cycle = history.createHistoricProcessInstanceQuery().processDefinitionKey(AnnualOutreachCycleVariables.PROCESS_KEY)
                .processInstanceBusinessKey(Integer.toString(fiscalYear)).singleResult();
        if (cycle == null) {
            return new Standing(fiscalYear, false, null, "未開始", null, null, List.of(), List.of());
        }
        List<Step> current = new ArrayList<>();
        List<Step> done = new ArrayList<>();
        collect(cycle, current, done);
        current.sort(Comparator.comparing(Step::startedAt));
        done.sort(Comparator.comparing(Step::endedAt));
        return new Standing(fiscalYear, true, cycle.getState(), STATE_LABELS.getOrDefault(cycle.getState(), cycle.getState()),
                instant(cycle.getStartTime()), instant(cycle.getEndTime()), current, done);
    }

    /** The instance's steps and those of the processes it called, depth first. */
    private void collect(HistoricProcessInstance instance, List<Step> current, List<Step> done) {
        String process = instance.getProcessDefinitionName() == null ? instance.getProcessDefinitionKey() : instance.getProcessDefinitionName();
        for (HistoricActivityInstance a : history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId()).list()) {
            if (NOT_STEPS.contains(a.getActivityType()) || a.getActivityName() == null || a.getActivityName().isBlank()
                    || a.isCanceled()) {
                continue;
            }
            Step step = new Step(a.getActivityId(), a.getActivityName(), process, instant(a.getStartTime()), instant(a.getEndTime()));
            (a.getEndTime() == null ? current : done).add(step);
        }
        for (HistoricProcessInstance called : history.createHistoricProcessInstanceQuery().superProcessInstanceId(instance.getId()).list()) {
            collect(called, current, done);
        }
    }

    private static Instant instant(java.util.Date date) {
        return date == null ? null : date.toInstant();
    }
}
