package jp.kenshin.outreach.process;

/**
 * The names of effect-analysis.bpmn: its process key, the variables it declares (see DeclaredVariables), its activity
 * ids, messages and codes. Ids, codes, dates of the process and counts only: never a personal value. Names more
 * than one process uses are in {@link ProcessVariables}.
 */
public final class EffectAnalysisVariables {

    public static final String EFFECT_ANALYSIS_PROCESS_KEY = "effect-analysis";
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

    private EffectAnalysisVariables() {
    }

    // next year's call plan (after the deliverables)
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
}
