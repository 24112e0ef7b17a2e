package jp.kenshin.outreach.process;

/**
 * The names of incident-report.bpmn: its process key, the variables it declares (see DeclaredVariables), its activity
 * ids, messages and codes. Ids, codes, dates of the process and counts only: never a personal value. Names more
 * than one process uses are in {@link ProcessVariables}.
 */
public final class IncidentReportVariables {

    public static final String INCIDENT_PROCESS_KEY = "incident-report";
    public static final String INCIDENT_ID = "incidentId";
    public static final String INCIDENT_CATEGORY = "incidentCategory";
    public static final String OCCURRED_ON = "occurredOn";
    public static final String AFFECTED_COUNT = "affectedCount";
    public static final String INCIDENT_SUMMARY = "incidentSummary";
    public static final String NOTICE_DUE = "noticeDue";
    public static final String WRITTEN_REPORT = "writtenReport";
    public static final String INSTRUCTIONS = "instructions";
    public static final String PUBLISH_INCIDENT = "publishIncident";
    public static final String TASK_ACKNOWLEDGE_INCIDENT = "Task_AcknowledgeIncident";
    public static final String TASK_SUBMIT_WRITTEN_REPORT = "Task_SubmitWrittenReport";
    public static final String TASK_FOLLOW_UP_OVERDUE_REPORT = "Task_FollowUpOverdueReport";
    public static final String TASK_GIVE_INSTRUCTIONS = "Task_GiveInstructions";
    public static final String TASK_CARRY_OUT_INSTRUCTIONS = "Task_CarryOutInstructions";
    public static final String TASK_CLOSE_INCIDENT = "Task_CloseIncident";

    private IncidentReportVariables() {
    }
}
