package jp.kenshin.outreach.process;

/**
 * The names of mailing.bpmn: its process key, the variables it declares (see DeclaredVariables), its activity
 * ids, messages and codes. Ids, codes, dates of the process and counts only: never a personal value. Names more
 * than one process uses are in {@link ProcessVariables}.
 */
public final class MailingVariables {

    public static final String MAILING_PROCESS_KEY = "mailing";
    public static final String BATCH_COUNT = "batchCount";
    public static final String CARD_COUNT = "cardCount";
    public static final String PROOF_APPROVED = "proofApproved";
    /** Why the ward sent the proof back (required with a send-back). */
    public static final String PROOF_COMMENT = "proofComment";
    public static final String RETURNED_MAIL_CLOSING = "returnedMailClosing";
    public static final String TASK_APPROVE_PROOF = "Task_ApproveProof";
    public static final String TASK_HAND_OVER_PRINT_DATA = "Task_HandOverPrintData";
    public static final String TASK_RECORD_DISPATCH = "Task_RecordDispatch";
    public static final String TASK_ACCEPT_RETURNED_MAIL = "Task_AcceptReturnedMail";

    private MailingVariables() {
    }
}
