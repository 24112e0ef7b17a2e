package jp.kenshin.outreach.cycle;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import jp.kenshin.outreach.ContractGate;
import jp.kenshin.outreach.TestUsers;
import jp.kenshin.outreach.compliance.ContractService;
import jp.kenshin.outreach.fileimport.ImportReport;
import jp.kenshin.outreach.members.MembersImportService;
import jp.kenshin.outreach.process.AnnualOutreachCycleVariables;
import jp.kenshin.outreach.process.EffectAnalysisVariables;
import jp.kenshin.outreach.process.MailingVariables;
import jp.kenshin.outreach.process.ProcessVariables;
import jp.kenshin.outreach.results.ResultsImportService;
import jp.kenshin.outreach.synthetic.SyntheticWardGenerator;
import jp.kenshin.outreach.synthetic.SyntheticWardSpec;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;

/**
 * A fiscal year of the annual cycle driven as the ward drives it, for the tests that run a whole year (FullCycleIT,
 * FullCycleDeletionIT, DashboardIT): a synthetic ward's files, the cycle started, the contract gate passed, the members
 * and last year's results imported, the target list approved, the mailing's proof approved, its print data handed over
 * and its dispatch recorded; then the calls opened 7 days later; at the end the returned mail closed and the effect
 * analysis published. Each test asserts what it needs between the steps.
 */
final class YearFixture {

    static final Charset CP932 = Charset.forName("windows-31j");

    /** A synthetic ward's files (windows-31j): the members, last year's results and this year's. */
    record Files(byte[] members, byte[] lastYear, byte[] thisYear) {

