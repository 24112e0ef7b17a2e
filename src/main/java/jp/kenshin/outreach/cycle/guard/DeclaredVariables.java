package jp.kenshin.outreach.cycle.guard;

import static jp.kenshin.outreach.process.AnnualOutreachCycleVariables.*;
import static jp.kenshin.outreach.process.ContractComplianceVariables.*;
import static jp.kenshin.outreach.process.DataReturnAndDeletionVariables.*;
import static jp.kenshin.outreach.process.EffectAnalysisVariables.*;
import static jp.kenshin.outreach.process.ExportApprovalVariables.*;
import static jp.kenshin.outreach.process.IncidentReportVariables.*;
import static jp.kenshin.outreach.process.InquiryVariables.*;
import static jp.kenshin.outreach.process.MailingVariables.*;
import static jp.kenshin.outreach.process.PhoneOutreachVariables.*;
import static jp.kenshin.outreach.process.ProcessVariables.*;
import static jp.kenshin.outreach.process.ReportRequestVariables.*;
import static jp.kenshin.outreach.process.SiteAuditVariables.*;
import static jp.kenshin.outreach.cycle.guard.VariableType.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import jp.kenshin.outreach.calling.CallOutcome;
import jp.kenshin.outreach.compliance.IncidentService;

/**
 * The variables each process declares, by name and type, and the shape of its business key: what the
 * engine admits (see {@link EngineInputGuard}). One method per BPMN file; a variable a process really
 * uses and that is missing here is refused at run time, naming it.
 *
 * <p>Found in the BPMN files (expressions, call activity in-mappings, the DMN result variable, the
 * multi-instance loop variables, {@code camunda:initiator}), the forms ({@code bpmn/*.form} keys, the
 * embedded forms set none), the engine adapters and REST controllers of the cycle package.
 *
 * <p>{@code handedOver} marks a form's free text that an adapter records with its service and then removes
 * from the process: its value is kept out of the engine's history (which otherwise keeps a removed
 * variable's last value).
 */
public final class DeclaredVariables {

    /** Text fields of the ward's and the contractor lead's forms (reports, findings, instructions). */
    private static final int FORM_TEXT = 4000;
    /** Summaries the application writes itself (counts and rates only). */
    private static final int SUMMARY_TEXT = 8000;
    private static final int COMMENT_TEXT = 1000;

    private static final Pattern FISCAL_YEAR_KEY = Pattern.compile("\\d{4}");

    /**
     * The deletion's progress as shown in Cockpit (see DeletionAdapters): its step and counts only, such as
     * "SCANNING 12/80 tables, 345678 rows, 34436 values". Nothing else fits, so no value of the year can ride on it.
     */
    private static final Pattern DELETION_PROGRESS_TEXT = Pattern.compile(
            "[A-Z_]{1,20} \\d{1,9}/\\d{1,9} tables, \\d{1,19} rows, \\d{1,10} values");

    private static final Map<String, Process> PROCESSES = Map.ofEntries(
            Map.entry(PROCESS_KEY, annualOutreachCycle()),
            Map.entry(CONTRACT_PROCESS_KEY, contractCompliance()),
            Map.entry(MAILING_PROCESS_KEY, mailing()),
            Map.entry(PHONE_OUTREACH_PROCESS_KEY, phoneOutreach()),
            Map.entry(INQUIRY_PROCESS_KEY, inquiry()),
            Map.entry(EFFECT_ANALYSIS_PROCESS_KEY, effectAnalysis()),
            Map.entry(INCIDENT_PROCESS_KEY, incidentReport()),
            Map.entry(REPORT_REQUEST_PROCESS_KEY, reportRequest()),
            Map.entry(SITE_AUDIT_PROCESS_KEY, siteAudit()),
            Map.entry(EXPORT_APPROVAL_PROCESS_KEY, exportApproval()),
            Map.entry(DELETION_PROCESS_KEY, dataReturnAndDeletion()));

    /**
     * A process's declaration.
     *
     * @param businessKey the shape of its business key (an instance without one is admitted: it carries nothing)
     */
    public record Process(String key, Map<String, VariableType> variables, Pattern businessKey, String businessKeyDescription) {
    }

    private DeclaredVariables() {
    }

    /** The declaration of a process, or null when it declares nothing (every variable is then refused). */
    public static Process of(String processDefinitionKey) {
        return processDefinitionKey == null ? null : PROCESSES.get(processDefinitionKey);
    }

    public static Map<String, Process> all() {
        return PROCESSES;
    }

