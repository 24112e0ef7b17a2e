package jp.kenshin.outreach.cycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jp.kenshin.outreach.calling.CallCaseService;
import jp.kenshin.outreach.calling.CallCaseService.CallCase;
import jp.kenshin.outreach.infrastructure.HistoryOfPurgedInstances;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The year's calls end at the results cut-off. Every case still open then (calls waiting for a retry or a
 * callback, a call task nobody took) is ended as a recorded fact, {@code ENDED_AT_CUT_OFF}, and its phone-outreach
 * instance is cancelled with the reason 「結果の締切日で架電終了」, in batches that each commit the cases' new state
 * and the cancellation of their instances together. A case is locked before it is ended: a case an import ends on
 * attendance at the same moment, or a second node's batch, is ended once, by whoever comes first; a retry after a
 * crash takes only what is still open. Its figures are untouched: the effect analysis counts facts as of the
 * cut-off, and a case ended here counts as it stood then (open, or attended).
 *
 * <p>The cancellation writes no history but each instance's end (as the year's deletion does, ADR 0008): the year's
 * engine history is purged whole with the year, and the history of a cancelled call (its timer or its open task
 * ended) is read by nobody. So a year whose calls ended at the cut-off costs its deletion no cancellation at all.
 */
@Component
public class CallsAtCutOff {

    private static final Logger log = LoggerFactory.getLogger(CallsAtCutOff.class);

    /** The reason the engine records at the end of each instance (a reason for staff, ids only). */
    public static final String REASON = "結果の締切日で架電終了";
    static final int BATCH = 200;
    static final int THREADS = 2;

    private final CallCaseService calls;
    private final RuntimeService runtime;
    private final TransactionTemplate transaction;

    CallsAtCutOff(CallCaseService calls, RuntimeService runtime, PlatformTransactionManager transactions) {
        this.calls = calls;
        this.runtime = runtime;
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Ends every case of the year still open, on {@value #THREADS} threads taking different batches; returns how many
     * this run ended (0 when a run before ended them all). Must not run inside an engine command: each batch commits.
     */
    public int endCalls(int fiscalYear) {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> new Thread(r, "cut-off-" + fiscalYear));
        try {
            List<Future<Integer>> workers = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                workers.add(pool.submit(() -> endBatches(fiscalYear, true)));
            }
            int ended = 0;
            for (Future<Integer> worker : workers) {
                ended += worker.get();
            }
            // what another transaction held while the batches ran (a call being recorded): waited for, then ended
            ended += endBatches(fiscalYear, false);
            log.info("Results cut-off {}: {} call cases ended, their processes cancelled", fiscalYear, ended);
            return ended;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause().getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(fiscalYear + " 年度の架電の終了が中断されました。再実行すると残りを終えます");
        } finally {
            pool.shutdownNow();
        }
    }

    private int endBatches(int fiscalYear, boolean skipLocked) {
        int ended = 0;
        while (true) {
            Integer batch = transaction.execute(status -> endBatch(fiscalYear, skipLocked));
            if (batch == null || batch == 0) {
                return ended;
            }
            ended += batch;
        }
    }

    /** One batch: the cases ended and their instances cancelled, in the caller's transaction. */
    int endBatch(int fiscalYear, boolean skipLocked) {
        List<CallCase> ended = calls.endAtCutOff(fiscalYear, BATCH, skipLocked);
        List<String> instances = ended.stream().map(CallCase::processInstanceId).filter(Objects::nonNull).toList();
        if (!instances.isEmpty()) {
            HistoryOfPurgedInstances.skippedDuring(
                    () -> runtime.deleteProcessInstancesIfExists(instances, REASON, true, true, false));
        }
        return ended.size();
    }
}