        static Files of(int fiscalYear, int people) {
            SyntheticWardGenerator generator = new SyntheticWardGenerator(new SyntheticWardSpec(fiscalYear, people, fiscalYear, CP932));
            try {
                ByteArrayOutputStream members = new ByteArrayOutputStream();
                generator.writeMembers(members);
                ByteArrayOutputStream lastYear = new ByteArrayOutputStream();
                generator.writeResults(fiscalYear - 1, lastYear);
                ByteArrayOutputStream thisYear = new ByteArrayOutputStream();
                generator.writeResults(fiscalYear, thisYear);
                return new Files(members.toByteArray(), lastYear.toByteArray(), thisYear.toByteArray());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final ProcessEngine engine;
    private final CycleStarter starter;
    private final ContractService contracts;
    private final MembersImportService members;
    private final ResultsImportService results;
    private final int fiscalYear;

    YearFixture(ProcessEngine engine, CycleStarter starter, ContractService contracts, MembersImportService members,
            ResultsImportService results, int fiscalYear) {
        this.engine = engine;
        this.starter = starter;
        this.contracts = contracts;
        this.members = members;
        this.results = results;
        this.fiscalYear = fiscalYear;
    }

    /**
     * The year from its start to the dispatch recorded on {@code dispatched}: returns the cycle's process instance id.
     * The cycle then waits at its calls-start timer.
     */
    String toDispatch(Files files, double holdoutShare, long holdoutSeed, LocalDate dispatched) {
        String cycle = starter.start(new CycleStarter.CycleStart(fiscalYear, LocalDate.of(fiscalYear, 4, 1), holdoutShare, holdoutSeed))
                .processInstanceId();
        ContractGate.pass(engine.getIdentityService(), engine.getTaskService(), contracts, fiscalYear);
        ImportReport m = members.importMembers(fiscalYear, new ByteArrayInputStream(files.members()), "members.csv", "windows-31j", true);
        ImportReport r = results.importResults(fiscalYear, new ByteArrayInputStream(files.lastYear()), "results.csv", "windows-31j",
                false);
        complete(AnnualOutreachCycleVariables.TASK_IMPORT_MEMBERS, Map.of(AnnualOutreachCycleVariables.MEMBERS_IMPORT_ID, m.id()));
        complete(AnnualOutreachCycleVariables.TASK_IMPORT_PREVIOUS_RESULTS,
                Map.of(AnnualOutreachCycleVariables.PREVIOUS_RESULTS_IMPORT_ID, r.id()));
        runJobs(AnnualOutreachCycleVariables.PROCESS_KEY);
        complete(AnnualOutreachCycleVariables.TASK_APPROVE_TARGET_LIST, Map.of(AnnualOutreachCycleVariables.TARGET_LIST_APPROVED, true));

        // the mailing, called by the cycle
        runJobs(MailingVariables.MAILING_PROCESS_KEY);
        complete(MailingVariables.TASK_APPROVE_PROOF, Map.of(MailingVariables.PROOF_APPROVED, true));
        complete(MailingVariables.TASK_HAND_OVER_PRINT_DATA, Map.of());
        complete(MailingVariables.TASK_RECORD_DISPATCH, Map.of(ProcessVariables.DISPATCH_DATE, dispatched.toString()));
        return cycle;
    }

    /** The cycle's timer that opens the calls (7 days after the dispatch, 9:00 in the ward's zone). */
    Job callsStartTimer(String cycle) {
        return engine.getManagementService().createJobQuery().processInstanceId(cycle).timers()
                .activityId(AnnualOutreachCycleVariables.TIMER_CALLS_START).singleResult();
    }

    /** The calls-start timer fired and the cycle's jobs run: the year's call cases are open. */
    void openCalls(String cycle) {
        engine.getManagementService().executeJob(callsStartTimer(cycle).getId());
        runJobs(AnnualOutreachCycleVariables.PROCESS_KEY);
    }

    /** The mailing's last task: the returned mail accepted, the mailing ends and the cycle waits for the results cut-off. */
    void acceptReturnedMail() {
        complete(MailingVariables.TASK_ACCEPT_RETURNED_MAIL, Map.of());
    }

    /**
     * The results cut-off reached, the effect analysis run (85 yen a card, 150 a call) and approved by a ward user, its
     * deliverables published: the cycle ends.
     */
    void publishAnalysis(String cycle, String wardUser) {
        passCutOff(cycle);
        endCallsAtCutOff(cycle);
        runAnalysis(wardUser);
    }

    /** The results cut-off's timer fires. */
    void passCutOff(String cycle) {
        engine.getManagementService().executeJob(engine.getManagementService().createJobQuery().processInstanceId(cycle)
                .activityId(AnnualOutreachCycleVariables.TIMER_RESULTS_CUT_OFF).singleResult().getId());
    }

    /** The calls still running end at the cut-off (the cycle's job after the timer). */
    void endCallsAtCutOff(String cycle) {
        engine.getManagementService().executeJob(engine.getManagementService().createJobQuery().processInstanceId(cycle)
                .activityId(AnnualOutreachCycleVariables.SERVICE_TASK_END_CALLS_AT_CUT_OFF).singleResult().getId());
    }

    /** The ward runs the effect analysis and approves its report; the analysis's jobs run. */
    void runAnalysis(String wardUser) {
        TestUsers.ensure(engine.getIdentityService(), wardUser, "ward-staff");
        engine.getIdentityService().setAuthentication(wardUser, List.of("ward-staff"));
        try {
            complete(EffectAnalysisVariables.TASK_RUN_EFFECT_ANALYSIS,
                    Map.of(EffectAnalysisVariables.UNIT_COST_PER_CARD, 85, EffectAnalysisVariables.UNIT_COST_PER_CALL, 150));
            complete(EffectAnalysisVariables.TASK_APPROVE_ANALYSIS_REPORT, Map.of(EffectAnalysisVariables.ANALYSIS_APPROVED, true));
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
        runJobs(EffectAnalysisVariables.EFFECT_ANALYSIS_PROCESS_KEY);
        withdrawCallPlan();
    }

    /** Next year's call plan, when one was proposed: sent back and withdrawn, so that no other test's year is steered by it. */
    void withdrawCallPlan() {
        Task approve = engine.getTaskService().createTaskQuery().processDefinitionKey(EffectAnalysisVariables.EFFECT_ANALYSIS_PROCESS_KEY)
                .processInstanceBusinessKey(Integer.toString(fiscalYear)).taskDefinitionKey(EffectAnalysisVariables.TASK_APPROVE_CALL_PLAN)
                .singleResult();
        if (approve == null) {
            return;
        }
        engine.getTaskService().complete(approve.getId(), Map.of(EffectAnalysisVariables.CALL_PLAN_APPROVED, false,
                EffectAnalysisVariables.CALL_PLAN_COMMENT, "試験：計画は採用しない"));
        engine.getTaskService().complete(engine.getTaskService().createTaskQuery()
                .processDefinitionKey(EffectAnalysisVariables.EFFECT_ANALYSIS_PROCESS_KEY).processInstanceBusinessKey(Integer.toString(fiscalYear))
                .taskDefinitionKey(EffectAnalysisVariables.TASK_REVISE_CALL_PLAN).singleResult().getId(),
                Map.of(EffectAnalysisVariables.CALL_PLAN_WITHDRAWN, true));
    }

    /** The asynchronous continuations of a process's instances, run until none is left (at most 50 rounds). */
    void runJobs(String processDefinitionKey) {
        for (int round = 0; round < 50; round++) {
            List<Job> jobs = engine.getManagementService().createJobQuery().processDefinitionKey(processDefinitionKey).messages().list();
            if (jobs.isEmpty()) {
                return;
            }
            jobs.forEach(j -> engine.getManagementService().executeJob(j.getId()));
        }
    }

    /** The year's task of that key (the cycle and the processes it calls carry the year as their business key). */
    Task task(String key) {
        return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(Integer.toString(fiscalYear)).taskDefinitionKey(key)
                .singleResult();
    }

    void complete(String taskKey, Map<String, Object> variables) {
        engine.getTaskService().complete(task(taskKey).getId(), variables);
    }
}
