package jp.kenshin.outreach.bench;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import jp.kenshin.outreach.KenshinOutreachApplication;
import jp.kenshin.outreach.PersonNumbers;
import jp.kenshin.outreach.analysis.EffectAnalysisService;
import jp.kenshin.outreach.analysis.UnitCosts;
import jp.kenshin.outreach.calling.CallCaseService;
import jp.kenshin.outreach.calling.CallOutcome;
import jp.kenshin.outreach.compliance.DeletionService;
import jp.kenshin.outreach.cycle.CallsAtCutOff;
import jp.kenshin.outreach.process.PhoneOutreachVariables;
import jp.kenshin.outreach.cycle.PhoneOutreachStarter;
import jp.kenshin.outreach.fileimport.Text;
import jp.kenshin.outreach.mailing.MailingService;
import jp.kenshin.outreach.mailing.Postcard;
import jp.kenshin.outreach.mailing.PostcardRenderer;
import jp.kenshin.outreach.members.MembersImportService;
import jp.kenshin.outreach.privacy.Designation;
import jp.kenshin.outreach.privacy.Designations;
import jp.kenshin.outreach.privacy.PersonalCipher;
import jp.kenshin.outreach.privacy.PersonalDataService.AccessContext;
import jp.kenshin.outreach.privacy.Purpose;
import jp.kenshin.outreach.privacy.Requester;
import jp.kenshin.outreach.process.PhoneOutreachVariables;
import jp.kenshin.outreach.results.ResultsImportService;
import jp.kenshin.outreach.selection.SelectionCounts;
import jp.kenshin.outreach.selection.SelectionRequest;
import jp.kenshin.outreach.selection.TargetSelectionService;
import jp.kenshin.outreach.synthetic.SyntheticWardGenerator;
import jp.kenshin.outreach.synthetic.SyntheticWardSpec;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One year from import to deletion, stage by stage, each beside the bare baseline of the same work on the same
 * database in the same run: COPY for the imports, a bare fill and export of the same cards for the mailing, bare
 * starts and completions of a one-task process for the call processes and the calls, and pg_dump for the deletion.
 *
 * <p>Stages: members import, last year's results import, selection and freeze (holdout 0.1), the mailing rendered
 * to print files on two threads, call cases opened and their processes started, every case called once by two
 * operators (claim, the person read through the door, an outcome recorded, the task completed; a mix of outcomes,
 * one note in ten), this year's results imported (which ends the calls of those who attended), the effect analysis,
 * and the deletion of the year with its scan while another thread keeps writing another year's rows.
 *
 * <p>Usage: FullCycleBenchmark [members, default 75,000 (about 33,000 targets)] [path of pg_dump]. With
 * {@code -Dbench.calls=N} only the first N call tasks are called (and N bare tasks completed, the other bare instances
 * cancelled untimed): at a million members the operators' months of calls would take the machine hours, and they are
 * outside the machine time anyway; the calls not made end at the cut-off, as a year's unanswered calls do. The door's read
 * budget is raised for the two benchmark operators (they read 27,000 persons in minutes, where a person reads 60 an
 * hour); everything else runs with the application's settings. With {@code -Dbench.importsOnly=true} the run ends after
 * the two imports of a file (members and last year's results), to measure or profile them alone.
 *
 * <p>Beside the imports' {@code COPY} it also prints two floors that say more of what the stage must cost: the sealing
 * alone ({@link BareSealing}), and for last year's results a bare import in SQL ({@link BareResultsImport}: {@code COPY},
 * then one join to the year's members by 整理番号 in clear and the store into a table keyed by member and year).
 */
public final class FullCycleBenchmark {

    private static final int FY = 2030;
    private static final int OTHER = 2031;
    private static final int CHUNK = 500;
    private static final int THREADS = 2;

    private FullCycleBenchmark() {
    }

    private record Stage(String name, double seconds, long rows, String baselineName, double baseline) {
    }

    public static void main(String[] args) throws Exception {
        int members = args.length > 0 ? Integer.parseInt(args[0].replace("_", "").replace(",", "")) : 75_000;
        String pgDump = args.length > 1 ? args[1] : "pg_dump";
        Path work = Files.createTempDirectory("full-cycle-benchmark");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(KenshinOutreachApplication.class)
                .web(WebApplicationType.NONE).profiles("test").logStartupInfo(false)
                .run("--kenshin.database.data-directory=target/test-postgres/full-cycle-benchmark-" + System.nanoTime(),
                        "--kenshin.mailing.directory=" + work.resolve("print"),
                        "--kenshin.door.persons-per-hour=10000000", "--kenshin.door.persons-per-day=10000000",
                        "--spring.autoconfigure.exclude="
                                + "org.camunda.bpm.spring.boot.starter.rest.CamundaBpmRestJerseyAutoConfiguration,"
                                + "org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration");
        List<Stage> stages = new ArrayList<>();
        try {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            DataSource dataSource = context.getBean(DataSource.class);
            System.out.printf(Locale.ROOT, "Full-cycle benchmark: %,d members, JVM max heap %s MB, %d CPUs, load %.1f%n", members,
                    HeapMeter.mb(Runtime.getRuntime().maxMemory()), Runtime.getRuntime().availableProcessors(), load());
            BareStarts.deploy(context);
            IdentityService identity = context.getBean(IdentityService.class);
            for (String user : List.of("benchop1", "benchop2")) {
                if (identity.createUserQuery().userId(user).count() == 0) {
                    var u = identity.newUser(user);
                    u.setPassword("benchmark-" + user);
                    identity.saveUser(u);
                    identity.createMembership(user, Requester.CONTRACTOR_OPERATOR);
                }
            }
            Designations designations = context.getBean(Designations.class);
            LocalDate today = LocalDate.now();
            for (int year : List.of(FY, OTHER)) {
                for (String user : List.of("benchop1", "benchop2")) {
                    designations.save(new Designation(null, year, user, Designation.Role.HANDLER, EnumSet.of(Purpose.CALL, Purpose.INQUIRY),
                            today.minusDays(1), today.plusDays(30), today.minusDays(1)), "ward");
                }
                designations.setHandoverAllowed(year, true, "ward");
            }

            // another year first, with its calls running: it must be untouched by the deletion
            Path otherDir = work.resolve("other");
            Files.createDirectories(otherDir);
            // a twentieth of the ward by default; -Dbench.otherMembers=N sets it (a year as large as the measured one shows the
            // imports in a JVM that has run them once, without the first run's compiling)
            Ward other = Ward.write(otherDir, OTHER, Integer.getInteger("bench.otherMembers", Math.max(2_000, members / 20)));
            importMembers(context, other);
            importResults(context, OTHER, other.lastYear, false);
            select(context, OTHER);
            context.getBean(CallCaseService.class).openCases(OTHER);
            context.getBean(PhoneOutreachStarter.class).startPending();

            Ward ward = Ward.write(work, FY, members);

            // 1 members (beside the COPY of the file, the sealing the import must do, alone: see BareSealing)
            PersonalCipher cipher = context.getBean(PersonalCipher.class);
            double copyMembers = copyBare(dataSource, ward.members);
            double sealMembers = BareSealing.members(cipher, FY, ward.members);
            add(stages, new Stage("members import", importTimed("members import", dataSource, () -> importMembers(context, ward)), members,
                    "COPY", copyMembers));
            // 2 last year's results
            long lastYearRows = lines(ward.lastYear);
            double copyLast = copyBare(dataSource, ward.lastYear);
            double sealLast = BareSealing.results(cipher, FY, ward.lastYear);
            double bareLast = BareResultsImport.seconds(dataSource, ward.members, ward.lastYear);
            add(stages, new Stage("results import (last year)",
                    importTimed("results import (last year)", dataSource, () -> importResults(context, FY, ward.lastYear, false)),
                    lastYearRows, "COPY", copyLast));
            List<String> floors = List.of(
                    floor(stages.get(0), sealMembers), floor(stages.get(1), sealLast),
                    String.format(Locale.ROOT, "%s: %.2f s; bare results import (COPY, join to the members, store) %.2f s; ratio %.2f",
                            stages.get(1).name, stages.get(1).seconds, bareLast, stages.get(1).seconds / bareLast));
            if (Boolean.getBoolean("bench.importsOnly")) {
                // the two imports of a file alone, to measure (and profile) them without the hour of the rest
                stages.forEach(s -> System.out.printf(Locale.ROOT, "| %s | %.2f s | %,d | %s %.2f s | %.2f |%n", s.name, s.seconds, s.rows,
                        s.baselineName, s.baseline, s.seconds / s.baseline));
                floors.forEach(System.out::println);
                return;
            }
            // 3 selection and freeze
            long[] targets = new long[1];
            add(stages, new Stage("selection and freeze", timed(() -> targets[0] = select(context, FY)), members, null, 0));
            // 4 the mailing
            MailingService mailing = context.getBean(MailingService.class);
            MailingService.Plan plan = mailing.plan(FY, 1000);
            List<List<Postcard>> bareBatches = postcards(context, ward.members, FY);
            double bareMailing = timed(() -> {
                PostcardRenderer renderer = context.getBean(PostcardRenderer.class);
                parallel(bareBatches.stream().<Callable<Object>>map(b -> () -> renderer.render(FY, b).length).toList());
                return null;
            });
            double realMailing = timed(() -> {
                parallel(mailing.batchNumbers(FY).stream().<Callable<Object>>map(b -> () -> {
                    mailing.renderBatch(FY, b, work.resolve("print-" + FY));
                    return null;
                }).toList());
                return null;
            });
            add(stages, new Stage("mailing (print files)", realMailing, plan.cards(), "bare fill+export", bareMailing));
            // 5 call cases and their processes
            CallCaseService calls = context.getBean(CallCaseService.class);
            int[] cases = new int[1];
            double starts = timed(() -> {
                calls.openCases(FY);
                cases[0] = context.getBean(PhoneOutreachStarter.class).startPending();
                return null;
            });
            double bareStarts = timed(() -> {
                BareStarts.start(context, cases[0], CHUNK, THREADS);
                return null;
            });
            add(stages, new Stage("call cases opened and started", starts, cases[0], "bare starts", bareStarts));
            // 6 every case called once
            ServerStatements.reset(jdbc);
            CpuMeter bareCallsCpu = CpuMeter.start(dataSource);
            int callSample = Integer.getInteger("bench.calls", Integer.MAX_VALUE);
            double bareCalls = timed(() -> bareCompletions(context, callSample));
            System.out.printf(Locale.ROOT, "bare completions: %.1f s, %s%n", bareCalls, bareCallsCpu.stop());
            ServerStatements.print(jdbc, "the bare completions", Math.min(callSample, cases[0]), bareCalls);
            cancelBareLeft(context);
            AtomicInteger attempts = new AtomicInteger();
            ServerStatements.reset(jdbc);
            CpuMeter callsCpu = CpuMeter.start(dataSource);
            double realCalls = timed(() -> {
                attempts.set(callEveryCase(context, callSample));
                return null;
            });
            System.out.printf(Locale.ROOT, "calls: %.1f s, %s%n", realCalls, callsCpu.stop());
            ServerStatements.print(jdbc, "the calls", attempts.get(), realCalls);
            add(stages, new Stage(attempts.get() < cases[0] ? String.format(Locale.ROOT, "calls (claim, read, record, complete; a sample of "
                    + "%,d of %,d)", attempts.get(), cases[0]) : "calls (claim, read, record, complete)", realCalls, attempts.get(),
                    "bare completions", bareCalls));
            // 7 this year's results: attendance ends the calls of those who attended
            // (its honest bare baseline: COPY of the file plus the bare engine work of ending as many instances as it ended)
            long thisYearRows = lines(ward.thisYear);
            double copyThis = copyBare(dataSource, ward.thisYear);
            String attended = "select count(*) from call_case where fiscal_year = ? and state = 'ATTENDED'";
            long attendedBefore = jdbc.queryForObject(attended, Long.class, FY);
            double importThis = importTimed("results import (this year)", dataSource, () -> importResults(context, FY, ward.thisYear, true));
            int ended = (int) (jdbc.queryForObject(attended, Long.class, FY) - attendedBefore);
            double bareEnds = bareEnds(context, ended);
            add(stages, new Stage("results import (this year, ends calls)", importThis, thisYearRows,
                    String.format(Locale.ROOT, "COPY %.1f s + bare ends of %,d =", copyThis, ended), copyThis + bareEnds));
            // 8 the results cut-off: the calls still running end (retries, callbacks, tasks nobody took). Two ways of
            // ending the engine's instances are measured on samples first, then the product's way on the rest
            long openAtCutOff = calls.openCount(FY);
            int sample = (int) Math.min(300, openAtCutOff / 10);
            double byMessage = endSample(context, sample, true);
            double byCancelWithHistory = endSample(context, sample, false);
            int[] endedAtCutOff = new int[1];
            double cutOffSeconds = timed(() -> endedAtCutOff[0] = context.getBean(CallsAtCutOff.class).endCalls(FY));
            double bareCancels = bareCancels(context, endedAtCutOff[0]);
            add(stages, new Stage("calls ended at the cut-off", cutOffSeconds, endedAtCutOff[0], "bare cancels", bareCancels));
            System.out.printf(Locale.ROOT, "cut-off: %,d cases open; per instance: stop message %.1f ms, cancellation with history "
                    + "%.1f ms (samples of %d), cancellation without history (the product) %.1f ms, bare cancellation %.1f ms%n",
                    openAtCutOff, byMessage * 1000 / Math.max(1, sample), byCancelWithHistory * 1000 / Math.max(1, sample), sample,
                    cutOffSeconds * 1000 / Math.max(1, endedAtCutOff[0]), bareCancels * 1000 / Math.max(1, endedAtCutOff[0]));
            // 9 the effect analysis
            EffectAnalysisService analysis = context.getBean(EffectAnalysisService.class);
            add(stages, new Stage("effect analysis", timed(() -> analysis.run(new Requester("benchward", Set.of(Requester.WARD_STAFF)), FY,
                    LocalDate.of(FY + 1, 3, 31), Optional.of(new UnitCosts(java.math.BigDecimal.valueOf(85), java.math.BigDecimal.valueOf(150))), AccessContext.of("benchmark"))), targets[0], null, 0));

            long running = jdbc.queryForObject("select count(*) from act_ru_execution e join act_re_procdef d on d.id_ = e.proc_def_id_ "
                    + "where e.parent_id_ is null and d.key_ = 'phone-outreach' and e.business_key_ like ?", Long.class,
                    "%" + FY + "%");
            System.out.printf(Locale.ROOT, "%nbefore the deletion: %,d members, %,d call cases, %,d attempts, %,d call processes still "
                    + "running, %,d process instances in history, database %,d MB, load %.1f%n",
                    jdbc.queryForObject("select count(*) from member where fiscal_year = ?", Long.class, FY), cases[0], attempts.get(),
                    running, jdbc.queryForObject("select count(*) from act_hi_procinst", Long.class),
                    jdbc.queryForObject("select pg_database_size(current_database())", Long.class) >> 20, load());

            // the bare baselines' process is the benchmark's scaffolding, not the product's: it goes before the deletion
            RepositoryService repository = context.getBean(RepositoryService.class);
            repository.createDeploymentQuery().deploymentName("benchmark").list()
                    .forEach(d -> repository.deleteDeployment(d.getId(), true, true));

            // 10 pg_dump, then the deletion with its scan while other work goes on
            double dump = PgDump.medianSeconds(dataSource, pgDump);
            AtomicBoolean going = new AtomicBoolean(true);
            AtomicLong longestWait = new AtomicLong();
            AtomicLong writes = new AtomicLong();
            String otherCase = jdbc.queryForObject("select min(id) from call_case where fiscal_year = ?", String.class, OTHER);
            Thread otherWork = new Thread(() -> {
                while (going.get()) {
                    long w0 = System.nanoTime();
                    jdbc.update("insert into contract_year (fiscal_year, contractor, handover_allowed) values (?, 'bench', false) "
                            + "on conflict (fiscal_year) do update set updated_at = now()", OTHER);
                    jdbc.update("update call_case set attempts = attempts where id = ?", otherCase);
                    longestWait.accumulateAndGet(System.nanoTime() - w0, Math::max);
                    writes.incrementAndGet();
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            otherWork.start();
            DeletionService deletion = context.getBean(DeletionService.class);
            if (Boolean.getBoolean("bench.engineSql")) {
                // the engine's statements with their times (ids only in this benchmark's deletion), to see what the purge spends
                org.springframework.boot.logging.LoggingSystem.get(FullCycleBenchmark.class.getClassLoader()).setLogLevel(
                        "org.camunda.bpm.engine.impl.persistence.entity", org.springframework.boot.logging.LogLevel.DEBUG);
            }
            List<String> steps = new ArrayList<>();
            long[] stepStart = {System.nanoTime()};
            String[] lastStep = {"CLOSING"};
            DeletionService.Certificate[] certificate = new DeletionService.Certificate[1];
            ServerStatements.reset(jdbc);
            CpuMeter deletionCpu = CpuMeter.start(dataSource);
            double deleted = timed(() -> certificate[0] = deletion.destroy(FY, "benchmark", null, p -> {
                if (!p.step().equals(lastStep[0])) {
                    long now = System.nanoTime();
                    steps.add(String.format(Locale.ROOT, "%s %.1f s", lastStep[0], (now - stepStart[0]) / 1e9));
                    stepStart[0] = now;
                    lastStep[0] = p.step();
                }
            }));
            going.set(false);
            otherWork.join();
            System.out.printf(Locale.ROOT, "deletion: %.1f s, %s%n", deleted, deletionCpu.stop());
            ServerStatements.print(jdbc, "the deletion", members, deleted);
            add(stages, new Stage("deletion with scan", deleted, members, "pg_dump", dump));
            DeletionService.Progress progress = deletion.progress(FY).orElseThrow();

            System.out.printf(Locale.ROOT, "%n| stage | time | rows | rows/s | bare baseline | ratio (goal <= 2; deletion <= 3) |%n"
                    + "| --- | --- | --- | --- | --- | --- |%n");
            double machine = 0;
            double people = 0;
            for (Stage s : stages) {
                if (s.name.startsWith("calls (")) {
                    // the operators' work, spread over the months of the calls (the cut-off that ends them is machine time)
                    people += s.seconds;
                } else if (!s.name.startsWith("deletion")) {
                    machine += s.seconds;
                }
                System.out.printf(Locale.ROOT, "| %s | %.1f s | %,d | %,.0f | %s | %s |%n", s.name, s.seconds, s.rows, s.rows / s.seconds,
                        s.baselineName == null ? "—" : String.format(Locale.ROOT, "%s %.1f s", s.baselineName, s.baseline),
                        s.baselineName == null ? "—" : String.format(Locale.ROOT, "%.2f", s.seconds / s.baseline));
            }
            System.out.println();
            floors.forEach(System.out::println);
            // issue 13's goals: under 5 minutes for a ward of 33,000 targets, under 45 for one of 330,000
            boolean large = targets[0] > 100_000;
            System.out.printf(Locale.ROOT, "%nmachine time of the cycle from import to analysis: %.1f s (%.1f min) for %,d targets "
                    + "(goal < %s: %s); the operators' calls besides: %.1f s; deletion steps: %s%n",
                    machine, machine / 60, targets[0], large ? "45 min at 330,000" : "5 min at 33,000",
                    machine < (large ? 45 * 60 : 300) ? "MET" : "MISSED", people, String.join(", ", steps));
            System.out.printf(Locale.ROOT, "deletion: %,d values, %d tables, %d columns, %,d rows scanned; %,d instances cancelled, "
                    + "%,d purged; other work meanwhile: %,d writes, longest %.3f s (goal <= 1 s: %s); load %.1f%n",
                    certificate[0].scanValues(), progress.tablesTotal(), progress.columns(), progress.rowsScanned(),
                    certificate[0].counts().get("engine.cancelledProcessInstances"),
                    certificate[0].counts().get("engine.purgedProcessInstances"), writes.get(), longestWait.get() / 1e9,
                    longestWait.get() <= 1_000_000_000L ? "MET" : "MISSED", load());
        } finally {
            context.close();
        }
    }

    /** The synthetic ward's files of a year. */
    private record Ward(int fiscalYear, Path members, Path lastYear, Path thisYear) {
        static Ward write(Path dir, int fiscalYear, int members) throws Exception {
            SyntheticWardGenerator generator = new SyntheticWardGenerator(new SyntheticWardSpec(fiscalYear, members, fiscalYear,
                    StandardCharsets.UTF_8));
            Ward w = new Ward(fiscalYear, dir.resolve("members-" + fiscalYear + ".csv"), dir.resolve("results-" + (fiscalYear - 1) + ".csv"),
                    dir.resolve("results-" + fiscalYear + ".csv"));
            try (OutputStream out = Files.newOutputStream(w.members)) {
                generator.writeMembers(out);
            }
            try (OutputStream out = Files.newOutputStream(w.lastYear)) {
                generator.writeResults(fiscalYear - 1, out);
            }
            try (OutputStream out = Files.newOutputStream(w.thisYear)) {
                generator.writeResults(fiscalYear, out);
            }
            return w;
        }
    }

    private static Object importMembers(ConfigurableApplicationContext context, Ward ward) throws Exception {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(ward.members))) {
            return context.getBean(MembersImportService.class).importMembers(ward.fiscalYear, in, "members.csv", "UTF-8", true);
        }
    }

    private static Object importResults(ConfigurableApplicationContext context, int fiscalYear, Path file, boolean thisYear)
            throws Exception {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return context.getBean(ResultsImportService.class).importResults(fiscalYear, in, file.getFileName().toString(), "UTF-8",
                    true);
        }
    }

    private static long select(ConfigurableApplicationContext context, int fiscalYear) {
        TargetSelectionService selection = context.getBean(TargetSelectionService.class);
        SelectionCounts counts = selection.select(new SelectionRequest(fiscalYear, LocalDate.of(fiscalYear, 4, 1), 0.1, 42L, null, null,
                null));
        selection.freeze(counts.runId(), "benchmark");
        return selection.targets(counts.runId()).size();
    }

    /** The cards of the mailing as the bare fill takes them: from the members file, in postal-code order. */
    static List<List<Postcard>> postcards(ConfigurableApplicationContext context, Path membersFile, int fiscalYear) throws Exception {
        TargetSelectionService selection = context.getBean(TargetSelectionService.class);
        Map<Long, String> numbers = PersonNumbers.of(context.getBean(JdbcTemplate.class), context.getBean(PersonalCipher.class),
                fiscalYear);
        Set<String> wanted = selection.targets(selection.frozenRun(fiscalYear)).stream().map(t -> numbers.get(t.memberId()))
                .collect(Collectors.toSet());
        List<Postcard> all = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(membersFile, StandardCharsets.UTF_8)) {
            for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                if (wanted.contains(r.get("整理番号").strip())) {
                    all.add(new Postcard(r.get("整理番号"), Text.halfWidthAscii(Text.number(r.get("郵便番号"))).replace("-", ""),
                            r.get("漢字住所").strip(), r.get("漢字方書").strip(), r.get("漢字氏名").strip(), Text.number(r.get("受診券整理番号")),
                            "default"));
                }
            }
        }
        all.sort(Comparator.comparing(Postcard::postalCode));
        List<List<Postcard>> batches = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 1000) {
            batches.add(all.subList(i, Math.min(i + 1000, all.size())));
        }
        return batches;
    }

    /**
     * Ends {@code count} open cases at the cut-off the way the product does not, for comparison: each case's
     * instance by the stop message (the event subprocess runs and writes its history), or cancelled with its
     * history written; 100 cases per transaction. Returns the seconds taken.
     */
    private static double endSample(ConfigurableApplicationContext context, int count, boolean message) throws Exception {
        CallCaseService calls = context.getBean(CallCaseService.class);
        RuntimeService runtime = context.getBean(RuntimeService.class);
        TransactionTemplate transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
        return timed(() -> {
            for (int left = count; left > 0; left -= 100) {
                int batch = Math.min(100, left);
                transaction.executeWithoutResult(status -> {
                    List<String> instances = calls.endAtCutOff(FY, batch, true).stream().map(CallCaseService.CallCase::processInstanceId)
                            .filter(java.util.Objects::nonNull).toList();
                    if (message) {
                        for (String instance : instances) {
                            runtime.createMessageCorrelation(PhoneOutreachVariables.MESSAGE_CALLS_STOPPED).processInstanceId(instance)
                                    .setVariable(PhoneOutreachVariables.STOP_REASON, PhoneOutreachVariables.STOP_REASON_OPTED_OUT).correlate();
                        }
                    } else {
                        runtime.deleteProcessInstancesIfExists(instances, CallsAtCutOff.REASON, true, true, false);
                    }
                });
            }
            return null;
        });
    }

    /** As many one-task instances as were ended, started (not timed), then cancelled as the cut-off does: the engine's floor. */
    private static double bareCancels(ConfigurableApplicationContext context, int count) throws Exception {
        BareStarts.start(context, count, CHUNK, THREADS);
        RuntimeService runtime = context.getBean(RuntimeService.class);
        List<String> ids = runtime.createProcessInstanceQuery().processDefinitionKey(BareStarts.PROCESS).list().stream()
                .map(p -> p.getId()).toList();
        return cancelBare(context, ids);
    }

    /** Cancels these bare instances, 200 a transaction on the benchmark's threads, as the cut-off does; returns the seconds. */
    private static double cancelBare(ConfigurableApplicationContext context, List<String> ids) throws Exception {
        RuntimeService runtime = context.getBean(RuntimeService.class);
        TransactionTemplate transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
        AtomicInteger next = new AtomicInteger();
        List<Callable<Object>> workers = new ArrayList<>();
        for (int w = 0; w < THREADS; w++) {
            workers.add(() -> {
                for (int start = next.getAndAdd(200); start < ids.size(); start = next.getAndAdd(200)) {
                    List<String> chunk = ids.subList(start, Math.min(start + 200, ids.size()));
                    transaction.executeWithoutResult(status -> runtime.deleteProcessInstancesIfExists(chunk, "bare", true, true, false));
                }
                return null;
            });
        }
        return timed(() -> {
            parallel(workers);
            return null;
        });
    }

    /**
     * The bare engine work of ending this many instances by message: a one-task process (the call task's candidate
     * group) with an interrupting message event subprocess, its instances started untimed, then one message
     * correlation per instance by its id, in the chunks of the product's stop ({@value PhoneOutreachStarter#STOP_CHUNK}
     * a transaction) on the benchmark's threads. Returns the seconds of the correlations.
     */
    private static double bareEnds(ConfigurableApplicationContext context, int count) throws Exception {
        RuntimeService runtime = context.getBean(RuntimeService.class);
        TransactionTemplate transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
        org.camunda.bpm.model.bpmn.builder.ProcessBuilder process = Bpmn.createExecutableProcess("bench-one-task-ended");
        process.eventSubProcess().startEvent().interrupting(true).message("BenchEnd").endEvent();
        context.getBean(RepositoryService.class).createDeployment().name("benchmark").addModelInstance("bench-one-task-ended.bpmn",
                process.startEvent().userTask("Task_Bare").camundaCandidateGroups(Requester.CONTRACTOR_OPERATOR).endEvent().done())
                .deploy();
        List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        List<Callable<Object>> starters = new ArrayList<>();
        for (int w = 0; w < THREADS; w++) {
            starters.add(() -> {
                for (int start = next.getAndAdd(CHUNK); start < count; start = next.getAndAdd(CHUNK)) {
                    int from = start;
                    transaction.executeWithoutResult(status -> {
                        for (int i = from; i < Math.min(from + CHUNK, count); i++) {
                            ids.add(runtime.createProcessInstanceByKey("bench-one-task-ended").execute().getId());
                        }
                    });
                }
                return null;
            });
        }
        parallel(starters);
        int chunk = PhoneOutreachStarter.STOP_CHUNK;
        AtomicInteger nextChunk = new AtomicInteger();
        List<Callable<Object>> enders = new ArrayList<>();
        for (int w = 0; w < THREADS; w++) {
            enders.add(() -> {
                for (int start = nextChunk.getAndAdd(chunk); start < count; start = nextChunk.getAndAdd(chunk)) {
                    List<String> part = ids.subList(start, Math.min(start + chunk, count));
                    transaction.executeWithoutResult(status -> part.forEach(id -> runtime.createMessageCorrelation("BenchEnd")
                            .processInstanceId(id).correlateWithResult()));
                }
                return null;
            });
        }
        System.gc(); // before the CPU is metered, as for the imports
        CpuMeter cpu = CpuMeter.start(context.getBean(DataSource.class));
        long t0 = System.nanoTime();
        parallel(enders);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (cpu != null) {
            System.out.printf(Locale.ROOT, "bare ends of %,d instances: %.2f s, %s%n", count, seconds, cpu.stop());
        }
        long left = context.getBean(JdbcTemplate.class).queryForObject("select count(*) from act_ru_execution e join act_re_procdef d "
                + "on d.id_ = e.proc_def_id_ where d.key_ = 'bench-one-task-ended'", Long.class);
        if (left != 0) {
            throw new IllegalStateException(left + " bare instances were not ended");
        }
        return seconds;
    }

    /**
     * Each bare task claimed and completed in its own transaction, by two operators signed in to the engine as the real
     * calls are (so the engine checks their authorizations and writes its user operation log, as for every real call):
     * the engine's floor for a call.
     */
    private static Object bareCompletions(ConfigurableApplicationContext context, int limit) throws Exception {
        TaskService tasks = context.getBean(TaskService.class);
        IdentityService identity = context.getBean(IdentityService.class);
        TransactionTemplate transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
        List<String> ids = new ArrayList<>();
        for (int first = 0; ; first += 5_000) {
            List<Task> page = tasks.createTaskQuery().processDefinitionKey(BareStarts.PROCESS).orderByTaskId().asc().listPage(first, 5_000);
            page.forEach(t -> ids.add(t.getId()));
            if (page.size() < 5_000) {
                break;
            }
        }
        int completed = Math.min(limit, ids.size());
        byOperators(identity, completed, (operator, i) -> transaction.executeWithoutResult(status -> {
            tasks.claim(ids.get(i), operator);
            tasks.complete(ids.get(i), Map.of());
        }));
        return null;
    }

    /**
     * The bare instances a sample of calls left, cancelled after the bare completions' time was taken (they would swell
     * the bare baselines of the stages after); none without a sample.
     */
    private static void cancelBareLeft(ConfigurableApplicationContext context) throws Exception {
        RuntimeService runtime = context.getBean(RuntimeService.class);
        List<String> ids = new ArrayList<>();
        for (int first = 0; ; first += 5_000) {
            List<org.camunda.bpm.engine.runtime.ProcessInstance> page = runtime.createProcessInstanceQuery()
                    .processDefinitionKey(BareStarts.PROCESS).orderByProcessInstanceId().asc().listPage(first, 5_000);
            page.forEach(p -> ids.add(p.getId()));
            if (page.size() < 5_000) {
                break;
            }
        }
        if (!ids.isEmpty()) {
            System.out.printf(Locale.ROOT, "bare instances a sample of calls left: %,d cancelled (untimed) in %.1f s%n", ids.size(),
                    cancelBare(context, ids));
        }
    }

    /**
     * The benchmark's {@value #THREADS} operators, each signed in to the engine on a thread of its own, take the items
     * 0 to {@code items - 1} one at a time until all are done.
     */
    private static void byOperators(IdentityService identity, int items, BiConsumer<String, Integer> work) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Callable<Object>> workers = new ArrayList<>();
        for (int w = 0; w < THREADS; w++) {
            String operator = "benchop" + (w + 1);
            workers.add(() -> {
                identity.setAuthentication(operator, List.of(Requester.CONTRACTOR_OPERATOR));
                try {
                    for (int i = next.getAndIncrement(); i < items; i = next.getAndIncrement()) {
                        work.accept(operator, i);
                    }
                } finally {
                    identity.clearAuthentication();
                }
                return null;
            });
        }
        parallel(workers);
    }

    /**
     * Every case called once, as the call form does it: the operator claims the task, reads the person through the
     * door, records an outcome (one in ten with a note) and completes the task, in one transaction per call.
     */
    private static int callEveryCase(ConfigurableApplicationContext context, int limit) throws Exception {
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        TaskService tasks = context.getBean(TaskService.class);
        IdentityService identity = context.getBean(IdentityService.class);
        CallCaseService calls = context.getBean(CallCaseService.class);
        TransactionTemplate transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
        Map<String, String> caseOfProcess = new HashMap<>();
        jdbc.query("select id, process_instance_id from call_case where fiscal_year = ? and process_instance_id is not null",
                rs -> {
                    caseOfProcess.put(rs.getString(2), rs.getString(1));
                }, FY);
        List<String[]> work = new ArrayList<>();
        for (int first = 0; ; first += 5_000) {
            List<Task> page = tasks.createTaskQuery().processDefinitionKey(PhoneOutreachVariables.PHONE_OUTREACH_PROCESS_KEY)
                    .taskDefinitionKey(PhoneOutreachVariables.TASK_CALL_PERSON).orderByTaskId().asc().listPage(first, 5_000);
            for (Task t : page) {
                String caseId = caseOfProcess.get(t.getProcessInstanceId());
                if (caseId != null) {
                    work.add(new String[] {t.getId(), caseId, t.getProcessInstanceId()});
                }
            }
            if (page.size() < 5_000) {
                break;
            }
        }
        // the outcomes of a year's first calls: about a third reached, the rest to be tried again
        CallOutcome[] mix = {CallOutcome.WILL_BOOK, CallOutcome.NO_ANSWER, CallOutcome.ANSWERING_MACHINE, CallOutcome.ALREADY_BOOKED,
            CallOutcome.NO_ANSWER, CallOutcome.DECLINED, CallOutcome.BUSY, CallOutcome.HAD_CHECKUP_ELSEWHERE, CallOutcome.NO_ANSWER,
            CallOutcome.CALLBACK_REQUESTED, CallOutcome.WRONG_NUMBER, CallOutcome.DO_NOT_CALL};
        AtomicInteger done = new AtomicInteger();
        byOperators(identity, Math.min(limit, work.size()), (userId, i) -> {
            Requester operator = new Requester(userId, Set.of(Requester.CONTRACTOR_OPERATOR));
            String[] item = work.get(i);
            CallOutcome outcome = mix[i % mix.length];
            String note = i % 10 == 0 ? "本人と話した。来月受診予定とのこと（" + i + "）" : null;
            transaction.executeWithoutResult(status -> {
                tasks.claim(item[0], operator.userId());
                AccessContext why = new AccessContext(item[0], item[2], "架電");
                calls.view(operator, item[1], why);
                Instant now = ClockUtil.getCurrentTime().toInstant();
                Instant callbackAt = outcome == CallOutcome.CALLBACK_REQUESTED ? now.plus(2, ChronoUnit.DAYS) : null;
                calls.recordAttempt(item[1], item[0], outcome, callbackAt, operator, note, now, why);
                Map<String, Object> variables = new LinkedHashMap<>();
                variables.put(PhoneOutreachVariables.CALL_OUTCOME, outcome.name());
                variables.put(PhoneOutreachVariables.CALLBACK_AT, callbackAt == null ? null : java.util.Date.from(callbackAt));
                tasks.complete(item[0], variables);
            });
            done.incrementAndGet();
        });
        return done.get();
    }

    private static void parallel(List<Callable<Object>> jobs) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (Callable<Object> job : jobs) {
                futures.add(pool.submit(job));
            }
            for (Future<Object> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static void add(List<Stage> stages, Stage stage) {
        stages.add(stage);
        System.out.printf(Locale.ROOT, "stage done: %s %.1f s (%,d rows)%s, load %.1f%n", stage.name, stage.seconds, stage.rows,
                stage.baselineName == null ? "" : String.format(Locale.ROOT, "; %s %.1f s", stage.baselineName, stage.baseline), load());
    }

    private static double timed(Callable<?> work) throws Exception {
        System.gc();
        long t0 = System.nanoTime();
        work.call();
        return (System.nanoTime() - t0) / 1e9;
    }

    /**
     * An import stage timed; with {@code -Dbench.profile=true} also where its time goes (the stacks of the importing
     * thread and of the import's reading thread, and the server's statements of 0.1 s or more).
     */
    private static double importTimed(String name, DataSource dataSource, Callable<?> work) throws Exception {
        System.gc(); // before the CPU is metered: the collection of earlier stages' garbage is not the import's
        if (!Boolean.getBoolean("bench.profile")) {
            CpuMeter cpu = CpuMeter.start(dataSource);
            long t0 = System.nanoTime();
            work.call();
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "%s: %.2f s, %s%n", name, seconds, cpu.stop());
            return seconds;
        }
        StackSampler stacks = StackSampler.start("import-", "call-stop");
        ImportProfiler statements = ImportProfiler.statementsOnly(dataSource);
        CpuMeter cpu = CpuMeter.start(dataSource);
        long t0 = System.nanoTime();
        work.call();
        double seconds = (System.nanoTime() - t0) / 1e9;
        String used = cpu.stop();
        System.out.printf(Locale.ROOT, "profile of %s (%.2f s, %s):%n%s%s", name, seconds, used, stacks.stop(seconds, 40),
                statements.stop(seconds));
        return seconds;
    }

    /** An import beside its COPY plus the bare sealing its rows need (one thread): what is left is parsing, checks, storing. */
    private static String floor(Stage stage, double sealing) {
        return String.format(Locale.ROOT, "%s: %.2f s; COPY %.2f s + bare sealing %.2f s = %.2f s; ratio %.2f", stage.name, stage.seconds,
                stage.baseline, sealing, stage.baseline + sealing, stage.seconds / (stage.baseline + sealing));
    }

    /** The COPY baseline of a file, printed with its CPU seconds. */
    private static double copyBare(DataSource dataSource, Path file) throws Exception {
        CpuMeter cpu = CpuMeter.start(dataSource);
        double seconds = ImportBenchmark.copyBareSeconds(dataSource, file);
        if (cpu != null) {
            System.out.printf(Locale.ROOT, "COPY of %s: %.2f s, %s%n", file.getFileName(), seconds, cpu.stop());
        }
        return seconds;
    }

    private static long lines(Path file) throws Exception {
        try (var l = Files.lines(file, StandardCharsets.UTF_8)) {
            return l.count() - 1;
        }
    }

    private static double load() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
