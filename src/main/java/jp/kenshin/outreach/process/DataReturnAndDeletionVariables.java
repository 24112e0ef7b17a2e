package jp.kenshin.outreach.process;

/**
 * The names of data-return-and-deletion.bpmn: its process key, the variables it declares (see DeclaredVariables), its activity
 * ids, messages and codes. Ids, codes, dates of the process and counts only: never a personal value. Names more
 * than one process uses are in {@link ProcessVariables}.
 */
public final class DataReturnAndDeletionVariables {

    public static final String DELETION_PROCESS_KEY = "data-return-and-deletion";
    public static final String DELIVERABLES_HANDED_OVER = "deliverablesHandedOver";
    public static final String DELIVERABLES = "deliverables";
    /** Who confirmed the hand-over (a user id): the verification must be someone else. */
    public static final String DELETION_CONFIRMED_BY = "deletionConfirmedBy";
    public static final String DELETION_VERIFIED = "deletionVerified";
    public static final String PURGED_PROCESS_INSTANCES = "purgedProcessInstances";
    /** The deletion's progress while it runs, for Cockpit: its step, tables scanned of all and rows read (counts only). */
    public static final String DELETION_PROGRESS = "deletionProgress";
    public static final String TASK_CONFIRM_DELIVERABLES = "Task_ConfirmDeliverables";
    public static final String TASK_VERIFY_DELETION = "Task_VerifyDeletion";
    public static final String SERVICE_TASK_DESTROY_YEAR_DATA = "ServiceTask_DestroyYearData";

    private DataReturnAndDeletionVariables() {
    }
}
