package jp.kenshin.outreach.process;

/**
 * The names of inquiry.bpmn: its process key, the variables it declares (see DeclaredVariables), its activity
 * ids, messages and codes. Ids, codes, dates of the process and counts only: never a personal value. Names more
 * than one process uses are in {@link ProcessVariables}.
 */
public final class InquiryVariables {

    public static final String INQUIRY_PROCESS_KEY = "inquiry";
    /** Set by the start event ({@code camunda:initiator}): the user who took the inquiry, who answers it. */
    public static final String INITIATOR = "initiator";
    public static final String INQUIRY_ID = "inquiryId";
    public static final String INQUIRY_CATEGORY = "inquiryCategory";
    public static final String ESCALATE = "escalate";
    public static final String ESCALATION_DUE = "escalationDue";
    public static final String ADDRESS_CHANGE = "addressChange";
    public static final String OPT_OUT = "optOut";
    public static final String WARD_RESPONSE = "wardResponse";
    public static final String TASK_ANSWER_INQUIRY = "Task_AnswerInquiry";
    public static final String TASK_FOLLOW_UP_INQUIRY = "Task_FollowUpInquiry";
    public static final String TASK_FORWARD_ADDRESS_CHANGE = "Task_ForwardAddressChange";
    public static final String END_EVENT_INQUIRY_CLOSED = "EndEvent_InquiryClosed";

    private InquiryVariables() {
    }
}
