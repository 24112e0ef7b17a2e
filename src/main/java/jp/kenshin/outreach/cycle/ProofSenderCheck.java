package jp.kenshin.outreach.cycle;

import java.util.List;
import jp.kenshin.outreach.mailing.SenderCheck;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * mailing.bpmn, Flow_ProofApproved (the proof approved): refused while the cards would print the ward's name,
 * address or numbers as placeholders. The completion of Task_ApproveProof is rolled back with the reasons in
 * Japanese, naming the settings; sending the proof back stays possible.
 */
@Component("proofSenderCheck")
class ProofSenderCheck implements ExecutionListener {

    private final SenderCheck check;

    ProofSenderCheck(SenderCheck check) {
        this.check = check;
    }

    @Override
    public void notify(DelegateExecution execution) {
        List<String> problems = check.problems(AdapterSupport.fiscalYear(execution));
        if (!problems.isEmpty()) {
            throw new ProcessEngineException("見本を承認できません。" + String.join("。", problems)
                    + "。設定または文面を直し、見本を作り直してから承認してください");
        }
    }
}
