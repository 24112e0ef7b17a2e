package jp.kenshin.outreach.analysis;

import static jp.kenshin.outreach.process.AnnualOutreachCycleVariables.*;
import static jp.kenshin.outreach.process.PhoneOutreachVariables.*;
import static jp.kenshin.outreach.process.ProcessVariables.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import jp.kenshin.outreach.IntegrationTest;
import jp.kenshin.outreach.calling.CallCaseService;
import jp.kenshin.outreach.calling.CallingFixture;
import jp.kenshin.outreach.cycle.CallsAtCutOff;
import jp.kenshin.outreach.cycle.PhoneOutreachStarter;
import jp.kenshin.outreach.mailing.MailingService;
import jp.kenshin.outreach.members.MembersImportService;
import jp.kenshin.outreach.privacy.Designations;
import jp.kenshin.outreach.privacy.PersonalDataService.AccessContext;
import jp.kenshin.outreach.results.ResultsImportService;
import jp.kenshin.outreach.selection.TargetSelectionService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The year's calls end at the results cut-off: every case still open is ended as a recorded fact and its process
 * cancelled, once, even with two nodes at it and an import ending a case at the same moment; the cases closed before
 * keep their reasons, another year's calls go on, and the effect analysis gives the same figures before and after.
 */
@IntegrationTest
class CallsEndedAtCutOffIT {

    private static final int FY = 2183;
    private static final int OTHER = 2184;
    private static final LocalDate CUT_OFF = LocalDate.of(FY + 1, 1, 31);

