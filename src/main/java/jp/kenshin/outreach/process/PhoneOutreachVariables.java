package jp.kenshin.outreach.process;

/**
 * The names of phone-outreach.bpmn: its process key, the variables it declares (see DeclaredVariables), its activity
 * ids, messages and codes. Ids, codes, dates of the process and counts only: never a personal value. Names more
 * than one process uses are in {@link ProcessVariables}.
 */
public final class PhoneOutreachVariables {

    public static final String PHONE_OUTREACH_PROCESS_KEY = "phone-outreach";
    /** The call case id is the instance's business key, not a variable: a start stores nothing else. */
    public static final String CALL_OUTCOME = "callOutcome";
    public static final String CALLBACK_AT = "callbackAt";
    public static final String ATTEMPT_COUNT = "attemptCount";
    public static final String MAX_ATTEMPTS = "maxAttempts";
    public static final String NEXT_ACTION = "nextAction";
    public static final String NEXT_CALL_AT = "nextCallAt";
    public static final String CALL_DUE_AT = "callDueAt";
    public static final String CALL_KIND = "callKind";
    public static final String CALL_KIND_RETRY = "RETRY";
    public static final String CALL_KIND_CALLBACK = "CALLBACK";
    public static final String NEXT_ACTION_RETRY = "RETRY";
    public static final String NEXT_ACTION_CALLBACK = "CALLBACK";
    public static final String MESSAGE_CALLS_STOPPED = "CallsStopped";
    public static final String STOP_REASON = "stopReason";
    public static final String STOP_REASON_ATTENDED = "ATTENDED";
    public static final String STOP_REASON_OPTED_OUT = "OPTED_OUT";
    public static final String TASK_CALL_PERSON = "Task_CallPerson";
    public static final String TIMER_WAIT_FOR_NEXT_SLOT = "Timer_WaitForNextSlot";
    public static final String END_EVENT_CASE_CLOSED = "EndEvent_CaseClosed";
    public static final String END_EVENT_STOPPED_BY_ATTENDANCE = "EndEvent_StoppedByAttendance";
    public static final String END_EVENT_STOPPED_BY_OPT_OUT = "EndEvent_StoppedByOptOut";

    private PhoneOutreachVariables() {
    }
}
