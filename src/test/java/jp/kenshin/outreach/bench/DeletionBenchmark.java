package jp.kenshin.outreach.bench;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import jp.kenshin.outreach.KenshinOutreachApplication;
import jp.kenshin.outreach.calling.CallCaseService;
import jp.kenshin.outreach.compliance.DeletionService;
import jp.kenshin.outreach.cycle.PhoneOutreachStarter;
import jp.kenshin.outreach.members.MembersImportService;
import jp.kenshin.outreach.selection.SelectionCounts;
import jp.kenshin.outreach.selection.SelectionRequest;
import jp.kenshin.outreach.selection.TargetSelectionService;
import jp.kenshin.outreach.synthetic.SyntheticWardGenerator;
import jp.kenshin.outreach.synthetic.SyntheticWardSpec;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The deletion benchmark: a synthetic ward's year (members, frozen list, call cases with their phone-outreach
 * instances) beside a second year, then a bare pg_dump of the database and the year's deletion with its scan, in
 * the same run. Meanwhile another thread keeps writing the other year's rows and records its longest wait.
 * Usage: DeletionBenchmark [members, default 20,000] [path of pg_dump, default pg_dump]; {@code -Dbench.profile=true}
 * prints where the deletion's threads spend their time.
 */
public final class DeletionBenchmark {

    private DeletionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int members = args.length > 0 ? Integer.parseInt(args[0].replace("_", "").replace(",", "")) : 20_000;
        String pgDump = args.length > 1 ? args[1] : "pg_dump";
        ConfigurableApplicationContext context = new SpringApplicationBuilder(KenshinOutreachApplication.class)
                .web(WebApplicationType.NONE).profiles("test").logStartupInfo(false)
                .run("--kenshin.database.data-directory=target/test-postgres/deletion-benchmark-" + System.nanoTime(),
                        "--spring.autoconfigure.exclude="
                                + "org.camunda.bpm.spring.boot.starter.rest.CamundaBpmRestJerseyAutoConfiguration,"
                                + "org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration");
        try {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            long t0 = System.nanoTime();
            year(context, 2030, members);
            year(context, 2031, Math.max(1_000, members / 10));
            System.out.printf(Locale.ROOT, "prepared in %.1f s: %,d members, %,d call cases, %,d process instances in history, "
                    + "database %,d MB%n", (System.nanoTime() - t0) / 1e9,
                    jdbc.queryForObject("select count(*) from member where fiscal_year = 2030", Long.class),
                    jdbc.queryForObject("select count(*) from call_case where fiscal_year = 2030", Long.class),
                    jdbc.queryForObject("select count(*) from act_hi_procinst", Long.class),
                    jdbc.queryForObject("select pg_database_size(current_database())", Long.class) >> 20);

            double dumpSeconds = PgDump.medianSeconds(context.getBean(DataSource.class), pgDump);

            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong longestWaitNanos = new AtomicLong();
            AtomicLong writes = new AtomicLong();
            // the other year's case, found once (min(id) on every write read the deleted year's ids first)
            String otherCase = jdbc.queryForObject("select min(id) from call_case where fiscal_year = 2031", String.class);
            Thread otherWork = new Thread(() -> {
                int n = 0;
                while (running.get()) {
                    long w0 = System.nanoTime();
                    jdbc.update("insert into contract_year (fiscal_year, contractor, handover_allowed) values (?, 'bench', false) "
                            + "on conflict (fiscal_year) do update set updated_at = now()", 2031);
                    jdbc.update("update call_case set attempts = attempts where id = ?", otherCase);
                    longestWaitNanos.accumulateAndGet(System.nanoTime() - w0, Math::max);
                    writes.incrementAndGet();
                    n++;
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            otherWork.start();
            // -Dbench.profile=true: where the deletion's threads spend their time (stacks every 5 ms)
            StackSampler stacks = Boolean.getBoolean("bench.profile")
                    ? StackSampler.start("main", "deletion-", "year-records-", "pool-") : null;
            long s0 = System.nanoTime();
            DeletionService.Certificate certificate = context.getBean(DeletionService.class).destroy(2030, "benchmark", null);
            double deletionSeconds = (System.nanoTime() - s0) / 1e9;
            if (stacks != null) {
                System.out.print(stacks.stop(deletionSeconds, 60));
            }
            running.set(false);
            otherWork.join();
            DeletionService.Progress progress = context.getBean(DeletionService.class).progress(2030).orElseThrow();
            System.out.printf(Locale.ROOT, "%npg_dump (median): %.1f s%ndeletion with scan: %.1f s (%.2f x the dump; goal <= 3: %s); "
                    + "%,d values, %d tables, %d columns, %,d rows read; %,d process instances purged%n"
                    + "other work during the deletion: %,d writes, longest %.3f s (goal <= 1 s: %s)%n",
                    dumpSeconds, deletionSeconds, deletionSeconds / dumpSeconds, deletionSeconds / dumpSeconds <= 3 ? "MET" : "MISSED",
                    certificate.scanValues(), progress.tablesTotal(), progress.columns(), progress.rowsScanned(),
                    certificate.counts().get("engine.purgedProcessInstances"), writes.get(), longestWaitNanos.get() / 1e9,
                    longestWaitNanos.get() <= 1_000_000_000L ? "MET" : "MISSED");
        } finally {
            context.close();
        }
    }

    private static void year(ConfigurableApplicationContext context, int fiscalYear, int members) throws Exception {
        importSyntheticMembers(context, fiscalYear, members);
        TargetSelectionService selection = context.getBean(TargetSelectionService.class);
        SelectionCounts counts = selection.select(new SelectionRequest(fiscalYear, LocalDate.of(fiscalYear, 4, 1), 0, null, null, null, null));
        selection.freeze(counts.runId(), "benchmark");
        context.getBean(CallCaseService.class).openCases(fiscalYear);
        context.getBean(PhoneOutreachStarter.class).startPending();
    }

    /** A synthetic ward's members file of the year, written to a temporary file and imported (UTF-8). */
    public static void importSyntheticMembers(ConfigurableApplicationContext context, int fiscalYear, int members) throws Exception {
        Path file = Files.createTempFile("members-" + fiscalYear, ".csv");
        try (OutputStream out = Files.newOutputStream(file)) {
            new SyntheticWardGenerator(new SyntheticWardSpec(fiscalYear, members, fiscalYear, StandardCharsets.UTF_8)).writeMembers(out);
        }
        try (var in = Files.newInputStream(file)) {
            context.getBean(MembersImportService.class).importMembers(fiscalYear, in, "members.csv", "UTF-8", true);
        }
        Files.delete(file);
    }
}