    @Autowired
    ProcessEngine engine;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CallCaseService calls;
    @Autowired
    CallsAtCutOff cutOff;
    @Autowired
    PhoneOutreachStarter starter;
    @Autowired
    EffectAnalysisService analyses;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void theOpenCasesEndOnceAndTheFiguresStay(@Autowired MembersImportService members, @Autowired ResultsImportService results,
            @Autowired TargetSelectionService selection, @Autowired MailingService mailing, @Autowired Designations designations,
            @Autowired jp.kenshin.outreach.privacy.PersonalCipher cipher) throws Exception {
        // another year with its calls running
        CallingFixture.prepare(OTHER, 300, 0, members, selection, designations, engine.getIdentityService());
        calls.openCases(OTHER);
        starter.startPending();
        long otherOpen = calls.openCount(OTHER);
        assertThat(otherOpen).isPositive();

        // this year: cases called and closed, some left open with their processes running, then this year's results
        AnalysisFixture fixture = AnalysisFixture.select(FY, 1500, 0.2, members, results, selection, jdbc, cipher);
        fixture.mail(mailing);
        fixture.call(calls);
        assertThat(starter.startPending()).as("the processes of the cases still open").isPositive();
        fixture.results(results);
        AnalysisFixture.analysts(FY, designations, engine.getIdentityService());
        Optional<UnitCosts> costs = Optional.of(new UnitCosts(new BigDecimal("85"), new BigDecimal("150")));
        EffectAnalysis before = analyses.analysis(analyses.run(AnalysisFixture.analyst(), FY, CUT_OFF, costs, AccessContext.of("試験")));

        Map<String, Long> closedBefore = states(FY);
        long open = closedBefore.remove("OPEN");
        assertThat(open).as("cases open at the cut-off").isGreaterThan(3);
        assertThat(closedBefore).containsKeys("ATTENDED", "REACHED", "UNREACHABLE");
        List<String> running = runningCallInstances(FY);
        assertThat(running).hasSize((int) open);

        // an import ends one open case on attendance at the very moment the cut-off runs: it holds the case locked
        String attending = jdbc.queryForObject("select min(id) from call_case where fiscal_year = ? and state = 'OPEN'", String.class, FY);
        TransactionTemplate own = new TransactionTemplate(transactions);
        own.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
        CountDownLatch locked = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        Future<Integer> importEnds = pool.submit(() -> own.execute(status -> {
            assertThat(calls.lockOpenCases(java.util.List.of(attending))).containsKey(attending);
            locked.countDown();
            sleep(1500);
            return engine.getRuntimeService().createMessageCorrelation(MESSAGE_CALLS_STOPPED).processInstanceBusinessKey(attending)
                    .setVariable(STOP_REASON, STOP_REASON_ATTENDED).correlateAllWithResult().size();
        }));
        assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
        // two nodes run the cut-off at once
        Future<Integer> first = pool.submit(() -> cutOff.endCalls(FY));
        Future<Integer> second = pool.submit(() -> cutOff.endCalls(FY));
        int ended = first.get(60, TimeUnit.SECONDS) + second.get(60, TimeUnit.SECONDS);
        assertThat(importEnds.get(60, TimeUnit.SECONDS)).isEqualTo(1);
        pool.shutdown();

        assertThat(ended).as("each case ended once").isEqualTo(open - 1);
        assertThat(calls.find(attending).state().name()).as("the case the import ended keeps its reason").isEqualTo("ATTENDED");
        Map<String, Long> after = states(FY);
        assertThat(after).doesNotContainKey("OPEN").containsEntry("ENDED_AT_CUT_OFF", open - 1);
        Map<String, Long> closedAfter = new TreeMap<>(after);
        closedAfter.remove("ENDED_AT_CUT_OFF");
        closedBefore.merge("ATTENDED", 1L, Long::sum);
        assertThat(closedAfter).as("the cases closed before keep their reasons").isEqualTo(closedBefore);
        assertThat(jdbc.queryForObject("""
                select count(*) from call_case where fiscal_year = ? and state = 'ENDED_AT_CUT_OFF' and closed_at is null""", Long.class, FY))
                .isZero();

        // no call of the year runs; each cancelled instance ended with the reason; nothing is left to end
        assertThat(runningCallInstances(FY)).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from act_ru_job where process_instance_id_ = any (?)", Long.class,
                (Object) running.toArray(String[]::new))).as("timers of retries and callbacks left").isZero();
        List<HistoricProcessInstance> history = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceIds(new java.util.HashSet<>(running)).list();
        assertThat(history).hasSize(running.size()).allSatisfy(h -> assertThat(h.getEndTime()).isNotNull());
        assertThat(history.stream().filter(h -> CallsAtCutOff.REASON.equals(h.getDeleteReason())).count()).isEqualTo(open - 1);
        assertThat(cutOff.endCalls(FY)).as("a rerun").isZero();

        // the other year's calls go on
        assertThat(calls.openCount(OTHER)).isEqualTo(otherOpen);
        assertThat(runningCallInstances(OTHER)).hasSize((int) otherOpen);

        // a call recorded on an ended case is refused with the reason
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> calls.recordAttempt(
                jdbc.queryForObject("select min(id) from call_case where fiscal_year = ? and state = 'ENDED_AT_CUT_OFF'", String.class, FY),
                "T-late", jp.kenshin.outreach.calling.CallOutcome.NO_ANSWER, null, CallingFixture.operator(CallingFixture.OPERATOR), null,
                java.time.Instant.now(), AccessContext.of("試験"))).hasMessageContaining("結果の締切日で架電終了");

        // the analysis counts the facts as of the cut-off: the same figures after the calls ended
        EffectAnalysis again = analyses.analysis(analyses.run(AnalysisFixture.analyst(), FY, CUT_OFF, costs, AccessContext.of("試験")));
        // (a figure not defined, NaN, equals itself here: Double.compare, not ==)
        assertThat(again).usingRecursiveComparison().withComparatorForType(Double::compare, Double.class).isEqualTo(before);
        assertThat(again.phoneArm().byCaseState()).extracting(EffectAnalysis.Descriptive::code).doesNotContain("ENDED_AT_CUT_OFF");
    }

    private Map<String, Long> states(int fiscalYear) {
        Map<String, Long> states = new TreeMap<>();
        jdbc.query("select state, count(*) from call_case where fiscal_year = ? group by state", rs -> {
            states.put(rs.getString(1), rs.getLong(2));
        }, fiscalYear);
        return states;
    }

    private List<String> runningCallInstances(int fiscalYear) {
        return new ArrayList<>(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(PHONE_OUTREACH_PROCESS_KEY)
                .processInstanceBusinessKeyLike("CC" + fiscalYear + "N%").list().stream().map(p -> p.getId()).toList());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
