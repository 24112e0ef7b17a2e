package jp.kenshin.outreach.bench;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import jp.kenshin.outreach.KenshinOutreachApplication;
import jp.kenshin.outreach.TestUsers;
import jp.kenshin.outreach.calling.CallCaseService;
import jp.kenshin.outreach.cycle.PhoneOutreachStarter;
import jp.kenshin.outreach.members.MembersImportService;
import jp.kenshin.outreach.privacy.Designation;
import jp.kenshin.outreach.privacy.Designations;
import jp.kenshin.outreach.privacy.Purpose;
import jp.kenshin.outreach.privacy.Requester;
import jp.kenshin.outreach.selection.SelectionCounts;
import jp.kenshin.outreach.selection.SelectionRequest;
import jp.kenshin.outreach.selection.TargetSelectionService;
import jp.kenshin.outreach.synthetic.SyntheticWardGenerator;
import jp.kenshin.outreach.synthetic.SyntheticWardSpec;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A year of open calls for the operators' benchmarks (the Tasklist load test, the 次の電話 timing in the browser): the
 * application with its web on a fresh embedded PostgreSQL, designated operators, and a synthetic ward's call cases with
 * their {@code phone-outreach} instances started, one open call task each.
 */
final class OpenCallsYear {

    private OpenCallsYear() {
    }

    /** Starts the application with its web on a fresh database under target/test-postgres/{name}-…; its base address is {@link #base}. */
    static ConfigurableApplicationContext start(String name) {
        return new SpringApplicationBuilder(KenshinOutreachApplication.class)
                .profiles("test").logStartupInfo(false)
                .run("--server.port=0", "--kenshin.database.data-directory=target/test-postgres/" + name + "-" + System.nanoTime(),
                        // the benchmark's operators make far more calls an hour than a person could: the read budget is not what is measured
                        "--kenshin.door.persons-per-hour=10000000", "--kenshin.door.persons-per-day=100000000",
                        "--spring.datasource.hikari.maximum-pool-size=12");
    }

    static String base(ConfigurableApplicationContext context) {
        return "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
    }

    /** The machine's load average as /proc/loadavg reads (1, 5 and 15 minutes, then the run queue). */
    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "?";
        }
    }

    /** {@code operators} users benchop01… in the operators' group, designated for calls and inquiries of the year, trained. */
    static List<String> prepareOperators(ConfigurableApplicationContext context, int fiscalYear, int operators) {
        IdentityService identity = context.getBean(IdentityService.class);
        Designations designations = context.getBean(Designations.class);
        LocalDate today = LocalDate.now();
        List<String> users = new ArrayList<>();
        for (int i = 1; i <= operators; i++) {
            String user = String.format(Locale.ROOT, "benchop%02d", i);
            TestUsers.ensure(identity, user, Requester.CONTRACTOR_OPERATOR);
            designations.save(new Designation(null, fiscalYear, user, Designation.Role.HANDLER, EnumSet.of(Purpose.CALL, Purpose.INQUIRY),
                    today.minusDays(30), today.plusDays(365), today.minusDays(30)), "benchmark");
            users.add(user);
        }
        designations.setHandoverAllowed(fiscalYear, true, "benchmark");
        return users;
    }

    /**
     * Opens {@code wanted} call cases of the year from a synthetic ward (about 30% of members are phoned; the ward is made
     * larger until the selection has enough) and starts their processes; returns how many were started.
     */
    static int openCalls(ConfigurableApplicationContext context, int fiscalYear, int wanted) throws Exception {
        openCases(context, fiscalYear, wanted);
        context.getBean(JdbcTemplate.class).update("delete from call_case where fiscal_year = ? and id not in (select id from call_case "
                + "where fiscal_year = ? order by id limit ?)", fiscalYear, fiscalYear, wanted);
        return context.getBean(PhoneOutreachStarter.class).startPending();
    }

    /**
     * Imports a synthetic ward, selects and freezes the year's list, made larger until at least {@code wanted} people are
     * to be phoned, and opens their call cases (not started).
     */
    static void openCases(ConfigurableApplicationContext context, int fiscalYear, int wanted) throws Exception {
        MembersImportService imports = context.getBean(MembersImportService.class);
        TargetSelectionService selection = context.getBean(TargetSelectionService.class);
        CallCaseService calls = context.getBean(CallCaseService.class);
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        int members = (int) (wanted / 0.28);
        while (true) {
            Path file = Files.createTempFile("members-" + fiscalYear, ".csv");
            try (OutputStream out = Files.newOutputStream(file)) {
                new SyntheticWardGenerator(new SyntheticWardSpec(fiscalYear, members, fiscalYear, StandardCharsets.UTF_8)).writeMembers(out);
            }
            try (var in = Files.newInputStream(file)) {
                imports.importMembers(fiscalYear, in, "members.csv", "UTF-8", true);
            }
            Files.delete(file);
            jdbc.execute("analyze"); // fresh statistics after the bulk import, or the case query plans for empty tables
            SelectionCounts counts = selection.select(new SelectionRequest(fiscalYear, LocalDate.of(fiscalYear, 4, 1), 0, null, null, null, null));
            if (counts.noticeAndCall() >= wanted) {
                selection.freeze(counts.runId(), "benchmark");
                jdbc.execute("analyze");
                calls.openCases(fiscalYear);
                return;
            }
            members = (int) (members * 1.2 * wanted / Math.max(1, counts.noticeAndCall()));
        }
    }
}
