package jp.kenshin.outreach.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;
import jp.kenshin.outreach.IntegrationTest;
import jp.kenshin.outreach.PersonalValues;
import jp.kenshin.outreach.TestUsers;
import jp.kenshin.outreach.YearData;
import jp.kenshin.outreach.calling.CallCaseService;
import jp.kenshin.outreach.calling.CallingFixture;
import jp.kenshin.outreach.cycle.PhoneOutreachStarter;
import jp.kenshin.outreach.mailing.MailingProperties;
import jp.kenshin.outreach.mailing.MailingService;
import jp.kenshin.outreach.members.MembersImportService;
import jp.kenshin.outreach.privacy.Designations;
import jp.kenshin.outreach.privacy.PersonalDataService;
import jp.kenshin.outreach.privacy.PersonalDataService.AccessContext;
import jp.kenshin.outreach.privacy.Purpose;
import jp.kenshin.outreach.results.ResultsImportService;
import jp.kenshin.outreach.selection.TargetSelectionService;
import jp.kenshin.outreach.synthetic.SyntheticWardGenerator;
import jp.kenshin.outreach.synthetic.SyntheticWardSpec;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Provision 7 for a year that ran: members, previous results, a frozen list, the mailing with its print files, calls
 * with several outcomes and notes, the desk with an opt-out and an inquiry still open, a contract process still
 * running; then the deletion process to its certificate. Another year set up beside it is untouched. And a deletion
 * interrupted after each of its steps, then rerun, ends as an uninterrupted one.
 */
@IntegrationTest
class RealYearDeletionIT {

    private static final int FY = 2161;
    private static final int OTHER = 2162;
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @Autowired
    ProcessEngine engine;
    @Autowired
    DeletionService deletion;
    @Autowired
    MembersImportService members;
    @Autowired
    ResultsImportService results;
    @Autowired
    TargetSelectionService selection;
    @Autowired
    Designations designations;
    @Autowired
    CallCaseService calls;
    @Autowired
    PhoneOutreachStarter starter;
    @Autowired
    MailingService mailing;
    @Autowired
    MailingProperties mailingProperties;
    @Autowired
    PersonalDataService door;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    TestRestTemplate anonymous;
    @Autowired
    jp.kenshin.outreach.infrastructure.DatabaseProperties database;

    /** The 整理番号 of each prepared year, as stored before V20 (digits, no leading zeros). */
    private final Map<Integer, Set<String>> personNumbers = new HashMap<>();

    private TestRestTemplate as(String user) {
        return anonymous.withBasicAuth(user, TestUsers.password(user));
    }

    private Set<String> processInstanceIds() {
        return new HashSet<>(jdbc.queryForList("select id_ from act_hi_procinst", String.class));
    }

    /** A year as far as the calls: members, results, frozen list, mailing, call cases started. */
    private Set<String> prepareYear(int fy, int people) throws Exception {
        engine.getRuntimeService().startProcessInstanceByKey("contract-compliance", Integer.toString(fy), Map.of("fiscalYear", fy));
        CallingFixture.Prepared prepared = CallingFixture.prepare(fy, people, 0, members, selection, designations,
                engine.getIdentityService());
        ByteArrayOutputStream resultsFile = new ByteArrayOutputStream();
        new SyntheticWardGenerator(new SyntheticWardSpec(fy, people, fy, StandardCharsets.UTF_8)).writeResults(fy - 1, resultsFile);
        results.importResults(fy, new ByteArrayInputStream(resultsFile.toByteArray()), "results.csv", "UTF-8", true);
        mailing.plan(fy, 40);
        for (int batch : mailing.batchNumbers(fy)) {
            mailing.renderBatch(fy, batch, mailingProperties.directory(fy));
        }
        calls.openCases(fy);
        starter.startPending();
        personNumbers.put(fy, PersonalValues.personNumbers(prepared.membersFile(), StandardCharsets.UTF_8));
        return PersonalValues.of(prepared.membersFile(), StandardCharsets.UTF_8);
    }

    /**
     * What the raw scan of the data directory looks for: every 整理番号 of the year, and a few of its sealed values
     * (the longest, which no other test's synthetic people share): addresses, kanji names, phone numbers.
     */
    private Set<String> rawScanValues(int fy, Set<String> personal) {
        Set<String> values = new TreeSet<>(personNumbers.get(fy));
        assertThat(values).hasSizeGreaterThan(100).allSatisfy(v -> assertThat(v).hasSizeGreaterThanOrEqualTo(9));
        personal.stream().filter(v -> v.contains("丁目") || v.contains("番")).sorted(
                java.util.Comparator.comparing(String::length).reversed()).limit(5).forEach(values::add);
        personal.stream().filter(v -> v.contains(" ") && !v.matches(".*[ァ-ヶ].*")).sorted(
                java.util.Comparator.comparing(String::length).reversed()).limit(3).forEach(values::add);
        personal.stream().filter(v -> v.matches("0[0-9]{9,10}")).limit(5).forEach(values::add);
        assertThat(values).hasSizeGreaterThan(personNumbers.get(fy).size() + 8);
        return values;
    }