    static Process annualOutreachCycle() {
        return new Process(PROCESS_KEY, declare(
                FISCAL_YEAR, fiscalYear(),
                REFERENCE_DATE, date(),
                HOLDOUT_SHARE, number(),
                HOLDOUT_SEED, number(),
                RESULTS_CUT_OFF, date(),
                MEMBERS_IMPORT_ID, number(),
                PREVIOUS_RESULTS_IMPORT_ID, number(),
                SELECTION_RUN_ID, number(),
                TARGET_COUNT, number(),
                NOTICE_AND_CALL_COUNT, number(),
                NOTICE_ONLY_COUNT, number(),
                HELD_OUT_COUNT, number(),
                EXCLUDED_COUNT, number(),
                SELECTION_SUMMARY, text(SUMMARY_TEXT),
                TARGET_LIST_APPROVED, bool(),
                APPROVAL_COMMENT, text(COMMENT_TEXT),
                FROZEN_SELECTION_RUN_ID, number(),
                DISPATCH_DATE, typedDate(),
                CALLS_START_AT, date(),
                CALL_CASE_COUNT, number(),
                CALLS_ENDED_AT_CUT_OFF, number(),
                ANALYSIS_STARTS_AT, date()),
                FISCAL_YEAR_KEY, "年度（西暦4桁）");
    }

    static Process contractCompliance() {
        return new Process(CONTRACT_PROCESS_KEY, declare(
                FISCAL_YEAR, fiscalYear(),
                CONTRACT_NUMBER, text(64),
                CONTRACTOR_NAME, text(200),
                CONTRACTOR_GROUP, id(),
                CONTRACT_PERIOD_FROM, date(),
                CONTRACT_PERIOD_TO, date(),
                PROVISIONS_ACKNOWLEDGED, text(200),
                LOCKED_STORAGE, bool(),
                ENTRY_CONTROL, bool(),
                MEDIA_RESTRICTION, bool(),
                PER_PERSON_FILE_ACCESS, bool(),
                CONTRACT_APPROVED, bool(),
                REVIEW_COMMENT, text(COMMENT_TEXT)),
                FISCAL_YEAR_KEY, "年度（西暦4桁）");
    }

    static Process mailing() {
        return new Process(MAILING_PROCESS_KEY, declare(
                FISCAL_YEAR, fiscalYear(),
                BATCH_COUNT, number(),
                CARD_COUNT, number(),
                PROOF_APPROVED, bool(),
                PROOF_COMMENT, text(COMMENT_TEXT),
                DISPATCH_DATE, typedDate(),
                RETURNED_MAIL_CLOSING, date(),
                // ServiceTask_RenderBatch is a multi-instance activity: the engine's own loop variables
                "loopCounter", number(),
                "nrOfInstances", number(),
                "nrOfActiveInstances", number(),
                "nrOfCompletedInstances", number()),
                FISCAL_YEAR_KEY, "年度（西暦4桁）");
    }

    static Process phoneOutreach() {
        return new Process(PHONE_OUTREACH_PROCESS_KEY, declare(
                CALL_OUTCOME, oneOf(java.util.Arrays.stream(CallOutcome.values()).map(Enum::name).toList()),
                CALLBACK_AT, date(),
                ATTEMPT_COUNT, number(),
                MAX_ATTEMPTS, number(),
                NEXT_ACTION, code(),
                NEXT_CALL_AT, date(),
                CALL_DUE_AT, date(),
                CALL_KIND, oneOf(List.of(CALL_KIND_RETRY, CALL_KIND_CALLBACK)),
                STOP_REASON, oneOf(List.of(STOP_REASON_ATTENDED, STOP_REASON_OPTED_OUT))),
                Pattern.compile("CC\\d{4}N\\d{7,}"), "架電ケース番号（CC2026N0000123 の形）");
    }

    static Process inquiry() {
        return new Process(INQUIRY_PROCESS_KEY, declare(
                INITIATOR, id(),
                FISCAL_YEAR, fiscalYear(),
                INQUIRY_ID, id(),
                INQUIRY_CATEGORY, code(),
                ESCALATE, bool(),
                ESCALATION_DUE, date(),
                ADDRESS_CHANGE, bool(),
                OPT_OUT, bool(),
                WARD_RESPONSE, text(200)),
                Pattern.compile("IQ\\d{4}N\\d{6,}"), "問い合わせ番号（IQ2026N000123 の形、開始時に付きます）");
    }

