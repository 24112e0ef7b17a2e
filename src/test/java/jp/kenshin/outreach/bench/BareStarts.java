package jp.kenshin.outreach.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The engine's floor for starting call cases, which the benchmarks compare the real start with: instances of a process
 * of one user task (offered to the operators), started as the real start does (a chunk per transaction, on a few
 * threads) but without any of the application's work.
 */
final class BareStarts {

    static final String PROCESS = "bench-one-task";

    private BareStarts() {
    }

    /** Deploys the bare process (its task Task_Bare offered to contractor-operator). */
    static void deploy(ConfigurableApplicationContext context) {
        context.getBean(RepositoryService.class).createDeployment().name("benchmark").addModelInstance(PROCESS + ".bpmn",
                Bpmn.createExecutableProcess(PROCESS).startEvent().userTask("Task_Bare")
                        .camundaCandidateGroups("contractor-operator").endEvent().done()).deploy();
    }

    /** Starts {@code count} bare instances, {@code chunk} per transaction, on {@code threads} threads. */
    static void start(ConfigurableApplicationContext context, int count, int chunk, int threads) throws Exception {
        RuntimeService runtime = context.getBean(RuntimeService.class);
        TransactionTemplate transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                workers.add(pool.submit(() -> {
                    for (int start = next.getAndAdd(chunk); start < count; start = next.getAndAdd(chunk)) {
                        int from = start;
                        transaction.executeWithoutResult(status -> {
                            for (int i = from; i < Math.min(from + chunk, count); i++) {
                                // no business key: the guard takes business keys of declared processes only
                                runtime.createProcessInstanceByKey(PROCESS).execute();
                            }
                        });
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
