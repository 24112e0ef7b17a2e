package jp.kenshin.outreach.demo;

import static jp.kenshin.outreach.process.AnnualOutreachCycleVariables.*;
import static jp.kenshin.outreach.process.ContractComplianceVariables.*;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Map;
import jp.kenshin.outreach.compliance.ContractService;
import jp.kenshin.outreach.privacy.Designation;
import jp.kenshin.outreach.privacy.Purpose;
import jp.kenshin.outreach.cycle.CycleStarter;
import jp.kenshin.outreach.fileimport.ImportReport;
import jp.kenshin.outreach.members.MembersImportService;
import jp.kenshin.outreach.results.ResultsImportService;
import jp.kenshin.outreach.synthetic.SyntheticWardGenerator;
import jp.kenshin.outreach.synthetic.SyntheticWardSpec;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * With {@code kenshin.demo.enabled}: creates the demo users, generates a ward of synthetic people,
 * starts the current fiscal year's cycle, passes its contract gate with the demo contractor, imports
 * the members and last year's results and completes the two import tasks, so that Tasklist shows the approval of the target list. Runs once per data
 * directory: a cycle already started for the year is left as it is.
 */
@Component
@org.springframework.core.annotation.Order(10)
@ConditionalOnProperty(name = "kenshin.demo.enabled", havingValue = "true")
class DemoWard implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoWard.class);
    private static final Charset CP932 = Charset.forName("windows-31j");

    private final DemoProperties properties;
    private final DemoUsers users;
    private final CycleStarter cycles;
    private final MembersImportService members;
    private final ResultsImportService results;
    private final TaskService tasks;
    private final ContractService contracts;
    private final Clock clock;

    DemoWard(DemoProperties properties, DemoUsers users, CycleStarter cycles, MembersImportService members,
            ResultsImportService results, TaskService tasks, ContractService contracts, Clock clock) {
        this.clock = clock;
        this.contracts = contracts;
        this.properties = properties;
        this.users = users;
        this.cycles = cycles;
        this.members = members;
        this.results = results;
        this.tasks = tasks;
    }

    static int currentFiscalYear(LocalDate today) {
        return jp.kenshin.outreach.FiscalYear.of(today);
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        users.create();
        int fiscalYear = currentFiscalYear(LocalDate.now(clock));
        if (cycles.state(fiscalYear).isPresent()) {
            log.info("Demo: the cycle of fiscal year {} already exists; nothing loaded", fiscalYear);
            return;
        }
        log.info("Demo: generating a ward of {} synthetic members for fiscal year {}", properties.members(), fiscalYear);
        SyntheticWardGenerator generator = new SyntheticWardGenerator(
                new SyntheticWardSpec(properties.seed(), properties.members(), fiscalYear, CP932));
        Path membersFile = Files.createTempFile("demo-members", ".csv");
        Path resultsFile = Files.createTempFile("demo-results", ".csv");
        try {
            try (OutputStream out = Files.newOutputStream(membersFile)) {
                generator.writeMembers(out);
            }
            try (OutputStream out = Files.newOutputStream(resultsFile)) {
                generator.writeResults(fiscalYear - 1, out);
            }
            CycleStarter.CycleState cycle = cycles.start(
                    new CycleStarter.CycleStart(fiscalYear, LocalDate.of(fiscalYear, 4, 1), 0.0, null));
            passContractGate(fiscalYear);
            ImportReport membersReport;
            try (InputStream in = Files.newInputStream(membersFile)) {
                membersReport = members.importMembers(fiscalYear, in, "demo-members.csv", "windows-31j", true);
            }
            ImportReport resultsReport;
            try (InputStream in = Files.newInputStream(resultsFile)) {
                resultsReport = results.importResults(fiscalYear, in, "demo-results.csv", "windows-31j", true);
            }
            String year = Integer.toString(cycle.fiscalYear());
            completeByKey(year, TASK_IMPORT_MEMBERS, "ward", Map.of(MEMBERS_IMPORT_ID, membersReport.id()));
            completeByKey(year, TASK_IMPORT_PREVIOUS_RESULTS, "ward", Map.of(PREVIOUS_RESULTS_IMPORT_ID, resultsReport.id()));
            log.info("Demo: imports {} and {} done; the selection runs as a job, then Tasklist shows the approval to user 'ward'",
                    membersReport.id(), resultsReport.id());
        } finally {
            Files.deleteIfExists(membersFile);
            Files.deleteIfExists(resultsFile);
        }
    }

    /** The demo contract: registered, the demo contractor's users designated and trained, attested, approved. */
    private void passContractGate(int fiscalYear) {
        String year = Integer.toString(fiscalYear);
        completeByKey(year, TASK_REGISTER_CONTRACT, "ward", Map.of(CONTRACT_NUMBER, "デモ-" + fiscalYear + "-001",
                CONTRACTOR_NAME, "デモ委託先株式会社", CONTRACTOR_GROUP, DemoUsers.CONTRACTOR_ORGANISATION,
                CONTRACT_PERIOD_FROM, fiscalYear + "-04-01", CONTRACT_PERIOD_TO, (fiscalYear + 1) + "-03-31",
                PROVISIONS_ACKNOWLEDGED, "1,2,3,4,5,6,7,8,9,10,11,12,13"));
        LocalDate from = LocalDate.of(fiscalYear, 4, 1);
        LocalDate to = LocalDate.of(fiscalYear + 1, 3, 31);
        contracts.designate(new Designation(null, fiscalYear, "lead", Designation.Role.PERSON_IN_CHARGE,
                EnumSet.allOf(Purpose.class), from, to, from.plusDays(5)), "lead");
        contracts.designate(new Designation(null, fiscalYear, "operator", Designation.Role.HANDLER,
                EnumSet.of(Purpose.NOTICE, Purpose.CALL, Purpose.INQUIRY), from, to, from.plusDays(5)), "lead");
        contracts.designate(new Designation(null, fiscalYear, "analyst", Designation.Role.HANDLER,
                EnumSet.of(Purpose.ANALYSIS), from, to, from.plusDays(5)), "lead");
        completeByKey(year, TASK_DESIGNATE_HANDLERS, "lead", Map.of());
        completeByKey(year, TASK_ATTEST_PROTECTION, "lead", Map.of(LOCKED_STORAGE, true, ENTRY_CONTROL, true,
                MEDIA_RESTRICTION, true, PER_PERSON_FILE_ACCESS, true));
        completeByKey(year, TASK_REVIEW_CONTRACT, "ward", Map.of(CONTRACT_APPROVED, true));
    }

    private void completeByKey(String businessKey, String taskKey, String user, Map<String, Object> variables) {
        Task task = tasks.createTaskQuery().processInstanceBusinessKey(businessKey).taskDefinitionKey(taskKey).singleResult();
        tasks.claim(task.getId(), user);
        tasks.complete(task.getId(), variables);
    }

}
