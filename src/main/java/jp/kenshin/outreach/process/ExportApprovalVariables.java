package jp.kenshin.outreach.process;

/**
 * The names of export-approval.bpmn: its process key, the variables it declares (see DeclaredVariables), its activity
 * ids, messages and codes. Ids, codes, dates of the process and counts only: never a personal value. Names more
 * than one process uses are in {@link ProcessVariables}.
 */
public final class ExportApprovalVariables {

    public static final String EXPORT_APPROVAL_PROCESS_KEY = "export-approval";
    public static final String EXPORT_APPROVAL_ID = "exportApprovalId";
    public static final String EXPORT_PURPOSE = "exportPurpose";
    public static final String MEMBER_COUNT = "memberCount";
    public static final String EXPORT_REASON = "exportReason";
    public static final String EXPORT_APPROVED = "exportApproved";
    /** Why the ward refused an export (required with a refusal). */
    public static final String EXPORT_COMMENT = "exportComment";
    public static final String TASK_APPROVE_EXPORT = "Task_ApproveExport";

    private ExportApprovalVariables() {
    }
}
