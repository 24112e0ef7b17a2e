package jp.kenshin.outreach.cycle;

import static jp.kenshin.outreach.process.AnnualOutreachCycleVariables.*;
import static jp.kenshin.outreach.process.EffectAnalysisVariables.*;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import jp.kenshin.outreach.analysis.AnalysisProperties;
import jp.kenshin.outreach.analysis.EffectAnalysis;
import jp.kenshin.outreach.analysis.EffectAnalysisService;
import jp.kenshin.outreach.analysis.UnitCosts;
import jp.kenshin.outreach.privacy.AccessRefusedException;
import jp.kenshin.outreach.privacy.PersonalDataService.AccessContext;
import jp.kenshin.outreach.privacy.Requester;
import jp.kenshin.outreach.reports.ReportRenderer;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** The engine adapters of effect-analysis.bpmn and of the annual cycle's wait for the results cut-off. */
final class EffectAnalysisAdapters {

    private EffectAnalysisAdapters() {
    }

    /**
     * Flow_ToResultsCutOff (annual cycle): the results cut-off date of the year (the cycle's own
     * {@code resultsCutOff} when set at its start, else the configured day of the following year) and the
     * time the analysis task opens, the next morning.
     */
    @Component("resultsCutOffListener")
    static class ResultsCutOff implements ExecutionListener {
        private final AnalysisProperties properties;

        ResultsCutOff(AnalysisProperties properties) {
            this.properties = properties;
        }

        @Override
        public void notify(DelegateExecution execution) {
            LocalDate given = AdapterSupport.date(execution.getVariable(RESULTS_CUT_OFF), properties.zone());
            LocalDate cutOff = given != null ? given : properties.resultsCutOff(AdapterSupport.fiscalYear(execution));
            execution.setVariable(RESULTS_CUT_OFF, cutOff.toString());
            execution.setVariable(ANALYSIS_STARTS_AT, Date.from(cutOff.plusDays(1).atTime(properties.startTime())
                    .atZone(properties.zone()).toInstant()));
        }
    }

    /**
     * Task_RunEffectAnalysis, on complete: runs the analysis as the user completing the task (the door checks
     * and records them), and gives the approval its run id and headline figures (counts and rates only).
     */
    @Component("runEffectAnalysisListener")
    static class RunAnalysis implements TaskListener {
        private final EffectAnalysisService analyses;
        private final Clock clock;

        RunAnalysis(EffectAnalysisService analyses, Clock clock) {
            this.analyses = analyses;
            this.clock = clock;
        }

        @Override
        public void notify(DelegateTask task) {
            int fiscalYear = AdapterSupport.fiscalYear(task);
            LocalDate cutOff = AdapterSupport.date(task.getVariable(ANALYSIS_CUT_OFF), clock.getZone());
            if (cutOff == null) {
                throw new ProcessEngineException("結果の締切日（analysisCutOff）を入力してください");
            }
            Optional<UnitCosts> costs = costs(task.getVariable(UNIT_COST_PER_CARD), task.getVariable(UNIT_COST_PER_CALL));
            Requester who = AdapterSupport.requester(task);
            long runId;
            try {
                runId = AdapterSupport.guarded(() -> analyses.run(who, fiscalYear, cutOff, costs,
                        new AccessContext(task.getId(), task.getProcessInstanceId(), "効果分析の実行")));
            } catch (AccessRefusedException e) {
                throw new ProcessEngineException("効果分析に必要な健診結果を読めません：" + e.getMessage());
            }
            EffectAnalysis analysis = analyses.analysis(runId);
            EffectAnalysis.Headline headline = analysis.headline();
            task.setVariable(ANALYSIS_CUT_OFF, cutOff.toString());
            task.setVariable(ANALYSIS_RUN_ID, runId);
            task.setVariable(ANALYSIS_TARGETS, analysis.counts().targets());
            task.setVariable(ANALYSIS_ATTENDED, analysis.counts().attended());
            task.setVariable(CALL_ARM_UPTAKE, headline.treated().estimate());
            task.setVariable(COMPARISON_UPTAKE, headline.comparison().estimate());
            task.setVariable(UPTAKE_DIFFERENCE, headline.difference().value());
            task.setVariable(HEADLINE_BASIS, headline.basis());
            task.setVariable(ANALYSIS_SUMMARY, summary(runId, analysis));
        }

        static Optional<UnitCosts> costs(Object perCard, Object perCall) {
            BigDecimal card = amount(perCard);
            BigDecimal call = amount(perCall);
            return AdapterSupport.guarded(() -> UnitCosts.entered(card, call));
        }

