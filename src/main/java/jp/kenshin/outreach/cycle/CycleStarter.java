package jp.kenshin.outreach.cycle;

import static jp.kenshin.outreach.process.AnnualOutreachCycleVariables.*;
import static jp.kenshin.outreach.process.ProcessVariables.*;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/** Starts the annual cycle, one instance per fiscal year (business key: the fiscal year). */
@Component
public class CycleStarter {

    private final RuntimeService runtimeService;
    private final HistoryService historyService;

    public CycleStarter(RuntimeService runtimeService, HistoryService historyService) {
        this.runtimeService = runtimeService;
        this.historyService = historyService;
    }

    /**
     * @param resultsCutOff the results cut-off date of the year's effect analysis; null for the configured
     *        day ({@code kenshin.analysis.results-cut-off}) of the following year
     */
    public record CycleStart(int fiscalYear, LocalDate referenceDate, Double holdoutShare, Long holdoutSeed, LocalDate resultsCutOff) {

        public CycleStart(int fiscalYear, LocalDate referenceDate, Double holdoutShare, Long holdoutSeed) {
            this(fiscalYear, referenceDate, holdoutShare, holdoutSeed, null);
        }
    }

    public record CycleState(int fiscalYear, String processInstanceId, String state, List<String> activeActivities) {
    }

    public synchronized CycleState start(CycleStart start) {
        if (start.fiscalYear() < 2000 || start.fiscalYear() > 2100) {
            throw new IllegalArgumentException("fiscalYear must be a Western year such as 2026");
        }
        if (start.referenceDate() == null) {
            throw new IllegalArgumentException("referenceDate is required (YYYY-MM-DD)");
        }
        String businessKey = Integer.toString(start.fiscalYear());
        long existing = historyService.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
                .processInstanceBusinessKey(businessKey).count();
        if (existing > 0) {
            throw new IllegalStateException("The cycle of fiscal year " + businessKey + " was already started");
        }
        Map<String, Object> variables = Variables.createVariables()
                .putValue(FISCAL_YEAR, start.fiscalYear())
                .putValue(REFERENCE_DATE, start.referenceDate().toString())
                .putValue(HOLDOUT_SHARE, start.holdoutShare() == null ? 0.0 : start.holdoutShare());
        if (start.holdoutSeed() != null) {
            variables.put(HOLDOUT_SEED, start.holdoutSeed());
        }
        if (start.resultsCutOff() != null) {
            if (start.resultsCutOff().isBefore(LocalDate.of(start.fiscalYear(), 4, 1))) {
                throw new IllegalArgumentException("resultsCutOff must not be before the fiscal year begins (" + start.fiscalYear() + "-04-01)");
            }
            variables.put(RESULTS_CUT_OFF, start.resultsCutOff().toString());
        }
        ProcessInstance instance = runtimeService.startProcessInstanceByKey(PROCESS_KEY, businessKey, variables);
        return state(start.fiscalYear()).orElseGet(() -> new CycleState(start.fiscalYear(), instance.getId(), "ENDED", List.of()));
    }

    public java.util.Optional<CycleState> state(int fiscalYear) {
        HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
                .processInstanceBusinessKey(Integer.toString(fiscalYear)).singleResult();
        if (instance == null) {
            return java.util.Optional.empty();
        }
        List<String> active = List.of();
        if (instance.getEndTime() == null) {
            ActivityInstance tree = runtimeService.getActivityInstance(instance.getId());
            active = tree == null ? List.of() : collect(tree);
        }
        return java.util.Optional.of(new CycleState(fiscalYear, instance.getId(), instance.getState(), active));
    }

    private static List<String> collect(ActivityInstance tree) {
        List<String> ids = new java.util.ArrayList<>();
        for (ActivityInstance child : tree.getChildActivityInstances()) {
            ids.add(child.getActivityId());
            ids.addAll(collect(child));
        }
        for (var transition : tree.getChildTransitionInstances()) {
            ids.add(transition.getActivityId());
        }
        return ids;
    }
}
