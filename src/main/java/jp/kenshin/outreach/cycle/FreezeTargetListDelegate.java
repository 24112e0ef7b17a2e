package jp.kenshin.outreach.cycle;

import static jp.kenshin.outreach.cycle.CycleVariables.FROZEN_SELECTION_RUN_ID;
import static jp.kenshin.outreach.cycle.CycleVariables.SELECTION_RUN_ID;

import jp.kenshin.outreach.selection.TargetSelectionService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
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
        Authentication authentication = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        selection.freeze(runId, authentication == null ? null : authentication.getUserId());
        execution.setVariable(FROZEN_SELECTION_RUN_ID, runId);
    }
}
