package jp.kenshin.outreach.cycle;

/**
 * The process variables of the annual cycle, in one place. They hold ids, codes, dates of the
 * process and counts only: never a personal value.
 */
public final class CycleVariables {


    public static final String FISCAL_YEAR = "fiscalYear";

    // contract-compliance

    // incident-report
    public static final String REPORT_DUE = "reportDue";
    public static final String REMINDER_AT = "reminderAt";

    // report-request and site-audit

    // export-approval

    // data-return-and-deletion

    // mailing
    public static final String DISPATCH_DATE = "dispatchDate";

    // phone outreach (annual cycle side)

    // phone-outreach

    // inquiry

    // effect-analysis (and the annual cycle's wait for the results cut-off)


    private CycleVariables() {
    }
}
