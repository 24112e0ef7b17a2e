package jp.kenshin.outreach.cycle;

import static jp.kenshin.outreach.process.ContractComplianceVariables.*;

import java.time.Clock;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jp.kenshin.outreach.compliance.ContractRegistration;
import jp.kenshin.outreach.compliance.ContractService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The task listeners of contract-compliance: each hands the task's input to the contract service and
 * refuses completion (with the service's reason) when the step is not done.
 */
final class ContractTaskChecks {

    private ContractTaskChecks() {
    }


    /** Task_RegisterContract: the contract with all 13 provisions acknowledged. */
    @Component("registerContractTaskCheck")
    static class RegisterContract implements TaskListener {
        private static final Pattern NUMBER = Pattern.compile("\\d+");
        private final ContractService contracts;
        private final Clock clock;

        RegisterContract(ContractService contracts, Clock clock) {
            this.contracts = contracts;
            this.clock = clock;
        }

        @Override
        public void notify(DelegateTask task) {
            Matcher numbers = NUMBER.matcher(String.valueOf(task.getVariable(PROVISIONS_ACKNOWLEDGED)));
            Set<Integer> provisions = numbers.results().map(m -> Integer.parseInt(m.group())).collect(Collectors.toSet());
            AdapterSupport.guarded(() -> {
                contracts.register(new ContractRegistration(AdapterSupport.fiscalYear(task), (String) task.getVariable(CONTRACT_NUMBER),
                        (String) task.getVariable(CONTRACTOR_NAME), (String) task.getVariable(CONTRACTOR_GROUP),
                        AdapterSupport.date(task.getVariable(CONTRACT_PERIOD_FROM), clock.getZone()),
                        AdapterSupport.date(task.getVariable(CONTRACT_PERIOD_TO), clock.getZone()), provisions),
                        AdapterSupport.user(task));
                return null;
            });
        }
    }

    /** Task_DesignateHandlers: a person in charge and handlers, all trained, all of the contracted organisation. */
    @Component("designationsTaskCheck")
    static class Designations implements TaskListener {
        private final ContractService contracts;

        Designations(ContractService contracts) {
            this.contracts = contracts;
        }

        @Override
        public void notify(DelegateTask task) {
            AdapterSupport.guarded(() -> {
                contracts.checkDesignations(AdapterSupport.fiscalYear(task));
                return null;
            });
        }
    }

    /** Task_AttestProtectionMeasures: all four measures attested. */
    @Component("attestProtectionTaskCheck")
    static class AttestProtection implements TaskListener {
        private final ContractService contracts;

        AttestProtection(ContractService contracts) {
            this.contracts = contracts;
        }

        @Override
        public void notify(DelegateTask task) {
            AdapterSupport.guarded(() -> {
                contracts.attest(AdapterSupport.fiscalYear(task), isTrue(task, LOCKED_STORAGE), isTrue(task, ENTRY_CONTROL),
                        isTrue(task, MEDIA_RESTRICTION), isTrue(task, PER_PERSON_FILE_ACCESS), AdapterSupport.user(task));
                return null;
            });
        }

        private static boolean isTrue(DelegateTask task, String variable) {
            return Boolean.TRUE.equals(task.getVariable(variable));
        }
    }

    /** Task_ReviewContract: approval opens the hand-over of the year; a send-back keeps it shut. */
    @Component("reviewContractTaskCheck")
    static class ReviewContract implements TaskListener {
        private final ContractService contracts;

        ReviewContract(ContractService contracts) {
            this.contracts = contracts;
        }

        @Override
        public void notify(DelegateTask task) {
            boolean approved = Boolean.TRUE.equals(task.getVariable(CONTRACT_APPROVED));
            task.setVariable(CONTRACT_APPROVED, approved);
            Object comment = task.getVariable(REVIEW_COMMENT);
            AdapterSupport.guarded(() -> {
                contracts.review(AdapterSupport.fiscalYear(task), approved, comment == null ? null : comment.toString(), AdapterSupport.user(task));
                return null;
            });
        }
    }
}
