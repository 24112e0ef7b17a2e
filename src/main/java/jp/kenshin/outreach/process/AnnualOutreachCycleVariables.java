package jp.kenshin.outreach.process;

/**
 * The names of annual-outreach-cycle.bpmn: its process key, the variables it declares (see DeclaredVariables), its activity
 * ids, messages and codes. Ids, codes, dates of the process and counts only: never a personal value. Names more
 * than one process uses are in {@link ProcessVariables}.
 */
public final class AnnualOutreachCycleVariables {

    public static final String PROCESS_KEY = "annual-outreach-cycle";
    public static final String REFERENCE_DATE = "referenceDate";
    public static final String HOLDOUT_SHARE = "holdoutShare";
    public static final String HOLDOUT_SEED = "holdoutSeed";
    public static final String RESULTS_CUT_OFF = "resultsCutOff";
    public static final String MEMBERS_IMPORT_ID = "membersImportId";
    public static final String PREVIOUS_RESULTS_IMPORT_ID = "previousResultsImportId";
    public static final String SELECTION_RUN_ID = "selectionRunId";
    public static final String TARGET_COUNT = "targetCount";
    public static final String NOTICE_AND_CALL_COUNT = "noticeAndCallCount";
    public static final String NOTICE_ONLY_COUNT = "noticeOnlyCount";
    public static final String HELD_OUT_COUNT = "heldOutCount";
    public static final String EXCLUDED_COUNT = "excludedCount";
    public static final String SELECTION_SUMMARY = "selectionSummary";
    public static final String TARGET_LIST_APPROVED = "targetListApproved";
    public static final String APPROVAL_COMMENT = "approvalComment";
    public static final String FROZEN_SELECTION_RUN_ID = "frozenSelectionRunId";
    public static final String CALLS_START_AT = "callsStartAt";
    public static final String CALL_CASE_COUNT = "callCaseCount";
    public static final String ANALYSIS_STARTS_AT = "analysisStartsAt";
    public static final String TASK_IMPORT_MEMBERS = "Task_ImportMembers";
    public static final String TASK_IMPORT_PREVIOUS_RESULTS = "Task_ImportPreviousResults";
    public static final String SERVICE_TASK_SELECT_TARGETS = "ServiceTask_SelectTargets";
    public static final String TASK_APPROVE_TARGET_LIST = "Task_ApproveTargetList";
    public static final String CALL_ACTIVITY_CONTRACT = "CallActivity_ContractCompliance";
    public static final String CALL_ACTIVITY_MAILING = "CallActivity_Mailing";
    public static final String MESSAGE_NOTICES_DISPATCHED = "NoticesDispatched";
    public static final String BOUNDARY_NOTICES_DISPATCHED = "BoundaryEvent_NoticesDispatched";
    public static final String TIMER_CALLS_START = "Timer_CallsStart";
    public static final String SERVICE_TASK_OPEN_CALL_CASES = "ServiceTask_OpenCallCases";
    public static final String TIMER_RESULTS_CUT_OFF = "Timer_ResultsCutOff";
    public static final String CALL_ACTIVITY_EFFECT_ANALYSIS = "CallActivity_EffectAnalysis";
    public static final String END_EVENT_CYCLE_COMPLETED = "EndEvent_CycleCompleted";

    private AnnualOutreachCycleVariables() {
    }

    /** After the results cut-off: the cases still open end, their processes cancelled; the count ended. */
    public static final String SERVICE_TASK_END_CALLS_AT_CUT_OFF = "ServiceTask_EndCallsAtCutOff";
    public static final String CALLS_ENDED_AT_CUT_OFF = "callsEndedAtCutOff";
}
