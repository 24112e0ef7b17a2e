package jp.kenshin.outreach.cycle;

import static jp.kenshin.outreach.process.AnnualOutreachCycleVariables.*;

import java.time.LocalDate;
import jp.kenshin.outreach.selection.SelectionCounts;
import jp.kenshin.outreach.selection.SelectionRequest;
import jp.kenshin.outreach.selection.TargetSelectionService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** ServiceTask_SelectTargets: runs the selection and keeps its id and counts. */
@Component("selectTargetsDelegate")
class SelectTargetsDelegate implements JavaDelegate {

    private final TargetSelectionService selection;

    SelectTargetsDelegate(TargetSelectionService selection) {
        this.selection = selection;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object share = execution.getVariable(HOLDOUT_SHARE);
        Object seed = execution.getVariable(HOLDOUT_SEED);
        SelectionCounts counts = selection.select(new SelectionRequest(
                AdapterSupport.fiscalYear(execution),
                LocalDate.parse(execution.getVariable(REFERENCE_DATE).toString().substring(0, 10)),
                share instanceof Number n ? n.doubleValue() : 0.0,
                seed instanceof Number n ? n.longValue() : null,
                ((Number) execution.getVariable(MEMBERS_IMPORT_ID)).longValue(),
                ((Number) execution.getVariable(PREVIOUS_RESULTS_IMPORT_ID)).longValue(),
                execution.getProcessInstanceId()));
        execution.setVariable(SELECTION_RUN_ID, counts.runId());
        execution.setVariable(HOLDOUT_SEED, counts.holdoutSeed());
        execution.setVariable(TARGET_COUNT, counts.targets());
        execution.setVariable(NOTICE_AND_CALL_COUNT, counts.noticeAndCall());
        execution.setVariable(NOTICE_ONLY_COUNT, counts.noticeOnly());
        execution.setVariable(HELD_OUT_COUNT, counts.heldOut());
        execution.setVariable(EXCLUDED_COUNT, counts.excluded());
        execution.setVariable(SELECTION_SUMMARY, counts.toJapaneseSummary());
        execution.removeVariable(TARGET_LIST_APPROVED);
    }
}
