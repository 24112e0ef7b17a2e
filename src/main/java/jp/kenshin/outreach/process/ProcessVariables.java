package jp.kenshin.outreach.process;

/**
 * Names more than one process uses: the fiscal year every process carries, the due dates of the ward's requests (incident-report, report-request), the dispatch date (mailing records it, the annual cycle keeps it).
 * They hold ids, codes, dates of the process and counts only: never a personal value.
 */
public final class ProcessVariables {

    public static final String FISCAL_YEAR = "fiscalYear";
    public static final String REPORT_DUE = "reportDue";
    public static final String REMINDER_AT = "reminderAt";
    public static final String DISPATCH_DATE = "dispatchDate";

    private ProcessVariables() {
    }
}