        private static BigDecimal amount(Object value) {
            if (value == null || value.toString().isBlank()) {
                return null;
            }
            try {
                return new BigDecimal(value.toString().strip());
            } catch (NumberFormatException e) {
                throw new ProcessEngineException("単価（unitCostPerCard、unitCostPerCall）は数値で入力してください");
            }
        }

        /** The headline in Japanese for the approval form: counts, rates and the run id only. */
        /** The counts and the headline as Markdown tables (the task form shows them as tables), with thousands separators. */
        private static String summary(long runId, EffectAnalysis a) {
            EffectAnalysis.Headline h = a.headline();
            boolean itt = EffectAnalysis.Headline.ITT.equals(h.basis());
            return "#### " + a.fiscalYear() + "年度 効果分析（分析番号 " + runId + "、結果の締切日 " + ReportRenderer.eraDate(a.cutOff()) + "）\n\n"
                    + "| 区分 | 件数 |\n|:--|--:|\n"
                    + "| 対象者 | " + count(a.counts().targets()) + "人 |\n"
                    + "| うち締切日までの受診 | " + count(a.counts().attended()) + "人 |\n"
                    + "| 返戻はがき | " + count(a.counts().returnedCards()) + "通 |\n"
                    + "| 架電 | " + count(a.counts().callsMade()) + "回 |\n\n"
                    + (itt ? "##### 主な結果（ランダム化比較）\n\n" : "##### 主な結果（通知＋電話と通知のみの比較）\n\n")
                    + "| 群 | 受診率 | 受診者 / 人数 |\n|:--|--:|--:|\n"
                    + "| " + (itt ? "電話をかける群" : "通知＋電話") + " | " + percent(h.treated().estimate()) + " | "
                    + count(h.treated().successes()) + " / " + count(h.treated().trials()) + " |\n"
                    + "| " + (itt ? "電話しない比較群" : "通知のみ") + " | " + percent(h.comparison().estimate()) + " | "
                    + count(h.comparison().successes()) + " / " + count(h.comparison().trials()) + " |\n"
                    + "| 差（95%信頼区間） | " + points(h.difference().value()) + "ポイント | " + points(h.difference().ci95().lower())
                    + "～" + points(h.difference().ci95().upper()) + " |\n\n"
                    + (itt ? "" : "注意：電話しない比較群がないため、この差は電話の効果そのものではありません（報告書の注意を参照）。\n\n")
                    + "報告書: GET /api/analyses/" + runId + "/report.pdf　数値: /figures.csv、/figures.xlsx";
        }

        private static String count(Number n) {
            return jp.kenshin.outreach.selection.SelectionCounts.count(n.longValue());
        }

        private static String percent(double p) {
            return String.format(java.util.Locale.ROOT, "%.1f%%", p * 100);
        }

        private static String points(double d) {
            return String.format(java.util.Locale.ROOT, "%+.1f", d * 100);
        }
    }

    /** Task_ApproveAnalysisReport, on complete: the ward approves the run, or sends it back to be run again. */
    @Component("approveAnalysisReportListener")
    static class ApproveReport implements TaskListener {
        private final EffectAnalysisService analyses;

        ApproveReport(EffectAnalysisService analyses) {
            this.analyses = analyses;
        }

        @Override
        public void notify(DelegateTask task) {
            boolean approved = Boolean.TRUE.equals(task.getVariable(ANALYSIS_APPROVED));
            task.setVariable(ANALYSIS_APPROVED, approved);
            if (approved) {
                long runId = ((Number) task.getVariable(ANALYSIS_RUN_ID)).longValue();
                AdapterSupport.guarded(() -> analyses.approve(runId, AdapterSupport.user(task)));
            }
        }
    }

    /** ServiceTask_PublishDeliverables: report.pdf, figures.csv and figures.xlsx of the approved run, in the year's folder. */
    @Component("publishDeliverablesDelegate")
    static class PublishDeliverables implements JavaDelegate {
        private final EffectAnalysisService analyses;
        private final AnalysisProperties properties;

        PublishDeliverables(EffectAnalysisService analyses, AnalysisProperties properties) {
            this.analyses = analyses;
            this.properties = properties;
        }

        @Override
        public void execute(DelegateExecution execution) {
            long runId = ((Number) execution.getVariable(ANALYSIS_RUN_ID)).longValue();
            Map<String, String> files = AdapterSupport.guarded(() -> analyses.publish(runId,
                    properties.directory(AdapterSupport.fiscalYear(execution))));
            execution.setVariable(PUBLISHED_FILE_COUNT, files.size());
        }
    }
}
