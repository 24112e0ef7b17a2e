package jp.kenshin.outreach.cycle;

/**
 * The process variables of the annual cycle, in one place. They hold ids, codes, dates of the
 * process and counts only: never a personal value.
 */
public final class CycleVariables {

    public static final String PROCESS_KEY = "annual-outreach-cycle";

    public static final String FISCAL_YEAR = "fiscalYear";
    public static final String REFERENCE_DATE = "referenceDate";
    public static final String HOLDOUT_SHARE = "holdoutShare";
    public static final String HOLDOUT_SEED = "holdoutSeed";
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

    public static final String TASK_IMPORT_MEMBERS = "Task_ImportMembers";
    public static final String TASK_IMPORT_PREVIOUS_RESULTS = "Task_ImportPreviousResults";
    public static final String SERVICE_TASK_SELECT_TARGETS = "ServiceTask_SelectTargets";
    public static final String TASK_APPROVE_TARGET_LIST = "Task_ApproveTargetList";
    public static final String END_EVENT_TARGET_LIST_FROZEN = "EndEvent_TargetListFrozen";

    private CycleVariables() {
    }
}
