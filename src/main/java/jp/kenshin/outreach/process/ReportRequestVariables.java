package jp.kenshin.outreach.process;

/**
 * The names of report-request.bpmn: its process key, the variables it declares (see DeclaredVariables), its activity
 * ids, messages and codes. Ids, codes, dates of the process and counts only: never a personal value. Names more
 * than one process uses are in {@link ProcessVariables}.
 */
public final class ReportRequestVariables {

    public static final String REPORT_REQUEST_PROCESS_KEY = "report-request";
    public static final String REPORT_REQUEST_ID = "reportRequestId";
    public static final String REPORT_SUBJECT = "reportSubject";
    public static final String DUE_IN_DAYS = "dueInDays";
    public static final String REPORT_ANSWER = "reportAnswer";
    public static final String TASK_ANSWER_REPORT_REQUEST = "Task_AnswerReportRequest";
    public static final String TASK_FOLLOW_UP_LATE_REPORT = "Task_FollowUpLateReport";
    public static final String TASK_ACCEPT_REPORT = "Task_AcceptReport";

    private ReportRequestVariables() {
    }
}