    private List<DataDirectoryScan.Finding> rawScan(Set<String> values) throws java.io.IOException {
        jdbc.execute("checkpoint");
        return DataDirectoryScan.find(database.dataDirectory().toAbsolutePath(), values);
    }

    private Task callTask(String caseId) {
        return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(caseId).singleResult();
    }

    private void call(String caseId, String outcome, String note) {
        ResponseEntity<Map<String, Object>> recorded = as(CallingFixture.OPERATOR).exchange(
                "/api/calls/tasks/" + callTask(caseId).getId() + "/outcome", HttpMethod.POST,
                new HttpEntity<>(Map.of("outcome", outcome, "note", note)), JSON);
        assertThat(recorded.getStatusCode()).as(outcome).isEqualTo(HttpStatus.OK);
    }

    private String openInquiry(int fy) {
        return (String) as(CallingFixture.SECOND_OPERATOR).exchange("/api/inquiries", HttpMethod.POST,
                new HttpEntity<>(Map.of("fiscalYear", fy)), JSON).getBody().get("inquiryId");
    }

    private Map<String, Long> countsOf(int fy) {
        Map<String, Long> counts = new TreeMap<>();
        for (YearData capability : deletion.capabilities()) {
            counts.putAll(capability.count(fy));
        }
        return counts;
    }

    /** The rows of the year left in the tables the capabilities delete (by table, only where some are left). */
    private Map<String, Long> deletedRowsLeft(int fy) {
        Map<String, Long> left = new TreeMap<>();
        for (YearData capability : deletion.capabilities()) {
            if (!capability.deletedTables().isEmpty()) {
                capability.count(fy).forEach((table, n) -> {
                    if (n != 0 && capability.deletedTables().contains(table.split("\\.", 2)[0])) {
                        left.put(table, n);
                    }
                });
            }
        }
        return left;
    }

