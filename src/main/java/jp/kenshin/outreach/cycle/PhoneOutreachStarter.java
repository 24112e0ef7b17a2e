package jp.kenshin.outreach.cycle;

import static jp.kenshin.outreach.process.PhoneOutreachVariables.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.kenshin.outreach.calling.CallCaseService;
import jp.kenshin.outreach.calling.CallCaseService.CallCase;
import jp.kenshin.outreach.calling.CallingProperties;
import jp.kenshin.outreach.calling.ContactOptedOut;
import jp.kenshin.outreach.results.AttendanceRecorded;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The process starter of phone outreach, and what ends calls from outside.
 *
 * <p>Cases opened by the annual cycle are started here in chunks, each chunk with its cases' process ids
 * in one transaction, so a crash or restart resumes where it stopped and never starts a case twice.
 * A checkup result or an opt-out is correlated to the person's running instance; a sweep catches any
 * that a restart between commit and correlation left open.
 *
 * <p>Several nodes on one database: starters on every node take different chunks ({@code for update skip locked}
 * in {@link CallCaseService#casesToStart}), one node sweeps at a time (an advisory lock), and a case is locked
 * before its stop message is sent, so each case is started once and stopped once.
 */
@Component
public class PhoneOutreachStarter {

    private static final Logger log = LoggerFactory.getLogger(PhoneOutreachStarter.class);

    private final CallCaseService calls;
    private final RuntimeService runtime;
    private final CallingProperties properties;
    private final TransactionTemplate transaction;
    /** Own transactions: correlations run after the import's commit, where joining it would commit nothing. */
    private final TransactionTemplate ownTransaction;

    PhoneOutreachStarter(CallCaseService calls, RuntimeService runtime, CallingProperties properties,
            PlatformTransactionManager transactions) {
        this.calls = calls;
        this.runtime = runtime;
        this.properties = properties;
        this.transaction = new TransactionTemplate(transactions);
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Starts the processes of every opened case not started yet, in chunks, on the configured number of
     * threads; returns how many were started.
     */
    public int startPending() {
        if (!calls.anyToStart()) {
            return 0; // the usual case between two cycles' starts: no threads for nothing
        }
        int threads = Math.max(1, properties.startThreads());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<Integer>> workers = new java.util.ArrayList<>();
            for (int i = 0; i < threads; i++) {
                workers.add(pool.submit(this::startChunksUntilNoneLeft));
            }
            int started = 0;
            for (java.util.concurrent.Future<Integer> worker : workers) {
                started += worker.get();
            }
            if (started > 0) {
                log.info("Phone outreach: {} call processes started", started);
            }
            return started;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Starting the call processes was interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    private int startChunksUntilNoneLeft() {
        int started = 0;
        while (true) {
            Integer chunk = transaction.execute(status -> {
                List<CallCase> cases = calls.casesToStart(properties.startChunk());
                Map<String, String> processes = new LinkedHashMap<>();
                for (CallCase c : cases) {
                    // the case id as business key is all the instance needs: everything else is the case's
                    ProcessInstance instance = runtime.createProcessInstanceByKey(PHONE_OUTREACH_PROCESS_KEY)
                            .businessKey(c.id())
                            .execute();
                    processes.put(c.id(), instance.getId());
                }
                calls.markStarted(processes);
                return cases.size();
            });
            if (chunk == null || chunk == 0) {
                return started;
            }
            started += chunk;
        }
    }

    /** Ends the calls of people whose checkup result arrived. */
    @TransactionalEventListener(fallbackExecution = true)
    public void attendanceRecorded(AttendanceRecorded event) {
        stop(calls.openCasesOf(event.cycleYear(), event.memberIds()), STOP_REASON_ATTENDED);
    }

    /** Ends the calls of a person who asked not to be contacted. */
    @TransactionalEventListener(fallbackExecution = true)
    public void contactOptedOut(ContactOptedOut event) {
        stop(calls.openCasesOf(event.fiscalYear(), List.of(event.memberId())), STOP_REASON_OPTED_OUT);
    }

    /** The background start of what is pending. */
    @Scheduled(fixedDelayString = "${kenshin.calling.starter-interval:PT15S}", initialDelayString = "PT30S")
    void startInBackground() {
        if (properties.starterEnabled()) {
            startPending();
        }
    }

    /** The background sweep: a safety net for lost messages, so it need not run as often as the start. */
    @Scheduled(fixedDelayString = "${kenshin.calling.sweep-interval:PT5M}", initialDelayString = "PT1M")
    void sweepInBackground() {
        if (properties.starterEnabled()) {
            sweep();
        }
    }

    /** The sweep's cluster-wide lock ("sweep"): with several nodes on one database, one sweeps at a time. */
    private static final long SWEEP_LOCK = 0x7377656570L;

    /**
     * Ends open cases whose person attended or opted out but whose message was lost; returns how many. With several
     * nodes, a node whose sweep finds another node's running skips this round (the other does the work).
     */
    public int sweep() {
        Integer stopped = transaction.execute(status -> {
            if (!calls.tryBackgroundLock(SWEEP_LOCK)) {
                return 0;
            }
            Map<String, List<String>> byReason = new LinkedHashMap<>();
            for (CallCase c : calls.casesToStop()) {
                byReason.computeIfAbsent(c.state().name().equals("ATTENDED") ? STOP_REASON_ATTENDED : STOP_REASON_OPTED_OUT,
                        r -> new java.util.ArrayList<>()).add(c.id());
            }
            int ended = 0;
            for (Map.Entry<String, List<String>> reason : byReason.entrySet()) {
                ended += stop(reason.getValue(), reason.getKey());
            }
            return ended;
        });
        return stopped == null ? 0 : stopped;
    }

    /** Cases whose calls end in one transaction: one statement locks them, then each instance gets its message. */
    public static final int STOP_CHUNK = 100;

    /**
     * Ends the calls of these cases, in committed chunks of {@value #STOP_CHUNK} on the starter's threads. Each chunk's
     * transaction first locks its cases that are still open, in one statement, then sends each one's instance the stop
     * message by its process instance id: whoever comes second (another node's sweep, or a sweep and an import at once)
     * finds them ended and sends nothing. A chunk that fails (an operator completing a task of it at that moment, say)
     * is rolled back and its cases are ended one by one; a case that still fails is logged by id and left to the sweep.
     */
    private int stop(List<String> caseIds, String reason) {
        if (caseIds.isEmpty()) {
            return 0;
        }
        List<List<String>> chunks = new java.util.ArrayList<>();
        for (int from = 0; from < caseIds.size(); from += STOP_CHUNK) {
            chunks.add(List.copyOf(caseIds.subList(from, Math.min(from + STOP_CHUNK, caseIds.size()))));
        }
        int threads = Math.min(chunks.size(), Math.max(1, properties.startThreads()));
        int stopped = 0;
        if (threads == 1) {
            for (List<String> chunk : chunks) {
                stopped += stopChunk(chunk, reason);
            }
        } else {
            java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "call-stop");
                t.setDaemon(true);
                return t;
            });
            try {
                List<java.util.concurrent.Future<Integer>> workers = new java.util.ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    workers.add(pool.submit(() -> {
                        int ended = 0;
                        for (int c = next.getAndIncrement(); c < chunks.size(); c = next.getAndIncrement()) {
                            ended += stopChunk(chunks.get(c), reason);
                        }
                        return ended;
                    }));
                }
                for (java.util.concurrent.Future<Integer> worker : workers) {
                    stopped += worker.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Ending the calls was interrupted", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } finally {
                pool.shutdown();
            }
        }
        if (stopped > 0) {
            log.info("Phone outreach: {} call processes ended ({})", stopped, reason);
        }
        return stopped;
    }

    private int stopChunk(List<String> chunk, String reason) {
        try {
            return ownTransaction.execute(status -> sendStops(chunk, reason));
        } catch (RuntimeException e) {
            if (chunk.size() == 1) {
                log.warn("Phone outreach: the calls of case {} did not end now ({}); the sweep ends them", chunk.get(0),
                        e.getClass().getSimpleName());
                return 0;
            }
            int ended = 0;
            for (String caseId : chunk) {
                ended += stopChunk(List.of(caseId), reason);
            }
            return ended;
        }
    }

    private int sendStops(List<String> chunk, String reason) {
        int sent = 0;
        for (String processInstanceId : calls.lockOpenCases(chunk).values()) {
            sent += runtime.createMessageCorrelation(MESSAGE_CALLS_STOPPED).processInstanceId(processInstanceId)
                    .setVariable(STOP_REASON, reason).correlateAllWithResult().size();
        }
        return sent;
    }
}
