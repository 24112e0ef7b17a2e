package jp.kenshin.outreach.process;

/**
 * The names of contract-compliance.bpmn: its process key, the variables it declares (see DeclaredVariables), its activity
 * ids, messages and codes. Ids, codes, dates of the process and counts only: never a personal value. Names more
 * than one process uses are in {@link ProcessVariables}.
 */
public final class ContractComplianceVariables {

    public static final String CONTRACT_PROCESS_KEY = "contract-compliance";
    public static final String CONTRACT_NUMBER = "contractNumber";
    public static final String CONTRACTOR_NAME = "contractorName";
    public static final String CONTRACTOR_GROUP = "contractorGroup";
    public static final String CONTRACT_PERIOD_FROM = "contractPeriodFrom";
    public static final String CONTRACT_PERIOD_TO = "contractPeriodTo";
    public static final String PROVISIONS_ACKNOWLEDGED = "provisionsAcknowledged";
    public static final String LOCKED_STORAGE = "lockedStorage";
    public static final String ENTRY_CONTROL = "entryControl";
    public static final String MEDIA_RESTRICTION = "mediaRestriction";
    public static final String PER_PERSON_FILE_ACCESS = "perPersonFileAccess";
    public static final String CONTRACT_APPROVED = "contractApproved";
    public static final String REVIEW_COMMENT = "reviewComment";
    public static final String TASK_REGISTER_CONTRACT = "Task_RegisterContract";
    public static final String TASK_DESIGNATE_HANDLERS = "Task_DesignateHandlers";
    public static final String TASK_ATTEST_PROTECTION = "Task_AttestProtectionMeasures";
    public static final String TASK_REVIEW_CONTRACT = "Task_ReviewContract";

    private ContractComplianceVariables() {
    }
}
