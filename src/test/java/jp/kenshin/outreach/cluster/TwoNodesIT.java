package jp.kenshin.outreach.cluster;

import static jp.kenshin.outreach.process.MailingVariables.*;
import static jp.kenshin.outreach.process.PhoneOutreachVariables.*;
import static jp.kenshin.outreach.process.ProcessVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import jp.kenshin.outreach.KenshinOutreachApplication;
import jp.kenshin.outreach.audit.AuditLog;
import jp.kenshin.outreach.calling.CallCaseService;
import jp.kenshin.outreach.calling.CallingFixture;
import jp.kenshin.outreach.cycle.PhoneOutreachStarter;
import jp.kenshin.outreach.mailing.MailingProperties;
import jp.kenshin.outreach.members.MembersImportService;
import jp.kenshin.outreach.privacy.Designations;
import jp.kenshin.outreach.privacy.PersonalDataService;
import jp.kenshin.outreach.privacy.Purpose;
import jp.kenshin.outreach.privacy.Requester;
import jp.kenshin.outreach.privacy.YearKeyDestroyedException;
import jp.kenshin.outreach.selection.SelectionCounts;
import jp.kenshin.outreach.selection.SelectionRequest;
import jp.kenshin.outreach.selection.TargetSelectionService;
import jp.kenshin.outreach.synthetic.SyntheticWardGenerator;
import jp.kenshin.outreach.synthetic.SyntheticWardSpec;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 13, two nodes on one database: two applications (nodes A and B) in one JVM, each with its job executor on and
 * its phone-outreach starter, on one PostgreSQL started once for both, sharing the key store, the print folder and the
 * audit anchor file as every node of a real cluster mounts them.
 *
 * <p>Each node's batch jobs are watched by a probe around the real {@code renderBatchDelegate} (it records which node ran
 * which batch's job, and can hold node A inside a batch job, its files written but the job not committed, to stop it
 * there). Whether a batch's files were written once is read where a ward would read it: the door's audit records, one
 * per file written, and the print folder.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesIT {

    private static final Logger log = LoggerFactory.getLogger(TwoNodesIT.class);

    private static final int FY_KEY = 2191;
    private static final int FY_CALLS = 2192;
    private static final int FY_MAILING = 2193;
    private static final int FY_STOPPED = 2194;
    private static final int CASES = 2_000;
    /** Node A's job locks expire after this; node B takes a job over no earlier. */
    private static final int LOCK_MILLIS = 10_000;

    private static final Requester WARD = new Requester("clusterward", Set.of(Requester.WARD_STAFF));

    private EmbeddedPostgres postgres;
    private Path shared;
    private Node nodeA;
    private Node nodeB;
    private final Map<String, Long> timings = new TreeMap<>();

    @BeforeAll
    void startOneDatabaseAndTwoNodes() throws Exception {
        long t0 = System.nanoTime();
        shared = Path.of("target", "two-nodes", "run-" + System.nanoTime()).toAbsolutePath();
        Files.createDirectories(shared);
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(shared.resolve("postgres"))
                .setCleanDataDirectory(true)
                .setServerConfig("max_connections", "80")
                // a test database: no crash safety needed, commits need not wait for the disk
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .setLocaleConfig("locale", "C")
                .setLocaleConfig("encoding", "UTF8")
                .start();
        long t1 = System.nanoTime();
        nodeA = new Node("nodeA");
        long t2 = System.nanoTime();
        nodeB = new Node("nodeB");
        long t3 = System.nanoTime();
        timings.put("0 database start", ms(t0, t1));
        timings.put("0 node A start", ms(t1, t2));
        timings.put("0 node B start", ms(t2, t3));
    }

    @AfterAll
    void stopEverything() throws Exception {
        try {
            if (nodeB != null) {
                nodeB.context.close();
            }
            if (nodeA != null && nodeA.context.isActive()) {
                nodeA.context.close();
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
            log.info("Two nodes timings (ms): {}", timings);
        }
    }

    @Test
    @Order(1)
    void aYearKeyDestroyedThroughNodeACannotBeUsedThroughNodeB() throws Exception {
        long t0 = System.nanoTime();
        importMembers(nodeA, FY_KEY, 30);
        List<Long> ids = nodeA.jdbc().queryForList("select id from member where fiscal_year = ? order by id limit 3", Long.class, FY_KEY);
        PersonalDataService doorA = nodeA.context.getBean(PersonalDataService.class);
        PersonalDataService doorB = nodeB.context.getBean(PersonalDataService.class);

        assertThat(doorB.read(WARD, Purpose.NOTICE, FY_KEY, ids, PersonalDataService.AccessContext.of("two nodes")))
                .as("node B reads what node A imported (the key from the shared key store, now in B's cache)").hasSize(3);
        doorA.destroyYear(FY_KEY, "clusterward");

        assertThatThrownBy(() -> doorB.read(WARD, Purpose.NOTICE, FY_KEY, ids, PersonalDataService.AccessContext.of("two nodes")))
                .as("node B does not serve the destroyed key from its cache").isInstanceOf(YearKeyDestroyedException.class)
                .hasMessageContaining("destroyed");
        assertThat(doorB.isYearDestroyed(FY_KEY)).isTrue();

        // the scheduled anchor of the audit log's head, run by both nodes on the shared anchor file: one line per head
        AuditLog.Head head = nodeA.context.getBean(AuditLog.class).anchorHeadIfNew("scheduled");
        nodeB.context.getBean(AuditLog.class).anchorHeadIfNew("scheduled");
        nodeA.context.getBean(AuditLog.class).anchorHeadIfNew("scheduled");
        long lines;
        try (var all = Files.lines(shared.resolve("audit-anchors.log"))) {
            lines = all.filter(l -> l.contains(" seq=" + head.seq() + " ") && l.contains("reason=scheduled")).count();
        }
        assertThat(lines).as("the head anchored once by the scheduled anchor of two nodes").isEqualTo(1);
        timings.put("1 year key", ms(t0, System.nanoTime()));
    }

    @Test
    @Order(2)
    void twoThousandCallCasesAreStartedByBothStartersEachOnce() throws Exception {
        long t0 = System.nanoTime();
        ConfigurableApplicationContext a = nodeA.context;
        CallingFixture.prepare(FY_CALLS, 7_500, 0, a.getBean(MembersImportService.class), a.getBean(TargetSelectionService.class),
                a.getBean(Designations.class), a.getBean(IdentityService.class));
        CallCaseService calls = a.getBean(CallCaseService.class);
        calls.openCases(FY_CALLS);
        JdbcTemplate jdbc = nodeA.jdbc();
        jdbc.update("delete from call_case where fiscal_year = ? and id not in (select id from call_case where fiscal_year = ? "
                + "order by id limit ?)", FY_CALLS, FY_CALLS, CASES);
        assertThat(calls.count(FY_CALLS)).as("enough synthetic people for the cases").isEqualTo(CASES);
        long t1 = System.nanoTime();

        List<Integer> started = both(() -> nodeA.context.getBean(PhoneOutreachStarter.class).startPending(),
                () -> nodeB.context.getBean(PhoneOutreachStarter.class).startPending());
        long t2 = System.nanoTime();
        log.info("Two nodes: node A started {} call processes, node B {}", started.get(0), started.get(1));
        assertThat(started.get(0)).as("node A's starter started cases").isPositive();
        assertThat(started.get(1)).as("node B's starter started cases").isPositive();

        // a background start of either node may still be committing its last chunk
        await(Duration.ofSeconds(60), () -> calls.count(FY_CALLS) == jdbc.queryForObject(
                "select count(*) from call_case where fiscal_year = ? and process_instance_id is not null", Integer.class, FY_CALLS),
                "every case started");
        Map<String, Object> instances = jdbc.queryForMap("""
                select count(*) as instances, count(distinct business_key_) as keys from act_hi_procinst
                where proc_def_key_ = ? and business_key_ like ?""", PHONE_OUTREACH_PROCESS_KEY, "CC" + FY_CALLS + "N%");
        assertThat(instances).as("each case started exactly once").containsEntry("instances", (long) CASES).containsEntry("keys", (long) CASES);
        assertThat(jdbc.queryForObject("""
                select count(*) from call_case c where c.fiscal_year = ? and c.process_instance_id is not null and exists
                  (select 1 from act_ru_execution e where e.proc_inst_id_ = c.process_instance_id and e.business_key_ = c.id)""",
                Integer.class, FY_CALLS)).as("every case records its own running instance").isEqualTo(CASES);
        assertThat(started.get(0) + started.get(1)).as("background starts took none in the meantime").isLessThanOrEqualTo(CASES);

        // 60 people opt out without their message reaching the processes; both nodes sweep at once
        List<Map<String, Object>> stopping = jdbc.queryForList(
                "select id, member_id from call_case where fiscal_year = ? order by id limit 60", FY_CALLS);
        for (Map<String, Object> c : stopping) {
            calls.recordOptOut(FY_CALLS, ((Number) c.get("member_id")).longValue(), "CALL", (String) c.get("id"), "clusterward");
        }
        List<Integer> swept = both(() -> nodeA.context.getBean(PhoneOutreachStarter.class).sweep(),
                () -> nodeB.context.getBean(PhoneOutreachStarter.class).sweep());
        long t3 = System.nanoTime();
        assertThat(swept.get(0) + swept.get(1)).as("one stop message per case between the two sweeps").isEqualTo(60);
        assertThat(jdbc.queryForObject("select count(*) from call_case where fiscal_year = ? and state = 'OPTED_OUT'", Integer.class,
                FY_CALLS)).isEqualTo(60);
        assertThat(jdbc.queryForObject("""
                select count(*) from act_hi_procinst where proc_def_key_ = ? and business_key_ like ? and end_time_ is not null""",
                Long.class, PHONE_OUTREACH_PROCESS_KEY, "CC" + FY_CALLS + "N%")).isEqualTo(60L);
        timings.put("2 calls: fixture", ms(t0, t1));
        timings.put("2 calls: 2,000 starts on both nodes", ms(t1, t2));
        timings.put("2 calls: sweep", ms(t2, t3));
    }

    @Test
    @Order(3)
    void aMailingIsRenderedByBothNodesEachBatchOnce() throws Exception {
        long t0 = System.nanoTime();
        SelectionCounts counts = freezeYear(nodeA, FY_MAILING, 400);
        int batches = (int) Math.ceil(counts.targets() / 20.0);
        assertThat(batches).as("several batches").isGreaterThanOrEqualTo(8);
        String process = nodeA.context.getBean(RuntimeService.class).startProcessInstanceByKey(MAILING_PROCESS_KEY,
                Integer.toString(FY_MAILING), Map.of(FISCAL_YEAR, FY_MAILING)).getId();
        awaitProof(nodeA, process, Duration.ofSeconds(120));
        long t1 = System.nanoTime();

        List<Integer> onA = nodeA.batchJobs(FY_MAILING);
        List<Integer> onB = nodeB.batchJobs(FY_MAILING);
        log.info("Two nodes: mailing of {} batches, batch jobs run by node A {}, by node B {} ({} runs again after a conflict)",
                batches, onA, onB, onA.size() + onB.size() - batches);
        assertThat(onA).as("node A's job executor ran batch jobs").isNotEmpty();
        assertThat(onB).as("node B's job executor ran batch jobs").isNotEmpty();
        List<Integer> all = new ArrayList<>(onA);
        all.addAll(onB);
        assertThat(all).as("every batch's job ran").containsAll(java.util.stream.IntStream.rangeClosed(1, batches).boxed().toList());
        assertThat(printedExports(FY_MAILING)).as("each batch's two files written once (the door's record of each export)")
                .hasSize(batches).allSatisfy((batch, files) -> assertThat(files).isEqualTo(2));
        assertBatchFilesOnce(FY_MAILING, batches);
        timings.put("3 mailing: " + batches + " batches", ms(t0, t1));
    }

    @Test
    @Order(4)
    void nodeAStoppedHardInABatchAndNodeBFinishesTheMailingAfterTheLockExpires() throws Exception {
        long t0 = System.nanoTime();
        SelectionCounts counts = freezeYear(nodeB, FY_STOPPED, 300);
        int batches = (int) Math.ceil(counts.targets() / 20.0);
        Hold hold = new Hold(FY_STOPPED);
        nodeA.hold = hold;
        // node B takes no job until node A holds a batch: on a busy machine node B could otherwise take them all first
        org.camunda.bpm.engine.impl.jobexecutor.JobExecutor executorB = ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl)
                nodeB.context.getBean(org.camunda.bpm.engine.ProcessEngine.class).getProcessEngineConfiguration()).getJobExecutor();
        executorB.shutdown();
        String process = nodeB.context.getBean(RuntimeService.class).startProcessInstanceByKey(MAILING_PROCESS_KEY,
                Integer.toString(FY_STOPPED), Map.of(FISCAL_YEAR, FY_STOPPED)).getId();
        boolean held = hold.reached.await(90, TimeUnit.SECONDS);
        executorB.start();
        assertThat(held).as("node A took a batch").isTrue();
        int heldBatch = hold.batchNo;
        // a batch node A's other job thread had begun before the hold is let finish, so that the stop cuts one batch only
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (nodeA.rendering.get() > 0 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(nodeA.rendering.get()).as("node A renders no other batch when it is stopped").isZero();
        Map<String, Object> lock = nodeB.jdbc().queryForMap("""
                select j.lock_owner_, j.lock_exp_time_ from act_ru_job j join act_ru_execution e on e.id_ = j.execution_id_
                where j.process_instance_id_ = ? and j.lock_owner_ is not null and j.job_def_id_ in
                  (select id_ from act_ru_jobdef where act_id_ = 'ServiceTask_RenderBatch' and job_configuration_ = 'async-before')
                  and e.act_id_ = 'ServiceTask_RenderBatch'
                  and exists (select 1 from act_ru_variable v where v.execution_id_ = e.id_ and v.name_ = 'loopCounter' and v.long_ = ?)""",
                process, (long) heldBatch - 1);
        Instant lockExpires = ((Timestamp) lock.get("lock_exp_time_")).toInstant();

        // node A stops hard, as a killed process does: its job executor takes nothing more, its connections are cut (the
        // held batch's files are written, its job's transaction never commits), then the rest of it goes
        long t1 = System.nanoTime();
        ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) nodeA.context.getBean(org.camunda.bpm.engine.ProcessEngine.class)
                .getProcessEngineConfiguration()).getJobExecutor().shutdown();
        List<Boolean> cut = nodeB.jdbc().queryForList(
                "select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'kenshin-nodeA'", Boolean.class);
        assertThat(cut).as("node A's connections cut").isNotEmpty().doesNotContain(false);
        nodeA.context.close();
        hold.release.countDown();
        long t2 = System.nanoTime();

        awaitProof(nodeB, process, Duration.ofSeconds(120));
        long t3 = System.nanoTime();
        List<Integer> onB = nodeB.batchJobs(FY_STOPPED);
        log.info("Two nodes: node A stopped in batch {} (lock until {}), batch jobs run by node B {}", heldBatch, lockExpires, onB);
        assertThat(onB).as("node B ran the job of the batch node A held").contains(heldBatch);
        assertThat(nodeB.batchJobAt(FY_STOPPED, heldBatch)).as("node B took it over after node A's lock expired")
                .isAfterOrEqualTo(lockExpires);
        assertThat(printedExports(FY_STOPPED)).as("each batch's two files written once: the batch node A had written is not "
                + "written again").hasSize(batches).allSatisfy((batch, files) -> assertThat(files).isEqualTo(2));
        assertThat(nodeB.jdbc().queryForObject("select count(*) from mailing_batch where fiscal_year = ? and status = 'RENDERED'",
                Integer.class, FY_STOPPED)).isEqualTo(batches);
        assertBatchFilesOnce(FY_STOPPED, batches);
        timings.put("4 stopped: mailing until node A held", ms(t0, t1));
        timings.put("4 stopped: node A closed", ms(t1, t2));
        timings.put("4 stopped: node B finished after", ms(t2, t3));
    }

    // --- the year, the mailing and its files ---

    private static void importMembers(Node node, int fiscalYear, int members) throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        new SyntheticWardGenerator(new SyntheticWardSpec(fiscalYear, members, fiscalYear, StandardCharsets.UTF_8)).writeMembers(file);
        node.context.getBean(MembersImportService.class).importMembers(fiscalYear, new ByteArrayInputStream(file.toByteArray()),
                "members.csv", "UTF-8", true);
    }

    private static SelectionCounts freezeYear(Node node, int fiscalYear, int members) throws Exception {
        importMembers(node, fiscalYear, members);
        TargetSelectionService selection = node.context.getBean(TargetSelectionService.class);
        SelectionCounts counts = selection.select(new SelectionRequest(fiscalYear, LocalDate.of(fiscalYear, 4, 1), 0, null, null, null,
                null));
        selection.freeze(counts.runId(), "clusterward");
        return counts;
    }

    private static void awaitProof(Node node, String process, Duration timeout) throws InterruptedException {
        TaskService tasks = node.context.getBean(TaskService.class);
        await(timeout, () -> tasks.createTaskQuery().processInstanceId(process).taskDefinitionKey(TASK_APPROVE_PROOF).count() == 1,
                "the mailing's batches and manifest (waiting at the proof)");
        assertThat(node.context.getBean(org.camunda.bpm.engine.ManagementService.class).createJobQuery().processInstanceId(process)
                .withException().count()).as("no failed job").isZero();
    }

    /** The door's export records of the mailing per batch reference: files written and recorded. */
    private Map<String, Long> printedExports(int fiscalYear) {
        Map<String, Long> byBatch = new TreeMap<>();
        nodeB.jdbc().query("""
                select detail, count(*) from audit_log where fiscal_year = ? and user_id = 'system:mailing' and export_sha256 is not null
                  and detail like '%便%' group by detail""", rs -> {
                    byBatch.put(rs.getString(1), rs.getLong(2));
                }, fiscalYear);
        return byBatch;
    }

    /** Each batch's PDF and CSV exist once, no part file is left, and the files are the ones the database records. */
    private void assertBatchFilesOnce(int fiscalYear, int batches) throws Exception {
        Path folder = nodeB.context.getBean(MailingProperties.class).directory(fiscalYear);
        List<String> names;
        try (var files = Files.list(folder)) {
            names = files.map(f -> f.getFileName().toString()).sorted().toList();
        }
        List<String> expected = new ArrayList<>();
        for (int b = 1; b <= batches; b++) {
            expected.add(String.format("batch-%04d.csv", b));
            expected.add(String.format("batch-%04d.pdf", b));
        }
        expected.add("manifest.pdf");
        assertThat(names).as("the print folder: each batch's files once, nothing else").containsExactlyElementsOf(expected.stream().sorted().toList());
        List<Map<String, Object>> recorded = nodeB.jdbc().queryForList(
                "select batch_no, pdf_sha256, csv_sha256 from mailing_batch where fiscal_year = ? order by batch_no", fiscalYear);
        for (Map<String, Object> batch : recorded) {
            String name = String.format("batch-%04d", ((Number) batch.get("batch_no")).intValue());
            assertThat(sha256(folder.resolve(name + ".pdf"))).as(name + ".pdf is the recorded file").isEqualTo(batch.get("pdf_sha256"));
            assertThat(sha256(folder.resolve(name + ".csv"))).as(name + ".csv is the recorded file").isEqualTo(batch.get("csv_sha256"));
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static <T> List<T> both(Callable<T> onA, Callable<T> onB) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<T> a = CompletableFuture.supplyAsync(() -> call(go, onA));
        CompletableFuture<T> b = CompletableFuture.supplyAsync(() -> call(go, onB));
        go.countDown();
        return List.of(a.get(120, TimeUnit.SECONDS), b.get(120, TimeUnit.SECONDS));
    }

    private static <T> T call(CountDownLatch go, Callable<T> work) {
        try {
            go.await();
            return work.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(Duration timeout, BooleanSupplier done, String what) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("Not done within " + timeout + ": " + what);
            }
            Thread.sleep(200);
        }
    }

    private static long ms(long from, long to) {
        return (to - from) / 1_000_000;
    }

    // --- the nodes ---

    /** Node A is held in one batch of a year: its rendering done, the job's transaction not committed. */
    static final class Hold {
        final int fiscalYear;
        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile int batchNo;
        private final java.util.concurrent.atomic.AtomicBoolean taken = new java.util.concurrent.atomic.AtomicBoolean();

        Hold(int fiscalYear) {
            this.fiscalYear = fiscalYear;
        }
    }

    /** One run of a batch's job by a node (the delegate returned: its files written, or found written by that job). */
    record Rendered(int fiscalYear, int batchNo, Instant startedAt) {
    }

    final class Node {
        final String name;
        final ConfigurableApplicationContext context;
        final List<Rendered> rendered = new CopyOnWriteArrayList<>();
        /** Batch jobs of this node inside the real delegate right now. */
        final java.util.concurrent.atomic.AtomicInteger rendering = new java.util.concurrent.atomic.AtomicInteger();
        volatile Hold hold;

        Node(String name) {
            this.name = name;
            BeanPostProcessor probe = new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    return "renderBatchDelegate".equals(beanName) ? new Probe((JavaDelegate) bean) : bean;
                }
            };
            this.context = new SpringApplicationBuilder(KenshinOutreachApplication.class)
                    .web(WebApplicationType.NONE).profiles("test").logStartupInfo(false)
                    .initializers(c -> c.getBeanFactory().addBeanPostProcessor(probe))
                    .run("--kenshin.database.embedded=false",
                            "--spring.datasource.url=jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres",
                            "--spring.datasource.username=postgres",
                            "--spring.datasource.password=",
                            "--spring.datasource.hikari.maximum-pool-size=12",
                            "--spring.datasource.hikari.data-source-properties.ApplicationName=kenshin-" + name,
                            // the engine registry is static: each node's engine a name of its own
                            "--camunda.bpm.process-engine-name=" + name,
                            "--camunda.bpm.job-execution.enabled=true",
                            "--camunda.bpm.job-execution.core-pool-size=2",
                            "--camunda.bpm.job-execution.max-pool-size=2",
                            "--camunda.bpm.job-execution.queue-capacity=2",
                            "--camunda.bpm.job-execution.max-jobs-per-acquisition=2",
                            "--camunda.bpm.job-execution.wait-time-in-millis=200",
                            "--camunda.bpm.job-execution.max-wait=1000",
                            "--camunda.bpm.job-execution.lock-time-in-millis=" + LOCK_MILLIS,
                            // what every node of a cluster shares: the key store, the print folder, the anchor file
                            "--kenshin.crypto.key-store=" + shared.resolve("keys"),
                            "--kenshin.mailing.output-directory=" + shared.resolve("print"),
                            "--kenshin.mailing.batch-size=20",
                            "--kenshin.audit.anchor-file=" + shared.resolve("audit-anchors.log"),
                            "--kenshin.calling.starter-enabled=true",
                            "--kenshin.calling.start-chunk=100",
                            "--spring.autoconfigure.exclude="
                                    + "org.camunda.bpm.spring.boot.starter.rest.CamundaBpmRestJerseyAutoConfiguration,"
                                    + "org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration");
        }

        JdbcTemplate jdbc() {
            return context.getBean(JdbcTemplate.class);
        }

        List<Integer> batchJobs(int fiscalYear) {
            return rendered.stream().filter(r -> r.fiscalYear() == fiscalYear).map(Rendered::batchNo).sorted().toList();
        }

        Instant batchJobAt(int fiscalYear, int batchNo) {
            return rendered.stream().filter(r -> r.fiscalYear() == fiscalYear && r.batchNo() == batchNo).map(Rendered::startedAt)
                    .findFirst().orElseThrow();
        }

        /** The real delegate, with a record of each batch job this node ran. */
        final class Probe implements JavaDelegate {
            private final JavaDelegate real;

            Probe(JavaDelegate real) {
                this.real = real;
            }

            @Override
            public void execute(DelegateExecution execution) throws Exception {
                int fiscalYear = ((Number) execution.getVariable(FISCAL_YEAR)).intValue();
                int batchNo = ((Number) execution.getVariable("loopCounter")).intValue() + 1;
                Instant startedAt = Instant.now();
                Hold held = hold;
                if (held != null && held.fiscalYear == fiscalYear && held.taken.get()) {
                    // the node's other job thread, once one batch is held: it renders nothing more. Cut off in the middle
                    // of its own batch, it would leave the door's record of the one file it had exported (a true record,
                    // kept by the audit log), and the count of export records below would be off by that one
                    awaitRelease(held);
                    throw new IllegalStateException(name + " was stopped");
                }
                rendering.incrementAndGet();
                try {
                    real.execute(execution);
                } finally {
                    rendering.decrementAndGet();
                }
                rendered.add(new Rendered(fiscalYear, batchNo, startedAt));
                Hold h = hold;
                if (h != null && h.fiscalYear == fiscalYear && h.taken.compareAndSet(false, true)) {
                    h.batchNo = batchNo;
                    h.reached.countDown();
                    awaitRelease(h);
                    throw new IllegalStateException(name + " was stopped");
                }
            }

            private static void awaitRelease(Hold h) {
                boolean released = false;
                while (!released) {
                    try {
                        released = h.release.await(1, TimeUnit.MINUTES);
                    } catch (InterruptedException ignored) {
                        // a stopped node's thread: it stays here until the test lets it go
                    }
                }
            }
        }
    }
}
