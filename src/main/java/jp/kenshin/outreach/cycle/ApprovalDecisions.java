package jp.kenshin.outreach.cycle;

import static jp.kenshin.outreach.process.AnnualOutreachCycleVariables.*;
import static jp.kenshin.outreach.process.ContractComplianceVariables.*;
import static jp.kenshin.outreach.process.EffectAnalysisVariables.*;
import static jp.kenshin.outreach.process.ExportApprovalVariables.*;
import static jp.kenshin.outreach.process.MailingVariables.*;
import static jp.kenshin.outreach.process.SiteAuditVariables.*;

import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Approve or send back as two explicit choices: a decision task completes only with its decision given (true or
 * false, never taken from a missing value), and a send-back only with a reason. When the task is created, the
 * previous round's decision and reason are taken away, so that the form starts with nothing chosen.
 * Runs before each task's own complete listener (listed first in the BPMN).
 */
@Component("approvalDecisionCheck")
class ApprovalDecisions implements TaskListener {

    /** A decision task: its decision variable, the reason variable, and how the form names both. */
    record Decision(String decision, String reason, String label, String reasonLabel) {
    }

    static final Map<String, Decision> TASKS = Map.of(
            TASK_APPROVE_TARGET_LIST, new Decision(TARGET_LIST_APPROVED, APPROVAL_COMMENT, "対象者リストを承認するか差し戻すか", "差し戻す理由"),
            TASK_APPROVE_PROOF, new Decision(PROOF_APPROVED, PROOF_COMMENT, "見本を承認するか差し戻すか", "差し戻す理由"),
            TASK_APPROVE_ANALYSIS_REPORT, new Decision(ANALYSIS_APPROVED, ANALYSIS_COMMENT, "報告書を承認するか差し戻すか", "差し戻す理由"),
            TASK_APPROVE_CALL_PLAN, new Decision(CALL_PLAN_APPROVED, CALL_PLAN_COMMENT, "計画を承認するか差し戻すか", "差し戻す理由"),
            TASK_APPROVE_EXPORT, new Decision(EXPORT_APPROVED, EXPORT_COMMENT, "持ち出しを承認するかしないか", "承認しない理由"),
            TASK_REVIEW_CONTRACT, new Decision(CONTRACT_APPROVED, REVIEW_COMMENT, "委託先の体制を承認するか差し戻すか", "差し戻す理由"),
            TASK_VERIFY_REMEDIES, new Decision(AUDIT_CLOSED, REMEDIES_COMMENT, "監査を完了するか再度の改善を求めるか", "再度の改善を求める理由"));

    @Override
    public void notify(DelegateTask task) {
        Decision decision = TASKS.get(task.getTaskDefinitionKey());
        if (decision == null) {
            throw new IllegalStateException("No decision is declared for task " + task.getTaskDefinitionKey());
        }
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            task.getExecution().removeVariable(decision.decision());
            task.getExecution().removeVariable(decision.reason());
            return;
        }
        if (!EVENTNAME_COMPLETE.equals(task.getEventName())) {
            return;
        }
        Object value = task.getVariable(decision.decision());
        if (!(value instanceof Boolean approved)) {
            throw new BadUserRequestException(decision.label() + "を選んでください（" + decision.decision() + "）");
        }
        Object reason = task.getVariable(decision.reason());
        if (!approved && (reason == null || reason.toString().isBlank())) {
            throw new BadUserRequestException(decision.reasonLabel() + "を入力してください（" + decision.reason() + "）");
        }
    }
}
