package jp.kenshin.outreach.cycle;

import static jp.kenshin.outreach.process.AnnualOutreachCycleVariables.FROZEN_SELECTION_RUN_ID;
import static jp.kenshin.outreach.process.AnnualOutreachCycleVariables.SELECTION_RUN_ID;

import jp.kenshin.outreach.selection.TargetSelectionService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** ServiceTask_FreezeTargetList: freezes the approved selection run. Repeating it changes nothing. */
@Component("freezeTargetListDelegate")
class FreezeTargetListDelegate implements JavaDelegate {

    private final TargetSelectionService selection;

    FreezeTargetListDelegate(TargetSelectionService selection) {
        this.selection = selection;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long runId = ((Number) execution.getVariable(SELECTION_RUN_ID)).longValue();
        selection.freeze(runId, AdapterSupport.user(execution));
        execution.setVariable(FROZEN_SELECTION_RUN_ID, runId);
    }
}
