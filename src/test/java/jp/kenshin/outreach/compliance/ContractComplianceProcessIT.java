package jp.kenshin.outreach.compliance;

import static jp.kenshin.outreach.TestFiles.MEMBERS_HEADER;
import static jp.kenshin.outreach.TestFiles.csv;
import static jp.kenshin.outreach.TestFiles.member;
import static jp.kenshin.outreach.process.ContractComplianceVariables.*;
import static jp.kenshin.outreach.process.ProcessVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.kenshin.outreach.ContractGate;
import jp.kenshin.outreach.IntegrationTest;
import jp.kenshin.outreach.members.MembersImportService;
import jp.kenshin.outreach.privacy.AccessRefusedException;
import jp.kenshin.outreach.privacy.Designation;
import jp.kenshin.outreach.privacy.PersonalDataService;
import jp.kenshin.outreach.privacy.Purpose;
import jp.kenshin.outreach.privacy.Requester;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The contract gate: nothing reaches the contractor before the ward approves; the right fields after. */
@IntegrationTest
class ContractComplianceProcessIT {

    private static final int FY = 2091;

    @Autowired
    ProcessEngine engine;
    @Autowired
    ContractService contracts;
    @Autowired
    PersonalDataService door;
    @Autowired
    MembersImportService members;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void engine() {
        AbstractAssertions.init(engine);
        ContractGate.organisation(engine.getIdentityService());
    }

    private ProcessInstance start(int fiscalYear) {
        return engine.getRuntimeService().startProcessInstanceByKey(CONTRACT_PROCESS_KEY, Integer.toString(fiscalYear),
                Map.of(FISCAL_YEAR, fiscalYear));
    }

    /**
     * What the contract gate says to the operator for CALL (the designation and the contract's handover). Since issue 11
     * a contractor user reads only the person of a task they hold, so the gate is asked directly here rather than
     * through a read of members outside any task (which the need-to-know rule refuses on its own).
     */
    private java.util.Optional<String> operatorRefusal(int fiscalYear) {
        return door.refusal(new Requester(ContractGate.OPERATOR, Set.of("contractor-operator")), Purpose.CALL, fiscalYear);
    }

    @Test
    void theContractorReadsNothingBeforeApprovalAndThePurposesFieldsAfterASendBack() {
        members.importMembers(FY, csv(StandardCharsets.UTF_8, MEMBERS_HEADER, List.of(
                member("1", "19600101", "1", "03-1111-2222", "20000401", ""))), "m.csv", "UTF-8", false);
        List<Long> ids = jdbc.queryForList("select id from member where fiscal_year = ?", Long.class, FY);
        ProcessInstance gate = start(FY);
        assertThat(gate).isWaitingAt(TASK_REGISTER_CONTRACT);

        Map<String, Object> incomplete = new HashMap<>(ContractGate.contractVariables(FY));
        incomplete.put(PROVISIONS_ACKNOWLEDGED, "1,2,3,4,5,7,8,9,10,11,12,13");
        String register = engine.getTaskService().createTaskQuery().processInstanceId(gate.getId()).singleResult().getId();
        assertThatThrownBy(() -> engine.getTaskService().complete(register, incomplete)).hasMessageContaining("特記事項 [6]");
        engine.getTaskService().complete(register, ContractGate.contractVariables(FY));

        assertThat(gate).isWaitingAt(TASK_DESIGNATE_HANDLERS);
        assertThatThrownBy(() -> ContractGate.complete(engine.getTaskService(), FY, TASK_DESIGNATE_HANDLERS, Map.of()))
                .hasMessageContaining("取扱責任者が指定されていません");
        assertThatThrownBy(() -> contracts.designate(new Designation(null, FY, "walkward", Designation.Role.HANDLER,
                Set.of(Purpose.CALL), LocalDate.now(), LocalDate.now().plusDays(9), LocalDate.now()), "lead"))
                .hasMessageContaining("特記事項6");
        ContractGate.designate(contracts, FY);
        ContractGate.complete(engine.getTaskService(), FY, TASK_DESIGNATE_HANDLERS, Map.of());
        assertThatThrownBy(() -> ContractGate.complete(engine.getTaskService(), FY, TASK_ATTEST_PROTECTION,
                Map.of(LOCKED_STORAGE, true))).hasMessageContaining("保護措置");
        ContractGate.complete(engine.getTaskService(), FY, TASK_ATTEST_PROTECTION, Map.of(LOCKED_STORAGE, true,
                ENTRY_CONTROL, true, MEDIA_RESTRICTION, true, PER_PERSON_FILE_ACCESS, true));

        // designated, trained, attested: still nothing before the ward's approval
        assertThat(operatorRefusal(FY)).isPresent();
        ContractGate.complete(engine.getTaskService(), FY, TASK_REVIEW_CONTRACT,
                Map.of(CONTRACT_APPROVED, false, REVIEW_COMMENT, "研修日の記録を確認してください"));
        assertThat(gate).isWaitingAt(TASK_DESIGNATE_HANDLERS);
        assertThat(contracts.status(FY)).isEqualTo("SENT_BACK");
        assertThat(operatorRefusal(FY)).isPresent();

        ContractGate.complete(engine.getTaskService(), FY, TASK_DESIGNATE_HANDLERS, Map.of());
        ContractGate.complete(engine.getTaskService(), FY, TASK_ATTEST_PROTECTION, Map.of(LOCKED_STORAGE, true,
                ENTRY_CONTROL, true, MEDIA_RESTRICTION, true, PER_PERSON_FILE_ACCESS, true));
        ContractGate.complete(engine.getTaskService(), FY, TASK_REVIEW_CONTRACT, Map.of(CONTRACT_APPROVED, true));
        assertThat(gate).isEnded().hasPassed("EndEvent_HandoverAllowed");

        assertThat(operatorRefusal(FY)).isEmpty();
        assertThatThrownBy(() -> door.read(new Requester(ContractGate.OPERATOR, Set.of("contractor-operator")), Purpose.NOTICE,
                FY, ids, PersonalDataService.AccessContext.of("test"))).isInstanceOf(AccessRefusedException.class);

        // a change of designations during the year closes the door again until the ward reviews it
        contracts.designate(new Designation(null, FY, ContractGate.OPERATOR, Designation.Role.HANDLER,
                Set.of(Purpose.CALL, Purpose.NOTICE), LocalDate.now().minusDays(1), LocalDate.now().plusYears(1),
                LocalDate.now().minusDays(1)), ContractGate.LEAD);
        assertThat(contracts.status(FY)).isEqualTo("IN_REVIEW");
        assertThat(operatorRefusal(FY)).isPresent();
        ProcessInstance review = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(CONTRACT_PROCESS_KEY)
                .processInstanceBusinessKey(Integer.toString(FY)).active().singleResult();
        assertThat(review).isWaitingAt(TASK_REVIEW_CONTRACT);
        ContractGate.complete(engine.getTaskService(), FY, TASK_REVIEW_CONTRACT, Map.of(CONTRACT_APPROVED, true));
        assertThat(review).isEnded();
        assertThat(operatorRefusal(FY)).isEmpty();
    }
}
