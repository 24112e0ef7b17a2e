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

    // contract-compliance
    public static final String CONTRACT_PROCESS_KEY = "contract-compliance";
    public static final String CONTRACT_NUMBER = "contractNumber";
    public static final String CONTRACTOR_NAME = "contractorName";
    public static final String CONTRACTOR_GROUP = "contractorGroup";
    public static final String CONTRACT_PERIOD_FROM = "contractPeriodFrom";
    public static final String CONTRACT_PERIOD_TO = "contractPeriodTo";
    public static final String PROVISIONS_ACKNOWLEDGED = "provisionsAcknowledged";
    public static final String LOCKED_STORAGE = "lockedStorage";
    public static final String ENTRY_CONTROL = "entryControl";
    public static final String MEDIA_RESTRICTION = "mediaRestriction";
    public static final String PER_PERSON_FILE_ACCESS = "perPersonFileAccess";
    public static final String CONTRACT_APPROVED = "contractApproved";
    public static final String REVIEW_COMMENT = "reviewComment";
    public static final String TASK_REGISTER_CONTRACT = "Task_RegisterContract";
    public static final String TASK_DESIGNATE_HANDLERS = "Task_DesignateHandlers";
    public static final String TASK_ATTEST_PROTECTION = "Task_AttestProtectionMeasures";
    public static final String TASK_REVIEW_CONTRACT = "Task_ReviewContract";
    public static final String CALL_ACTIVITY_CONTRACT = "CallActivity_ContractCompliance";

    // incident-report
    public static final String INCIDENT_PROCESS_KEY = "incident-report";
    public static final String INCIDENT_ID = "incidentId";
    public static final String INCIDENT_CATEGORY = "incidentCategory";
    public static final String OCCURRED_ON = "occurredOn";
    public static final String AFFECTED_COUNT = "affectedCount";
    public static final String INCIDENT_SUMMARY = "incidentSummary";
    public static final String NOTICE_DUE = "noticeDue";
    public static final String REPORT_DUE = "reportDue";
    public static final String REMINDER_AT = "reminderAt";
    public static final String WRITTEN_REPORT = "writtenReport";
    public static final String INSTRUCTIONS = "instructions";
    public static final String PUBLISH_INCIDENT = "publishIncident";
    public static final String TASK_ACKNOWLEDGE_INCIDENT = "Task_AcknowledgeIncident";
    public static final String TASK_SUBMIT_WRITTEN_REPORT = "Task_SubmitWrittenReport";
    public static final String TASK_FOLLOW_UP_OVERDUE_REPORT = "Task_FollowUpOverdueReport";
    public static final String TASK_GIVE_INSTRUCTIONS = "Task_GiveInstructions";
    public static final String TASK_CARRY_OUT_INSTRUCTIONS = "Task_CarryOutInstructions";
    public static final String TASK_CLOSE_INCIDENT = "Task_CloseIncident";

    // report-request and site-audit
    public static final String REPORT_REQUEST_PROCESS_KEY = "report-request";
    public static final String SITE_AUDIT_PROCESS_KEY = "site-audit";
    public static final String REPORT_REQUEST_ID = "reportRequestId";
    public static final String REPORT_SUBJECT = "reportSubject";
    public static final String DUE_IN_DAYS = "dueInDays";
    public static final String REPORT_ANSWER = "reportAnswer";
    public static final String AUDIT_ID = "auditId";
    public static final String AUDITED_ON = "auditedOn";
    public static final String AUDIT_FINDINGS = "auditFindings";
    public static final String FOLLOW_UP_NEEDED = "followUpNeeded";
    public static final String REMEDIES = "remedies";
    public static final String AUDIT_CLOSED = "auditClosed";
    /** Why the ward asks for further remedies (required when the audit is not closed). */
    public static final String REMEDIES_COMMENT = "remediesComment";
    public static final String TASK_ANSWER_REPORT_REQUEST = "Task_AnswerReportRequest";
    public static final String TASK_FOLLOW_UP_LATE_REPORT = "Task_FollowUpLateReport";
    public static final String TASK_ACCEPT_REPORT = "Task_AcceptReport";
    public static final String TASK_REMEDY_FINDINGS = "Task_RemedyFindings";
    public static final String TASK_VERIFY_REMEDIES = "Task_VerifyRemedies";

    // export-approval
    public static final String EXPORT_APPROVAL_PROCESS_KEY = "export-approval";
    public static final String EXPORT_APPROVAL_ID = "exportApprovalId";
    public static final String EXPORT_PURPOSE = "exportPurpose";
    public static final String MEMBER_COUNT = "memberCount";
    public static final String EXPORT_REASON = "exportReason";
    public static final String EXPORT_APPROVED = "exportApproved";
    /** Why the ward refused an export (required with a refusal). */
    public static final String EXPORT_COMMENT = "exportComment";
    public static final String TASK_APPROVE_EXPORT = "Task_ApproveExport";

    // data-return-and-deletion
    public static final String DELETION_PROCESS_KEY = "data-return-and-deletion";
    public static final String DELIVERABLES_HANDED_OVER = "deliverablesHandedOver";
    public static final String DELIVERABLES = "deliverables";
    public static final String DELETION_VERIFIED = "deletionVerified";
    public static final String PURGED_PROCESS_INSTANCES = "purgedProcessInstances";
    /** The deletion's progress while it runs, for Cockpit: its step, tables scanned of all and rows read (counts only). */
    public static final String DELETION_PROGRESS = "deletionProgress";
    public static final String TASK_CONFIRM_DELIVERABLES = "Task_ConfirmDeliverables";
    public static final String TASK_VERIFY_DELETION = "Task_VerifyDeletion";
    public static final String SERVICE_TASK_DESTROY_YEAR_DATA = "ServiceTask_DestroyYearData";

    // mailing
    public static final String MAILING_PROCESS_KEY = "mailing";
    public static final String BATCH_COUNT = "batchCount";
    public static final String CARD_COUNT = "cardCount";
    public static final String PROOF_APPROVED = "proofApproved";
    /** Why the ward sent the proof back (required with a send-back). */
    public static final String PROOF_COMMENT = "proofComment";
    public static final String DISPATCH_DATE = "dispatchDate";
    public static final String RETURNED_MAIL_CLOSING = "returnedMailClosing";
    public static final String CALL_ACTIVITY_MAILING = "CallActivity_Mailing";
    public static final String TASK_APPROVE_PROOF = "Task_ApproveProof";
    public static final String TASK_HAND_OVER_PRINT_DATA = "Task_HandOverPrintData";
    public static final String TASK_RECORD_DISPATCH = "Task_RecordDispatch";
    public static final String TASK_ACCEPT_RETURNED_MAIL = "Task_AcceptReturnedMail";

    // phone outreach (annual cycle side)
    public static final String MESSAGE_NOTICES_DISPATCHED = "NoticesDispatched";
    public static final String CALLS_START_AT = "callsStartAt";
    public static final String CALL_CASE_COUNT = "callCaseCount";
    public static final String BOUNDARY_NOTICES_DISPATCHED = "BoundaryEvent_NoticesDispatched";
    public static final String TIMER_CALLS_START = "Timer_CallsStart";
    public static final String SERVICE_TASK_OPEN_CALL_CASES = "ServiceTask_OpenCallCases";

    // phone-outreach
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

    // inquiry
    public static final String INQUIRY_PROCESS_KEY = "inquiry";
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

    // effect-analysis (and the annual cycle's wait for the results cut-off)
    public static final String EFFECT_ANALYSIS_PROCESS_KEY = "effect-analysis";
    public static final String RESULTS_CUT_OFF = "resultsCutOff";
    public static final String ANALYSIS_STARTS_AT = "analysisStartsAt";
    public static final String ANALYSIS_CUT_OFF = "analysisCutOff";
    public static final String UNIT_COST_PER_CARD = "unitCostPerCard";
    public static final String UNIT_COST_PER_CALL = "unitCostPerCall";
    public static final String ANALYSIS_RUN_ID = "analysisRunId";
    public static final String ANALYSIS_TARGETS = "analysisTargets";
    public static final String ANALYSIS_ATTENDED = "analysisAttended";
    public static final String CALL_ARM_UPTAKE = "callArmUptake";
    public static final String COMPARISON_UPTAKE = "comparisonUptake";
    public static final String UPTAKE_DIFFERENCE = "uptakeDifference";
    public static final String HEADLINE_BASIS = "headlineBasis";
    public static final String ANALYSIS_SUMMARY = "analysisSummary";
    public static final String ANALYSIS_APPROVED = "analysisApproved";
    public static final String ANALYSIS_COMMENT = "analysisComment";
    public static final String PUBLISHED_FILE_COUNT = "publishedFileCount";
    public static final String TASK_RUN_EFFECT_ANALYSIS = "Task_RunEffectAnalysis";
    public static final String TASK_APPROVE_ANALYSIS_REPORT = "Task_ApproveAnalysisReport";
    public static final String SERVICE_TASK_PUBLISH_DELIVERABLES = "ServiceTask_PublishDeliverables";
    public static final String END_EVENT_ANALYSIS_PUBLISHED = "EndEvent_AnalysisPublished";
    public static final String TIMER_RESULTS_CUT_OFF = "Timer_ResultsCutOff";
    public static final String CALL_ACTIVITY_EFFECT_ANALYSIS = "CallActivity_EffectAnalysis";

    // next year's call plan (effect-analysis.bpmn, after the deliverables)
    /** Calls available next year (optional; default this year's calls). */
    public static final String CALL_BUDGET = "callBudget";
    /** The share of the phoned strata held out next year (optional; default kenshin.analysis.plan-holdout-share). */
    public static final String PLAN_HOLDOUT_SHARE = "planHoldoutShare";
    public static final String CALL_PLAN_ID = "callPlanId";
    public static final String CALL_PLAN_PROPOSED = "callPlanProposed";
    public static final String CALL_PLAN_SUMMARY = "callPlanSummary";
    public static final String CALL_PLAN_APPROVED = "callPlanApproved";
    /** Why the ward sent the plan back (required with a send-back). */
    public static final String CALL_PLAN_COMMENT = "callPlanComment";
    /** The analyst withdraws the plan after a send-back: next year phones as before. */
    public static final String CALL_PLAN_WITHDRAWN = "callPlanWithdrawn";
    public static final String CALL_PLAN_DECISION_ID = "callPlanDecisionId";
    public static final String SERVICE_TASK_PROPOSE_CALL_PLAN = "ServiceTask_ProposeCallPlan";
    public static final String TASK_APPROVE_CALL_PLAN = "Task_ApproveCallPlan";
    public static final String TASK_REVISE_CALL_PLAN = "Task_ReviseCallPlan";
    public static final String SERVICE_TASK_DEPLOY_CALL_PLAN = "ServiceTask_DeployCallPlan";
    public static final String END_EVENT_CALL_PLAN_DEPLOYED = "EndEvent_CallPlanDeployed";

    public static final String TASK_IMPORT_MEMBERS = "Task_ImportMembers";
    public static final String TASK_IMPORT_PREVIOUS_RESULTS = "Task_ImportPreviousResults";
    public static final String SERVICE_TASK_SELECT_TARGETS = "ServiceTask_SelectTargets";
    public static final String TASK_APPROVE_TARGET_LIST = "Task_ApproveTargetList";
    public static final String END_EVENT_CYCLE_COMPLETED = "EndEvent_CycleCompleted";

    private CycleVariables() {
    }
}