    @Test
    void aYearWithCallsAndTheDeskIsDeletedToItsCertificateAndTheOtherYearIsUntouched() throws Exception {
        Set<String> before = processInstanceIds();
        Set<String> personal = prepareYear(FY, 120);
        Set<String> yearInstances = processInstanceIds();
        yearInstances.removeAll(before);
        Set<String> beforeOther = processInstanceIds();
        Set<String> otherPersonal = prepareYear(OTHER, 60);
        Set<String> otherInstances = processInstanceIds();
        otherInstances.removeAll(beforeOther);

        // calls with several outcomes, notes naming the person, and the desk
        List<String> cases = jdbc.queryForList("select id from call_case where fiscal_year = ? and process_instance_id is not null"
                + " order by id", String.class, FY);
        assertThat(cases.size()).isGreaterThanOrEqualTo(8);
        String[] outcomes = {"NO_ANSWER", "WILL_BOOK", "DECLINED", "BUSY", "WRONG_NUMBER", "DO_NOT_CALL", "ANSWERING_MACHINE"};
        for (int i = 0; i < outcomes.length; i++) {
            long memberId = calls.find(cases.get(i)).memberId();
            String name = door.read(CallingFixture.ward(), Purpose.INQUIRY, FY, List.of(memberId), AccessContext.of("test")).get(0)
                    .fields().get("漢字氏名");
            call(cases.get(i), outcomes[i], "メモ " + i + "：" + name + "様、夕方なら在宅");
        }
        String optOutCase = cases.get(outcomes.length);
        long optOutMember = calls.find(optOutCase).memberId();
        String ticket = door.read(CallingFixture.ward(), Purpose.INQUIRY, FY, List.of(optOutMember), AccessContext.of("test")).get(0)
                .fields().get("受診券整理番号");
        String answered = openInquiry(FY);
        as(CallingFixture.SECOND_OPERATOR).exchange("/api/inquiries/" + answered + "/lookup", HttpMethod.POST,
                new HttpEntity<>(Map.of("ticketNumber", ticket)), String.class);
        assertThat(as(CallingFixture.SECOND_OPERATOR).exchange("/api/inquiries/" + answered + "/answer", HttpMethod.POST,
                new HttpEntity<>(Map.of("category", "STOP_CONTACT", "note", "今後の電話は不要とのこと")), JSON).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(calls.hasOptedOut(FY, optOutMember)).isTrue();
        String stillOpen = openInquiry(FY);
        String otherInquiry = openInquiry(OTHER);
        Set<String> afterWork = processInstanceIds();
        afterWork.removeAll(before);
        afterWork.removeAll(otherInstances);
        afterWork.remove(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(otherInquiry)
                .singleResult().getId());
        yearInstances.addAll(afterWork);

        Map<String, Long> held = countsOf(FY);
        assertThat(held).containsKeys("member", "call_case", "call_attempt", "contact_opt_out", "inquiry", "checkup_result",
                "mailing_item", "selection_entry");
        assertThat(held.get("call_attempt")).isGreaterThanOrEqualTo(outcomes.length);
        assertThat(held.get("contact_opt_out")).as("the desk's STOP_CONTACT and the call's DO_NOT_CALL").isEqualTo(2);
        assertThat(held.get("inquiry")).isEqualTo(2);
        assertThat(held.get("door_inquiry_lookup")).as("the operator's lookup within the inquiry, counted by the door").isEqualTo(1);
        assertThat(held.get("checkup_result")).isPositive();
        assertThat(Files.list(mailingProperties.directory(FY)).count()).isPositive();
        Map<String, Long> otherHeld = countsOf(OTHER);
        long otherRunning = engine.getRuntimeService().createProcessInstanceQuery().processInstanceIds(otherInstances).count();
        assertThat(otherRunning).isPositive();
        long otherPrintFiles = Files.list(mailingProperties.directory(OTHER)).count();
        long otherAudit = jdbc.queryForObject("select count(*) from audit_log where fiscal_year = ?", Long.class, OTHER);

        // the raw files before the deletion: the scan does find a value written in clear (a probe, in a table of the
        // test's own, is found in its heap file and in the WAL), but no 整理番号 of the year and none of its sealed
        // values, although the year is whole
        Set<String> lookForRaw = new HashSet<>(personal);
        lookForRaw.removeAll(otherPersonal);
        Set<String> rawValues = rawScanValues(FY, lookForRaw);
        String probe = "raw-scan-probe:" + java.util.UUID.randomUUID();
        jdbc.execute("create table raw_scan_probe (v text)");
        // three rows in three transactions: a WAL record that straddles a WAL page boundary has the page's header in
        // the middle of its bytes, so one probe alone is missed by a byte search now and then (roughly one time in 160
        // for a value of 51 bytes); three records at different offsets cannot all straddle one
        for (int i = 0; i < 3; i++) {
            jdbc.update("insert into raw_scan_probe values (?)", probe);
        }
        Set<String> withProbe = new HashSet<>(rawValues);
        withProbe.add(probe);
        List<DataDirectoryScan.Finding> rawBefore = rawScan(withProbe);
        jdbc.execute("drop table raw_scan_probe");
        assertThat(rawBefore).filteredOn(f -> f.value().equals(probe)).extracting(f -> f.file().split("/")[0])
                .as("the probe in heap and WAL").contains("base", "pg_wal");
        assertThat(rawBefore).filteredOn(f -> !f.value().equals(probe)).as("the year's values in clear before the deletion").isEmpty();

        // the deletion process, as the ward runs it
        var deletionProcess = engine.getRuntimeService().startProcessInstanceByKey("data-return-and-deletion", Integer.toString(FY),
                Map.of("fiscalYear", FY));
        var tasks = engine.getTaskService();
        tasks.complete(tasks.createTaskQuery().processInstanceId(deletionProcess.getId()).singleResult().getId(),
                Map.of("deliverablesHandedOver", true, "deliverables", "通知・架電実績"));
        var job = engine.getManagementService().createJobQuery().processInstanceId(deletionProcess.getId()).singleResult();
        engine.getManagementService().executeJob(job.getId());
        assertThat(tasks.createTaskQuery().processInstanceId(deletionProcess.getId()).singleResult().getTaskDefinitionKey())
                .isEqualTo("Task_VerifyDeletion");
        assertThat(engine.getRuntimeService().getVariable(deletionProcess.getId(), "deletionProgress")).asString()
                .startsWith("DONE").contains("tables");

        // over REST: where it stands, counts only
        ResponseEntity<Map<String, Object>> progress = as(CallingFixture.WARD).exchange("/api/deletions/" + FY + "/progress",
                HttpMethod.GET, null, JSON);
        assertThat(progress.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(progress.getBody()).containsEntry("step", "DONE").containsEntry("finding", null);
        assertThat(((Number) progress.getBody().get("tablesDone")).intValue()).isEqualTo(
                ((Number) progress.getBody().get("tablesTotal")).intValue()).isGreaterThan(50);
        assertThat(((Number) progress.getBody().get("rowsScanned")).longValue()).isGreaterThan(held.get("member"));
        assertThat(((Number) progress.getBody().get("scanValues")).intValue()).isGreaterThan(held.get("member").intValue());
        assertThat(as(CallingFixture.OPERATOR).exchange("/api/deletions/" + FY + "/progress", HttpMethod.GET, null, JSON)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        // no row of the year in any table a capability deletes, and every table with the year's rows is someone's
        assertThat(deletedRowsLeft(FY)).isEmpty();
        Set<String> classified = new HashSet<>();
        for (YearData capability : deletion.capabilities()) {
            classified.addAll(capability.deletedTables());
            classified.addAll(capability.keptTables().keySet());
        }
        List<String> yearTables = jdbc.queryForList("""
                select distinct c.table_name from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
                  and c.column_name in ('fiscal_year', 'cycle_year', 'member_id', 'case_id') and c.table_name not like 'act_%'
                union select tc.table_name from information_schema.table_constraints tc
                join information_schema.constraint_column_usage u on u.constraint_name = tc.constraint_name
                where tc.constraint_type = 'FOREIGN KEY' and u.table_name in ('member', 'call_case', 'import_run')""", String.class);
        assertThat(classified).as("every table holding rows of a year is deleted or kept, with the reason")
                .containsAll(yearTables);
        assertThat(Files.exists(mailingProperties.directory(FY))).as("print files").isFalse();

        // no engine history of the year: no instance, and no ACT_HI_* row of any of its instances
        Set<String> kept = Set.of(deletionProcess.getId());
        yearInstances.removeAll(kept);
        assertThat(yearInstances).hasSizeGreaterThan(cases.size());
        List<String> historyLeft = new ArrayList<>();
        for (Map<String, Object> column : jdbc.queryForList("""
                select table_name, column_name from information_schema.columns where table_schema = current_schema()
                and table_name like 'act_hi_%' and column_name in ('proc_inst_id_', 'root_proc_inst_id_', 'id_')""")) {
            String table = (String) column.get("table_name");
            String name = (String) column.get("column_name");
            if (name.equals("id_") && !table.equals("act_hi_procinst")) {
                continue;
            }
            Integer n = jdbc.queryForObject("select count(*) from " + table + " where " + name + " = any (?)", Integer.class,
                    (Object) yearInstances.toArray(new String[0]));
            if (n > 0) {
                historyLeft.add(table + "." + name + "=" + n);
            }
        }
        assertThat(historyLeft).isEmpty();
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceIds(yearInstances).count()).isZero();

        // the scan found nothing, and neither does a look of our own
        Set<String> lookFor = new HashSet<>(personal);
        lookFor.removeAll(otherPersonal);
        assertThat(PersonalValues.findIn(dataSource, "", lookFor)).isEmpty();
        // and a raw look at the files, after a checkpoint: heap pages, indexes, WAL, logs
        assertThat(rawScan(rawValues)).as("the year's values in the raw files of the data directory").isEmpty();
        DeletionService.Certificate certificate = deletion.issued(FY).orElseThrow();
        assertThat(certificate.counts()).containsEntry("member", held.get("member")).containsEntry("call_case", held.get("call_case"))
                .containsEntry("inquiry", 2L).containsEntry("door_inquiry_lookup", 1L)
                .containsEntry("engine.purgedProcessInstances", (long) yearInstances.size());
        assertThat(jdbc.queryForObject("select count(*) from door_inquiry_lookup where inquiry_id = ?", Integer.class, answered))
                .as("the lookup counter of the year's inquiry, with the member ids it found").isZero();
        assertThat(certificate.counts().get("engine.cancelledProcessInstances")).as("the open inquiry, the calls, the contract")
                .isGreaterThanOrEqualTo(3);
        assertThat(certificate.notPurged()).hasSize(1).allSatisfy(s -> assertThat(s).contains(deletionProcess.getId(), "消去手続き"));
        assertThat(door.isYearDestroyed(FY)).isTrue();
        tasks.complete(tasks.createTaskQuery().processInstanceId(deletionProcess.getId()).singleResult().getId(),
                Map.of("deletionVerified", true));

        // the other year: its rows, its running processes, its print files, its key and its audit records
        assertThat(countsOf(OTHER)).isEqualTo(otherHeld);
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceIds(otherInstances).count())
                .isEqualTo(otherRunning);
        assertThat(Files.list(mailingProperties.directory(OTHER)).count()).isEqualTo(otherPrintFiles);
        assertThat(jdbc.queryForObject("select count(*) from audit_log where fiscal_year = ?", Long.class, OTHER)).isEqualTo(otherAudit);
        long otherMember = jdbc.queryForObject("select min(id) from member where fiscal_year = ?", Long.class, OTHER);
        assertThat(door.read(CallingFixture.ward(), Purpose.INQUIRY, OTHER, List.of(otherMember), AccessContext.of("test")))
                .hasSize(1);
        assertThat(door.isYearDestroyed(OTHER)).isFalse();
        // the deletion scan of a year looks for its 整理番号 too (they are kept sealed, and come through the door)
        Set<String> scanValues = java.util.concurrent.ConcurrentHashMap.newKeySet(); // given from two threads
        door.personalValuesForDeletionScan(OTHER, scanValues::add, "test");
        assertThat(scanValues).containsAll(personNumbers.get(OTHER));
    }

    @Test
    void aDeletionInterruptedAfterEachStepAndRerunEndsLikeAnUninterruptedOne() throws Exception {
        int crashed = 2141;
        int straight = 2142;
        Map<Integer, Map<String, Long>> held = new LinkedHashMap<>();
        for (int fy : List.of(crashed, straight)) {
            prepareYear(fy, 40);
            held.put(fy, deletion.counts(fy));
        }

        DeletionService.Certificate uninterrupted = deletion.destroy(straight, "ward", null);

        List<String> crashes = new ArrayList<>();
        DeletionService.Certificate rerun = null;
        for (String crashAfter : List.of(DeletionService.CLOSED, DeletionService.SCANNED, DeletionService.ROWS_DELETED,
                DeletionService.FILES_DELETED, DeletionService.KEY_DESTROYED)) {
            deletion.afterStep(step -> {
                if (step.equals(crashAfter)) {
                    throw new IllegalStateException("test: the job dies after " + step);
                }
            });
            try {
                assertThatThrownBy(() -> deletion.destroy(crashed, "ward", null)).hasMessageContaining("test: the job dies after");
                crashes.add(crashAfter + ":" + deletion.progress(crashed).orElseThrow().step());
                assertThat(door.isYearDestroyed(crashed)).as("no key destroyed before the end").isFalse();
            } finally {
                deletion.afterStep(null);
            }
        }
        rerun = deletion.destroy(crashed, "ward", null);
        assertThat(crashes).containsExactly("CLOSED:CLOSED", "SCANNED:SCANNED", "ROWS_DELETED:ROWS_DELETED",
                "FILES_DELETED:ROWS_DELETED", "KEY_DESTROYED:ROWS_DELETED");

        for (var year : List.of(Map.entry(crashed, rerun), Map.entry(straight, uninterrupted))) {
            int fy = year.getKey();
            DeletionService.Certificate certificate = year.getValue();
            assertThat(door.isYearDestroyed(fy)).isTrue();
            assertThat(deletion.progress(fy).orElseThrow().step()).isEqualTo("DONE");
            assertThat(Files.exists(mailingProperties.directory(fy))).isFalse();
            assertThat(deletedRowsLeft(fy)).isEmpty();
            assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKeyLike("CC" + fy + "N%")
                    .count()).isZero();
            assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(Integer.toString(fy))
                    .count()).isZero();
            Map<String, Long> before = held.get(fy);
            for (String what : List.of("member", "call_case", "checkup_result", "mailing_item", "selection_entry", "designation",
                    "engine.processInstances")) {
                assertThat(certificate.counts()).as(fy + " " + what).containsEntry(what, before.get(what));
            }
            assertThat(certificate.counts().get("engine.purgedProcessInstances")).isEqualTo(before.get("engine.processInstances"));
            assertThat(certificate.counts().get("mailing.printFiles")).isPositive();
            // the audit log records each try of the last step in its own transaction: one more after a crash inside it
            assertThat(jdbc.queryForObject("select count(*) from audit_log where fiscal_year = ? and action = 'DELETION'", Integer.class,
                    fy)).isEqualTo(fy == crashed ? 2 : 1);
            assertThat(jdbc.queryForObject("select count(*) from deletion_certificate where fiscal_year = ?", Integer.class, fy))
                    .isEqualTo(1);
        }
        assertThat(rerun.counts().keySet()).isEqualTo(uninterrupted.counts().keySet());
        assertThat(rerun.scanColumns()).isEqualTo(uninterrupted.scanColumns());
        assertThatThrownBy(() -> deletion.destroy(crashed, "ward", null)).hasMessageContaining("すでに消去");
    }
}
