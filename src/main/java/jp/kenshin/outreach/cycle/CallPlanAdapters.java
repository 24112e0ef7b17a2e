package jp.kenshin.outreach.cycle;

import static jp.kenshin.outreach.process.AnnualOutreachCycleVariables.*;
import static jp.kenshin.outreach.process.EffectAnalysisVariables.*;
import static jp.kenshin.outreach.process.PhoneOutreachVariables.*;
import static jp.kenshin.outreach.process.ProcessVariables.*;

import java.util.Optional;
import jp.kenshin.outreach.analysis.CallPlanService;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * The engine adapters of next year's call plan in effect-analysis.bpmn: proposed from the approved analysis, approved
 * or sent back by the ward, revised or withdrawn by the analyst, deployed as a new version of the call-priority
 * decision. Variables: ids, counts, a share and the plan's summary (aggregates) only.
 */
final class CallPlanAdapters {

    private CallPlanAdapters() {
    }

    /** ServiceTask_ProposeCallPlan: the plan from the approved run, with the budget and holdout share given, if any. */
    @Component("proposeCallPlanDelegate")
    static class Propose implements JavaDelegate {
        private final CallPlanService plans;

        Propose(CallPlanService plans) {
            this.plans = plans;
        }

        @Override
        public void execute(DelegateExecution execution) {
            propose(plans, execution, "effect-analysis");
        }
    }

    /** Task_ReviseCallPlan, on complete: the analyst proposes again with another budget or share, or withdraws. */
    @Component("reviseCallPlanListener")
    static class Revise implements TaskListener {
        private final CallPlanService plans;

        Revise(CallPlanService plans) {
            this.plans = plans;
        }

        @Override
        public void notify(DelegateTask task) {
            boolean withdrawn = Boolean.TRUE.equals(task.getVariable(CALL_PLAN_WITHDRAWN));
            task.setVariable(CALL_PLAN_WITHDRAWN, withdrawn);
            if (!withdrawn) {
                propose(plans, task, AdapterSupport.user(task));
            }
        }
    }

    private static void propose(CallPlanService plans, VariableScope scope, String by) {
        long runId = ((Number) scope.getVariable(ANALYSIS_RUN_ID)).longValue();
        Long budget = budget(scope.getVariable(CALL_BUDGET));
        Double share = share(scope.getVariable(PLAN_HOLDOUT_SHARE));
        Optional<Long> id = AdapterSupport.guarded(() -> plans.propose(runId, budget, share, by));
        scope.setVariable(CALL_PLAN_PROPOSED, id.isPresent());
        if (id.isPresent()) {
            scope.setVariable(CALL_PLAN_ID, id.get());
            scope.setVariable(CALL_PLAN_SUMMARY, plans.find(id.get()).plan().toJapaneseSummary(id.get()));
        }
    }

    private static Long budget(Object value) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        try {
            return value instanceof Number n ? n.longValue() : Long.parseLong(value.toString().strip());
        } catch (NumberFormatException e) {
            throw new BadUserRequestException("架電数の上限（callBudget）は整数で入力してください");
        }
    }

    private static Double share(Object value) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        try {
            return value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString().strip());
        } catch (NumberFormatException e) {
            throw new BadUserRequestException("電話しない比較群の割合（planHoldoutShare）は0以上0.5以下の数で入力してください");
        }
    }

    /** Task_ApproveCallPlan, on complete (after the decision check): approve, or mark the proposal sent back. */
    @Component("approveCallPlanListener")
    static class Approve implements TaskListener {
        private final CallPlanService plans;

        Approve(CallPlanService plans) {
            this.plans = plans;
        }

        @Override
        public void notify(DelegateTask task) {
            long planId = ((Number) task.getVariable(CALL_PLAN_ID)).longValue();
            if (Boolean.TRUE.equals(task.getVariable(CALL_PLAN_APPROVED))) {
                AdapterSupport.guarded(() -> plans.approve(planId, AdapterSupport.user(task)));
            } else {
                plans.sendBack(planId);
                task.removeVariable(CALL_PLAN_WITHDRAWN);
            }
        }
    }

    /** ServiceTask_DeployCallPlan: the approved plan as a new version of the call-priority decision; its id recorded. */
    @Component("deployCallPlanDelegate")
    static class Deploy implements JavaDelegate {
        private final CallPlanService plans;

        Deploy(CallPlanService plans) {
            this.plans = plans;
        }

        @Override
        public void execute(DelegateExecution execution) {
            long planId = ((Number) execution.getVariable(CALL_PLAN_ID)).longValue();
            execution.setVariable(CALL_PLAN_DECISION_ID, AdapterSupport.guarded(() -> plans.deploy(planId)));
        }
    }
}