    static Process effectAnalysis() {
        return new Process(EFFECT_ANALYSIS_PROCESS_KEY, declare(
                FISCAL_YEAR, fiscalYear(),
                ANALYSIS_CUT_OFF, date(),
                UNIT_COST_PER_CARD, number(),
                UNIT_COST_PER_CALL, number(),
                ANALYSIS_RUN_ID, number(),
                ANALYSIS_TARGETS, number(),
                ANALYSIS_ATTENDED, number(),
                CALL_ARM_UPTAKE, number(),
                COMPARISON_UPTAKE, number(),
                UPTAKE_DIFFERENCE, number(),
                HEADLINE_BASIS, code(),
                ANALYSIS_SUMMARY, text(SUMMARY_TEXT),
                ANALYSIS_APPROVED, bool(),
                ANALYSIS_COMMENT, text(COMMENT_TEXT),
                PUBLISHED_FILE_COUNT, number(),
                CALL_BUDGET, number(),
                PLAN_HOLDOUT_SHARE, number(),
                CALL_PLAN_ID, number(),
                CALL_PLAN_PROPOSED, bool(),
                CALL_PLAN_SUMMARY, text(SUMMARY_TEXT),
                CALL_PLAN_APPROVED, bool(),
                CALL_PLAN_COMMENT, text(COMMENT_TEXT),
                CALL_PLAN_WITHDRAWN, bool(),
                CALL_PLAN_DECISION_ID, text(128)),
                FISCAL_YEAR_KEY, "年度（西暦4桁）");
    }

    static Process incidentReport() {
        return new Process(INCIDENT_PROCESS_KEY, declare(
                FISCAL_YEAR, fiscalYear(),
                INCIDENT_ID, number(),
                INCIDENT_CATEGORY, oneOf(IncidentService.CATEGORIES),
                OCCURRED_ON, date(),
                AFFECTED_COUNT, number(),
                INCIDENT_SUMMARY, handedOver(FORM_TEXT),
                NOTICE_DUE, date(),
                REPORT_DUE, date(),
                REMINDER_AT, date(),
                WRITTEN_REPORT, handedOver(FORM_TEXT),
                INSTRUCTIONS, handedOver(FORM_TEXT),
                PUBLISH_INCIDENT, bool()),
                Pattern.compile("incident-\\d{1,18}"), "事故番号（incident-123 の形）");
    }

    static Process reportRequest() {
        return new Process(REPORT_REQUEST_PROCESS_KEY, declare(
                FISCAL_YEAR, fiscalYear(),
                REPORT_SUBJECT, handedOver(FORM_TEXT),
                DUE_IN_DAYS, number(),
                REPORT_REQUEST_ID, number(),
                REPORT_DUE, date(),
                REMINDER_AT, date(),
                REPORT_ANSWER, handedOver(FORM_TEXT)),
                FISCAL_YEAR_KEY, "年度（西暦4桁）");
    }

    static Process siteAudit() {
        return new Process(SITE_AUDIT_PROCESS_KEY, declare(
                FISCAL_YEAR, fiscalYear(),
                AUDITED_ON, date(),
                AUDIT_FINDINGS, handedOver(FORM_TEXT),
                FOLLOW_UP_NEEDED, bool(),
                AUDIT_ID, number(),
                REMEDIES, handedOver(FORM_TEXT),
                AUDIT_CLOSED, bool(),
                REMEDIES_COMMENT, text(COMMENT_TEXT)),
                FISCAL_YEAR_KEY, "年度（西暦4桁）");
    }

    static Process exportApproval() {
        return new Process(EXPORT_APPROVAL_PROCESS_KEY, declare(
                FISCAL_YEAR, fiscalYear(),
                EXPORT_PURPOSE, code(),
                MEMBER_COUNT, number(),
                EXPORT_REASON, handedOver(FORM_TEXT),
                EXPORT_APPROVAL_ID, number(),
                EXPORT_APPROVED, bool(),
                EXPORT_COMMENT, text(COMMENT_TEXT)),
                FISCAL_YEAR_KEY, "年度（西暦4桁）");
    }

    static Process dataReturnAndDeletion() {
        return new Process(DELETION_PROCESS_KEY, declare(
                FISCAL_YEAR, fiscalYear(),
                DELIVERABLES, handedOver(FORM_TEXT),
                DELIVERABLES_HANDED_OVER, bool(),
                DELETION_CONFIRMED_BY, id(),
                DELETION_VERIFIED, bool(),
                PURGED_PROCESS_INSTANCES, number(),
                DELETION_PROGRESS, new VariableType.Simple("進捗（段階と件数のみ、100文字以内）",
                        v -> v instanceof String s && s.length() <= 100 && DELETION_PROGRESS_TEXT.matcher(s).matches())),
                FISCAL_YEAR_KEY, "年度（西暦4桁）");
    }

    private static Map<String, VariableType> declare(Object... nameAndType) {
        Map<String, VariableType> declared = new LinkedHashMap<>();
        for (int i = 0; i < nameAndType.length; i += 2) {
            if (declared.put((String) nameAndType[i], (VariableType) nameAndType[i + 1]) != null) {
                throw new IllegalStateException("Variable declared twice: " + nameAndType[i]);
            }
        }
        return java.util.Collections.unmodifiableMap(declared);
    }
}
