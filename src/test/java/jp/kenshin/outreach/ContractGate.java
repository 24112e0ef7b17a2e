package jp.kenshin.outreach;

import static jp.kenshin.outreach.process.ContractComplianceVariables.*;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Map;
import jp.kenshin.outreach.compliance.ContractService;
import jp.kenshin.outreach.privacy.Designation;
import jp.kenshin.outreach.privacy.Purpose;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.Task;

/** Walks a fiscal year's contract-compliance gate to approval, with a contractor organisation of test users. */
public final class ContractGate {

    public static final String ORGANISATION = "contractororg";
    public static final String LEAD = "gatelead";
    public static final String OPERATOR = "gateoperator";

    private ContractGate() {
    }

    public static void organisation(IdentityService identity) {
        if (identity.createGroupQuery().groupId(ORGANISATION).count() == 0) {
            Group group = identity.newGroup(ORGANISATION);
            group.setName("テスト委託先");
            group.setType("ORGANISATION");
            identity.saveGroup(group);
        }
        TestUsers.ensure(identity, LEAD, "contractor-lead");
        TestUsers.ensure(identity, OPERATOR, "contractor-operator");
        for (String user : new String[] {LEAD, OPERATOR}) {
            if (identity.createUserQuery().userId(user).memberOfGroup(ORGANISATION).count() == 0) {
                identity.createMembership(user, ORGANISATION);
            }
        }
    }

    public static Map<String, Object> contractVariables(int fiscalYear) {
        return Map.of(CONTRACT_NUMBER, "K-" + fiscalYear + "-001", CONTRACTOR_NAME, "テスト委託先株式会社",
                CONTRACTOR_GROUP, ORGANISATION, CONTRACT_PERIOD_FROM, fiscalYear + "-04-01",
                CONTRACT_PERIOD_TO, (fiscalYear + 1) + "-03-31", PROVISIONS_ACKNOWLEDGED, "1,2,3,4,5,6,7,8,9,10,11,12,13");
    }

    public static void designate(ContractService contracts, int fiscalYear) {
        LocalDate today = LocalDate.now();
        contracts.designate(new Designation(null, fiscalYear, LEAD, Designation.Role.PERSON_IN_CHARGE,
                EnumSet.allOf(Purpose.class), today.minusDays(1), today.plusYears(1), today.minusDays(1)), "ward");
        contracts.designate(new Designation(null, fiscalYear, OPERATOR, Designation.Role.HANDLER,
                EnumSet.of(Purpose.CALL, Purpose.INQUIRY), today.minusDays(1), today.plusYears(1), today.minusDays(1)), "ward");
    }

    /** Completes the four tasks of the year's gate, approving it. */
    public static void pass(IdentityService identity, TaskService tasks, ContractService contracts, int fiscalYear) {
        organisation(identity);
        complete(tasks, fiscalYear, TASK_REGISTER_CONTRACT, contractVariables(fiscalYear));
        designate(contracts, fiscalYear);
        complete(tasks, fiscalYear, TASK_DESIGNATE_HANDLERS, Map.of());
        complete(tasks, fiscalYear, TASK_ATTEST_PROTECTION, Map.of(LOCKED_STORAGE, true, ENTRY_CONTROL, true,
                MEDIA_RESTRICTION, true, PER_PERSON_FILE_ACCESS, true));
        complete(tasks, fiscalYear, TASK_REVIEW_CONTRACT, Map.of(CONTRACT_APPROVED, true));
    }

    public static void complete(TaskService tasks, int fiscalYear, String taskKey, Map<String, Object> variables) {
        Task task = tasks.createTaskQuery().processInstanceBusinessKey(Integer.toString(fiscalYear))
                .taskDefinitionKey(taskKey).singleResult();
        tasks.complete(task.getId(), variables);
    }
}
