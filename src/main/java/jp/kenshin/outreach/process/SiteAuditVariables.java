package jp.kenshin.outreach.process;

/**
 * The names of site-audit.bpmn: its process key, the variables it declares (see DeclaredVariables), its activity
 * ids, messages and codes. Ids, codes, dates of the process and counts only: never a personal value. Names more
 * than one process uses are in {@link ProcessVariables}.
 */
public final class SiteAuditVariables {

    public static final String SITE_AUDIT_PROCESS_KEY = "site-audit";
    public static final String AUDIT_ID = "auditId";
    public static final String AUDITED_ON = "auditedOn";
    public static final String AUDIT_FINDINGS = "auditFindings";
    public static final String FOLLOW_UP_NEEDED = "followUpNeeded";
    public static final String REMEDIES = "remedies";
    public static final String AUDIT_CLOSED = "auditClosed";
    /** Why the ward asks for further remedies (required when the audit is not closed). */
    public static final String REMEDIES_COMMENT = "remediesComment";
    public static final String TASK_REMEDY_FINDINGS = "Task_RemedyFindings";
    public static final String TASK_VERIFY_REMEDIES = "Task_VerifyRemedies";

    private SiteAuditVariables() {
    }
}
