package jp.kenshin.outreach.cycle;

import static jp.kenshin.outreach.process.ContractComplianceVariables.CONTRACT_PROCESS_KEY;
import static jp.kenshin.outreach.process.ProcessVariables.FISCAL_YEAR;

import java.util.Map;
import jp.kenshin.outreach.compliance.DesignationsChanged;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Starts the ward's review (contract-compliance, at its message start) when an approved year's designations change. */
@Component
class DesignationReviewStarter {

    static final String MESSAGE_DESIGNATIONS_CHANGED = "Message_DesignationsChanged";

    private final RuntimeService runtime;

    DesignationReviewStarter(RuntimeService runtime) {
        this.runtime = runtime;
    }

    @EventListener
    void designationsChanged(DesignationsChanged event) {
        String businessKey = Integer.toString(event.fiscalYear());
        boolean reviewPending = runtime.createProcessInstanceQuery().processDefinitionKey(CONTRACT_PROCESS_KEY)
                .processInstanceBusinessKey(businessKey).active().count() > 0;
        if (!reviewPending) {
            runtime.startProcessInstanceByMessage(MESSAGE_DESIGNATIONS_CHANGED, businessKey, Map.of(FISCAL_YEAR, event.fiscalYear()));
        }
    }
}
