package jp.kenshin.outreach.analysis;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import jp.kenshin.outreach.infrastructure.DeployedDecisions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Next year's call plan (issue 16, item 3): proposed from an approved effect analysis, approved by the ward, then
 * deployed as a new version of the call-priority decision ({@value CallPlanDmn#DECISION_KEY}), whose decision
 * definition id is recorded. The next year's selection uses the latest approved plan of the year before it
 * (see {@code selection.CallPriorityRules}). Stored as aggregates only (table call_plan).
 */
@Service
public class CallPlanService {

    private static final Logger log = LoggerFactory.getLogger(CallPlanService.class);

    /** The resource names of plans deployed at run time start with this (the committed default does not). */
    public static final String RESOURCE_PREFIX = "call-plan-";

    public static final String PROPOSED = "PROPOSED";
    public static final String APPROVED = "APPROVED";
    public static final String SENT_BACK = "SENT_BACK";
    public static final String SUPERSEDED = "SUPERSEDED";

    private final JdbcTemplate jdbc;
    private final EffectAnalysisService analyses;
    private final DeployedDecisions decisions;
    private final AnalysisProperties properties;

    public CallPlanService(JdbcTemplate jdbc, EffectAnalysisService analyses, DeployedDecisions decisions,
            AnalysisProperties properties) {
        this.jdbc = jdbc;
        this.analyses = analyses;
        this.decisions = decisions;
        this.properties = properties;
    }

    /** A stored plan: where it stands, and its figures. */
    public record StoredPlan(long id, int fiscalYear, long analysisRunId, String status, String decisionDefinitionId,
            String createdBy, Instant createdAt, String approvedBy, Instant approvedAt, CallPlan plan) {
    }

    /**
     * Proposes next year's plan from an approved analysis (an earlier proposal of the year still open is superseded).
     *
     * @param budget calls available next year; null: this year's calls
     * @param holdoutShare share held out of the phoned strata; null: {@code kenshin.analysis.plan-holdout-share}
     * @return the plan's id, or empty when the analysis has no ranking (no stratum with a shrunken estimate)
     */
    @Transactional
    public java.util.Optional<Long> propose(long analysisRunId, Long budget, Double holdoutShare, String by) {
        AnalysisRun run = analyses.find(analysisRunId);
        if (!AnalysisRun.APPROVED.equals(run.status())) {
            throw new IllegalStateException("分析 " + analysisRunId + " は承認されていないため、計画を作れません");
        }
        EffectAnalysis analysis = analyses.analysis(analysisRunId);
        if (analysis.callPriority().isEmpty()) {
            log.info("Effect analysis {} has no call priority: no plan proposed", analysisRunId);
            return java.util.Optional.empty();
        }
        CallPriority priority = analysis.callPriority().get();
        CallPlan plan = CallPlan.of(run.fiscalYear(), analysisRunId, priority, budget != null ? budget : priority.budget(),
                holdoutShare != null ? holdoutShare : properties.planHoldoutShare());
        jdbc.update("update call_plan set status = 'SUPERSEDED' where fiscal_year = ? and status = 'PROPOSED'", run.fiscalYear());
        long id = jdbc.queryForObject("""
                insert into call_plan (fiscal_year, analysis_run_id, status, call_budget, holdout_share, figures, dmn_xml, created_by)
                values (?, ?, 'PROPOSED', ?, ?, '', '', ?) returning id""", Long.class, run.fiscalYear(), analysisRunId, plan.budget(),
                plan.holdoutShare(), by);
        jdbc.update("update call_plan set figures = ?, dmn_xml = ? where id = ?", json(plan), CallPlanDmn.xml(plan, id), id);
        log.info("Call plan {} proposed from analysis {}: {} of {} strata phoned", id, analysisRunId, plan.called().size(),
                plan.strata().size());
        return java.util.Optional.of(id);
    }

    /** The ward approves a proposal: the year's earlier approved plan is superseded. Deploy it with {@link #deploy}. */
    @Transactional
    public StoredPlan approve(long planId, String by) {
        StoredPlan plan = find(planId);
        jdbc.queryForList("select id from call_plan where fiscal_year = ? for update", Long.class, plan.fiscalYear());
        plan = find(planId);
        if (APPROVED.equals(plan.status())) {
            return plan;
        }
        if (!PROPOSED.equals(plan.status())) {
            throw new IllegalStateException("計画 " + planId + " は承認できる状態ではありません（状態 " + plan.status() + "）");
        }
        jdbc.update("update call_plan set status = 'SUPERSEDED' where fiscal_year = ? and status = 'APPROVED'", plan.fiscalYear());
        jdbc.update("update call_plan set status = 'APPROVED', approved_by = ?, approved_at = now() where id = ?", by, planId);
        log.info("Call plan {} of {} approved", planId, plan.fiscalYear());
        return find(planId);
    }

    /** The ward sends a proposal back (its reason stays in the task, not here). */
    @Transactional
    public void sendBack(long planId) {
        jdbc.update("update call_plan set status = 'SENT_BACK' where id = ? and status = 'PROPOSED'", planId);
    }

    /**
     * Deploys an approved plan as a new version of the call-priority decision and records its decision definition id;
     * a plan already deployed is not deployed again.
     *
     * @return the decision definition id
     */
    @Transactional
    public String deploy(long planId) {
        StoredPlan plan = find(planId);
        if (!APPROVED.equals(plan.status())) {
            throw new IllegalStateException("計画 " + planId + " は承認されていないため登録できません（状態 " + plan.status() + "）");
        }
        if (plan.decisionDefinitionId() != null) {
            return plan.decisionDefinitionId();
        }
        String xml = dmn(planId);
        String definitionId = decisions.deploy(RESOURCE_PREFIX + planId, RESOURCE_PREFIX + planId + ".dmn", xml,
                CallPlanDmn.DECISION_KEY);
        jdbc.update("update call_plan set decision_definition_id = ? where id = ?", definitionId, planId);
        log.info("Call plan {} deployed as decision {}", planId, definitionId);
        return definitionId;
    }

    public StoredPlan find(long planId) {
        return jdbc.query(COLUMNS + " where id = ?", (rs, n) -> row(rs), planId).stream().findFirst()
                .orElseThrow(() -> new NoSuchElementException("計画 " + planId + " はありません"));
    }

    /** The plans made from a fiscal year's analyses, newest first. */
    public List<StoredPlan> plans(int fiscalYear) {
        return jdbc.query(COLUMNS + " where fiscal_year = ? order by id desc", (rs, n) -> row(rs), fiscalYear);
    }

    /** The plan's DMN table as generated. */
    public String dmn(long planId) {
        return jdbc.query("select dmn_xml from call_plan where id = ?", (rs, n) -> rs.getString(1), planId).stream().findFirst()
                .orElseThrow(() -> new NoSuchElementException("計画 " + planId + " はありません"));
    }

    private static final String COLUMNS = """
            select id, fiscal_year, analysis_run_id, status, decision_definition_id, created_by, created_at, approved_by, approved_at,
              figures from call_plan""";

    private static StoredPlan row(ResultSet rs) throws SQLException {
        CallPlan plan;
        try {
            plan = EffectAnalysisService.JSON.readValue(rs.getString("figures"), CallPlan.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored call plan " + rs.getLong("id") + " could not be read", e);
        }
        return new StoredPlan(rs.getLong("id"), rs.getInt("fiscal_year"), rs.getLong("analysis_run_id"), rs.getString("status"),
                rs.getString("decision_definition_id"), rs.getString("created_by"), instant(rs.getTimestamp("created_at")),
                rs.getString("approved_by"), instant(rs.getTimestamp("approved_at")), plan);
    }

    private static String json(CallPlan plan) {
        try {
            return EffectAnalysisService.JSON.writeValueAsString(plan);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("架電計画を書き出せませんでした", e);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
