package jp.kenshin.outreach.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;
import jp.kenshin.outreach.ContractGate;
import jp.kenshin.outreach.IntegrationTest;
import jp.kenshin.outreach.PersonalValues;
import jp.kenshin.outreach.TestUsers;
import jp.kenshin.outreach.YearData;
import jp.kenshin.outreach.calling.CallCaseService;
import jp.kenshin.outreach.calling.CallOutcome;
import jp.kenshin.outreach.calling.CallingFixture;
import jp.kenshin.outreach.compliance.ContractService;
import jp.kenshin.outreach.compliance.DataDirectoryScan;
import jp.kenshin.outreach.compliance.DeletionService;
import jp.kenshin.outreach.infrastructure.DatabaseProperties;
import jp.kenshin.outreach.mailing.MailingProperties;
import jp.kenshin.outreach.members.MembersImportService;
import jp.kenshin.outreach.privacy.Designation;
import jp.kenshin.outreach.privacy.Designations;
import jp.kenshin.outreach.privacy.PersonalCipher;
import jp.kenshin.outreach.privacy.PersonalDataService;
import jp.kenshin.outreach.privacy.Purpose;
import jp.kenshin.outreach.privacy.Requester;
import jp.kenshin.outreach.privacy.YearKeyDestroyedException;
import jp.kenshin.outreach.process.AnnualOutreachCycleVariables;
import jp.kenshin.outreach.process.DataReturnAndDeletionVariables;
import jp.kenshin.outreach.process.ExportApprovalVariables;
import jp.kenshin.outreach.process.IncidentReportVariables;
import jp.kenshin.outreach.process.PhoneOutreachVariables;
import jp.kenshin.outreach.process.ProcessVariables;
import jp.kenshin.outreach.results.ResultsImportService;
import jp.kenshin.outreach.selection.TargetSelectionService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 12, first check: one year run through import, selection, mailing, returned mail, calls with every outcome and
 * notes, the desk with an opt-out and an address change, an incident, an export approval, this year's results and the
 * effect analysis; then the deletion to its certificate. Afterwards no personal value of the year is in any table, the
 * data directory, the print folder or the log; no ACT_HI_* row belongs to the year; the sealed rows a dump taken before
 * the deletion holds no longer open; another year's data, cycle and the audit chain are untouched.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class FullCycleDeletionIT {

    /*
     * Years no other test uses. The year's members are born FY-75..FY-39, and the deletion's scan looks for their birth
     * dates (as 2037-04-01 too) in every text column: a year whose birth dates fall on the dates other tests' cycles
     * write into the engine (2076 meets FullCycleIT's reference date 2037-04-01) is rightly refused. These do not.
     */
    private static final int FY = 2035;
    private static final int OTHER = 2029;
    private static final String WARD = "fcdward";
    private static final String AUDITOR = "fcdauditor";
    private static final String EXPORT_LEAD = "fcdexportlead";
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @Autowired
    ProcessEngine engine;
    @Autowired
    CycleStarter starter;
    @Autowired
    MembersImportService members;
    @Autowired
    ResultsImportService results;
    @Autowired
    TargetSelectionService selection;
    @Autowired
    Designations designations;
    @Autowired
    ContractService contracts;
    @Autowired
    CallCaseService calls;
    @Autowired
    PhoneOutreachStarter callStarter;
    @Autowired
    DeletionService deletion;
    @Autowired
    MailingProperties mailingProperties;
    @Autowired
    PersonalCipher cipher;
    @Autowired
    DatabaseProperties database;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    TestRestTemplate anonymous;
    @Autowired
    PersonalDataService door;

    /** A sealed member row as a dump of the database holds it. */
    private record DumpedMember(long id, byte[] personIndex, byte[] personal) {
    }

    private TestRestTemplate as(String user) {
        return anonymous.withBasicAuth(user, TestUsers.password(user));
    }

    private YearFixture year;

    @BeforeEach
    void year() {
        year = new YearFixture(engine, starter, contracts, members, results, FY);
    }

    private Task only(String processInstanceId) {
        return engine.getTaskService().createTaskQuery().processInstanceId(processInstanceId).singleResult();
    }

    private void asWard(Runnable work) {
        engine.getIdentityService().setAuthentication(WARD, List.of("ward-staff"));
        try {
            work.run();
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    private Map<String, Long> countsOf(int fy) {
        Map<String, Long> counts = new TreeMap<>();
        for (YearData capability : deletion.capabilities()) {
            counts.putAll(capability.count(fy));
        }
        return counts;
    }

    private Map<String, Long> deletedRowsLeft(int fy) {
        Map<String, Long> left = new TreeMap<>();
        for (YearData capability : deletion.capabilities()) {
            capability.count(fy).forEach((table, n) -> {
                if (n != 0 && capability.deletedTables().contains(table.split("\\.", 2)[0])) {
                    left.put(table, n);
                }
            });
        }
        return left;
    }

    /** The year's process instances, found by business key (the cycle's, the calls', the inquiries'). */
    private Set<String> instancesByBusinessKey(String inquiryPrefix) {
        return new HashSet<>(jdbc.queryForList("""
                select id_ from act_hi_procinst where business_key_ = ? or business_key_ like ? or business_key_ like ?""",
                String.class, Integer.toString(FY), "CC" + FY + "N%", inquiryPrefix + "%"));
    }

    /** The year's process instances, found by their fiscalYear variable. */
    private Set<String> instancesByVariable() {
        return new HashSet<>(jdbc.queryForList("""
                select distinct proc_inst_id_ from act_hi_varinst where name_ = 'fiscalYear' and long_ = ?
                and proc_inst_id_ is not null""", String.class, (long) FY));
    }

    private List<String> historyRowsOf(Set<String> instances) {
        List<String> left = new ArrayList<>();
        for (Map<String, Object> column : jdbc.queryForList("""
                select table_name, column_name from information_schema.columns where table_schema = current_schema()
                and (table_name like 'act_hi_%' and column_name in ('proc_inst_id_', 'root_proc_inst_id_', 'id_')
                  or table_name in ('act_ge_bytearray', 'act_ru_authorization') and column_name = 'root_proc_inst_id_')""")) {
            String table = (String) column.get("table_name");
            String name = (String) column.get("column_name");
            if (name.equals("id_") && !table.equals("act_hi_procinst")) {
                continue;
            }
            Integer n = jdbc.queryForObject("select count(*) from " + table + " where " + name + " = any (?)", Integer.class,
                    (Object) instances.toArray(new String[0]));
            if (n > 0) {
                left.add(table + "." + name + "=" + n);
            }
        }
        return left;
    }

    private static Set<String> personNumbers(byte[] membersFile, Charset encoding) throws Exception {
        Set<String> numbers = new TreeSet<>();
        try (var reader = new java.io.InputStreamReader(new ByteArrayInputStream(membersFile), encoding)) {
            for (var r : org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                numbers.add(java.text.Normalizer.normalize(r.get("整理番号"), java.text.Normalizer.Form.NFKC).strip()
                        .replaceFirst("^0+", ""));
            }
        }
        return numbers;
    }

    private List<DumpedMember> dump(int fy) {
        return jdbc.query("select id, person_index, personal from member where fiscal_year = ? order by id",
                (rs, i) -> new DumpedMember(rs.getLong(1), rs.getBytes(2), rs.getBytes(3)), fy);
    }

    /**
     * Every text and bytea column of every table (bytes read as UTF-8), searched for the values: the columns where a
     * value could be written. Date columns are left out: another year's 資格取得日 may fall on a birth date of this year.
     * Answers "table.column (a value of n characters)", never the value.
     */
    private List<String> textColumnsContaining(Set<String> values) {
        org.ahocorasick.trie.Trie trie = org.ahocorasick.trie.Trie.builder().addKeywords(values).build();
        Map<String, List<String>> columns = new TreeMap<>();
        jdbc.query("""
                select c.table_name, c.column_name from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
                  and c.data_type in ('text', 'character varying', 'character', 'bytea', 'json', 'jsonb', 'xml')""",
                (java.sql.ResultSet rs) -> {
                    columns.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add(rs.getString(2));
                });
        assertThat(columns).containsKeys("member", "audit_log", "act_hi_varinst", "act_ge_bytearray");
        List<String> found = new ArrayList<>();
        columns.forEach((table, names) -> {
            for (String column : names) {
                jdbc.query("select \"" + column + "\" from \"" + table + "\" where \"" + column + "\" is not null",
                        (java.sql.ResultSet rs) -> {
                            Object value = rs.getObject(1);
                            String text = value instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                                    : value.toString();
                            for (var emit : trie.parseText(text)) {
                                found.add(table + "." + column + " (a value of " + emit.getKeyword().length() + " characters)");
                            }
                        });
            }
        });
        return found;
    }

    private static DumpedMember first(List<DumpedMember> dumped) {
        return dumped.get(0);
    }

    private byte[] copyOut(String sql) throws Exception {
        try (java.sql.Connection c = dataSource.getConnection()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new org.postgresql.copy.CopyManager(c.unwrap(org.postgresql.core.BaseConnection.class)).copyOut(sql, out);
            return out.toByteArray();
        }
    }

    private void copyIn(byte[] dump) throws Exception {
        try (java.sql.Connection c = dataSource.getConnection()) {
            new org.postgresql.copy.CopyManager(c.unwrap(org.postgresql.core.BaseConnection.class))
                    .copyIn("copy member from stdin with (format binary)", new ByteArrayInputStream(dump));
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }

    @Test
    void aWholeYearIsDeletedToItsCertificateAndNothingOfItIsLeftWhileAnotherYearIsUntouched(CapturedOutput log) throws Exception {
        AbstractAssertions.init(engine);
        TestUsers.ensure(engine.getIdentityService(), WARD, "ward-staff");
        TestUsers.ensure(engine.getIdentityService(), AUDITOR, "auditor");
        TestUsers.ensure(engine.getIdentityService(), EXPORT_LEAD, "contractor-lead");

        // another year, set up first: its members, selection, designations, and its cycle running
        CallingFixture.Prepared other = CallingFixture.prepare(OTHER, 60, 0, members, selection, designations,
                engine.getIdentityService());
        String otherCycle = starter.start(new CycleStarter.CycleStart(OTHER, LocalDate.of(OTHER, 4, 1), 0.0, null)).processInstanceId();
        Set<String> otherPersonal = PersonalValues.of(other.membersFile(), java.nio.charset.StandardCharsets.UTF_8);

        // the year: a full cycle, as FullCycleIT runs it
        YearFixture.Files wardFiles = YearFixture.Files.of(FY, 200);
        LocalDate dispatched = LocalDate.of(FY, 6, 1);
        ProcessInstance cycle = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceId(year.toDispatch(wardFiles, 0.1, 99L, dispatched)).singleResult();
        // the mailing's print files are in the print folder
        Path printFolder = mailingProperties.directory(FY);
        try (var files = Files.list(printFolder)) {
            assertThat(files.count()).as("print files of the year").isPositive();
        }

        // returned mail, recorded by the ward over REST
        String returned = jdbc.queryForObject("select mailing_id from mailing_item where fiscal_year = ? order by seq limit 1",
                String.class, FY);
        assertThat(as(WARD).exchange("/api/mailings/" + FY + "/returned/" + returned, HttpMethod.POST, null, JSON).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(jdbc.queryForObject("select count(*) from mailing_item where fiscal_year = ? and returned_at is not null",
                Integer.class, FY)).isEqualTo(1);

        // the calls open 7 days after the dispatch
        year.openCalls(cycle.getId());
        int cases = calls.count(FY);
        assertThat(callStarter.startPending()).as("one call process per case").isEqualTo(cases);
        CallOutcome[] outcomes = CallOutcome.values();
        List<String> caseIds = jdbc.queryForList("select id from call_case where fiscal_year = ? and process_instance_id is not null"
                + " order by id", String.class, FY);
        assertThat(caseIds).hasSizeGreaterThan(outcomes.length + 2).hasSize(cases);

        // an operator records every outcome over the form's REST calls, with notes naming the person
        TestRestTemplate operator = as(ContractGate.OPERATOR);
        Set<String> typed = new HashSet<>();
        for (int i = 0; i < outcomes.length; i++) {
            String taskId = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(caseIds.get(i)).singleResult().getId();
            // the person is shown only once the call is claimed (the form's 担当する, or Claim in Tasklist)
            assertThat(operator.postForEntity("/api/calls/tasks/" + taskId + "/claim", null, String.class).getStatusCode())
                    .isEqualTo(HttpStatus.OK);
            @SuppressWarnings("unchecked")
            Map<String, String> person = (Map<String, String>) operator.exchange("/api/calls/tasks/" + taskId + "/view", HttpMethod.GET,
                    null, JSON).getBody().get("person");
            String note = person.get("漢字氏名") + "さん、" + person.get("電話番号") + " メモ" + i;
            typed.add(note);
            Map<String, Object> body = new java.util.HashMap<>(Map.of("outcome", outcomes[i].name(), "note", note));
            if (outcomes[i] == CallOutcome.CALLBACK_REQUESTED) {
                body.put("callbackAt", LocalDate.now().plusDays(2).atTime(18, 0).toString());
            }
            var recorded = operator.exchange("/api/calls/tasks/" + taskId + "/outcome", HttpMethod.POST, new HttpEntity<>(body), JSON);
            assertThat(recorded.getStatusCode()).as(outcomes[i] + " " + recorded.getBody()).isEqualTo(HttpStatus.OK);
        }
        assertThat(jdbc.queryForObject("select count(distinct outcome) from call_attempt a join call_case c on c.id = a.case_id"
                + " where c.fiscal_year = ?", Integer.class, FY)).isEqualTo(outcomes.length);

        // the desk: an opt-out found by ticket number, and an address change found by name and birth date
        Requester ward = new Requester(WARD, Set.of(Requester.WARD_STAFF));
        String optOutCase = caseIds.get(outcomes.length);
        long optOutMember = calls.find(optOutCase).memberId();
        String ticket = door.read(ward, Purpose.INQUIRY, FY, List.of(optOutMember),
                PersonalDataService.AccessContext.of("test: the caller's ticket")).get(0).fields().get("受診券整理番号");
        String optOut = (String) operator.exchange("/api/inquiries", HttpMethod.POST, new HttpEntity<>(Map.of("fiscalYear", FY)), JSON)
                .getBody().get("inquiryId");
        assertThat(operator.exchange("/api/inquiries/" + optOut + "/lookup", HttpMethod.POST,
                new HttpEntity<>(Map.of("ticketNumber", ticket)), List.class).getBody()).hasSize(1);
        assertThat(operator.exchange("/api/inquiries/" + optOut + "/answer", HttpMethod.POST,
                new HttpEntity<>(Map.of("category", "STOP_CONTACT", "note", "今後は連絡不要")), JSON).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(calls.hasOptedOut(FY, optOutMember)).isTrue();

        long movingMember = calls.find(caseIds.get(outcomes.length + 1)).memberId();
        Map<String, String> moving = door.read(ward, Purpose.INQUIRY, FY, List.of(movingMember),
                PersonalDataService.AccessContext.of("test: the caller")).get(0).fields();
        String addressChange = (String) operator.exchange("/api/inquiries", HttpMethod.POST, new HttpEntity<>(Map.of("fiscalYear", FY)),
                JSON).getBody().get("inquiryId");
        List<?> found = operator.exchange("/api/inquiries/" + addressChange + "/lookup", HttpMethod.POST,
                new HttpEntity<>(Map.of("name", moving.get("カナ氏名").replace(" ", "　"), "birthDate", moving.get("生年月日"))),
                List.class).getBody();
        assertThat(found).isNotEmpty();
        if (found.size() > 1) {
            operator.postForEntity("/api/inquiries/" + addressChange + "/caller", Map.of("memberId", movingMember), String.class);
        }
        String movingNote = moving.get("漢字氏名") + "様、転居予定、新住所は後日連絡";
        typed.add(movingNote);
        assertThat(operator.exchange("/api/inquiries/" + addressChange + "/answer", HttpMethod.POST,
                new HttpEntity<>(Map.of("category", "ADDRESS_CHANGE", "escalate", true, "escalationDue", LocalDate.now().plusDays(3)
                        .toString(), "note", movingNote)), JSON).getStatusCode()).isEqualTo(HttpStatus.OK);
        for (Task wardTask : engine.getTaskService().createTaskQuery().processInstanceBusinessKey(addressChange).list()) {
            assertThat(as(WARD).postForEntity("/engine-rest/task/" + wardTask.getId() + "/complete",
                    Map.of("variables", Map.of("wardResponse", Map.of("value", "保険年金課へ連絡済み"))), String.class).getStatusCode())
                    .isEqualTo(HttpStatus.NO_CONTENT);
        }
        String inquiryPrefix = optOut.substring(0, optOut.indexOf(Integer.toString(FY)) + 4);
        assertThat(addressChange).startsWith(inquiryPrefix);

        // an incident, raised and handled to its end
        ProcessInstance incident = engine.getRuntimeService().startProcessInstanceByKey(IncidentReportVariables.INCIDENT_PROCESS_KEY, Map.of(
                ProcessVariables.FISCAL_YEAR, FY, IncidentReportVariables.INCIDENT_CATEGORY, "誤送付", "occurredOn", LocalDate.of(FY, 6, 10).toString(),
                "affectedCount", 1, IncidentReportVariables.INCIDENT_SUMMARY, "通知はがき1通を別の宛先に送付した"));
        engine.getTaskService().complete(only(incident.getId()).getId());
        engine.getTaskService().complete(only(incident.getId()).getId(),
                Map.of(IncidentReportVariables.WRITTEN_REPORT, "宛名の並べ替えの誤り。再発防止として二重確認を行う。"));
        engine.getTaskService().complete(only(incident.getId()).getId(),
                Map.of(IncidentReportVariables.INSTRUCTIONS, "誤送付先への回収と本人への謝罪を行うこと"));
        engine.getTaskService().complete(only(incident.getId()).getId());
        engine.getTaskService().complete(only(incident.getId()).getId(), Map.of(IncidentReportVariables.PUBLISH_INCIDENT, false));
        assertThat(incident).isEnded();

        // an export approval, asked by the contractor's lead, approved by the ward, used once
        LocalDate today = LocalDate.now();
        designations.save(new Designation(null, FY, EXPORT_LEAD, Designation.Role.PERSON_IN_CHARGE, EnumSet.allOf(Purpose.class),
                today.minusDays(1), today.plusDays(30), today.minusDays(1)), "ward");
        designations.setHandoverAllowed(FY, true, "ward");
        engine.getIdentityService().setAuthentication(EXPORT_LEAD, List.of("contractor-lead"));
        ProcessInstance request;
        try {
            request = engine.getRuntimeService().startProcessInstanceByKey(ExportApprovalVariables.EXPORT_APPROVAL_PROCESS_KEY, Map.of(
                    ProcessVariables.FISCAL_YEAR, FY, ExportApprovalVariables.EXPORT_PURPOSE, "CALL", ExportApprovalVariables.MEMBER_COUNT, 2,
                    ExportApprovalVariables.EXPORT_REASON, "架電結果の照合"));
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
        long approval = ((Number) engine.getRuntimeService().getVariable(request.getId(), ExportApprovalVariables.EXPORT_APPROVAL_ID)).longValue();
        asWard(() -> engine.getTaskService().complete(only(request.getId()).getId(), Map.of(ExportApprovalVariables.EXPORT_APPROVED, true)));
        assertThat(request).isEnded();
        List<Long> exported = List.of(optOutMember, movingMember);
        assertThat(door.export(new Requester(EXPORT_LEAD, Set.of("contractor-lead")), Purpose.CALL, FY, exported,
                PersonalDataService.AccessContext.of("test: export"), approval, new ByteArrayOutputStream(),
                (f, p, out) -> out.write(Integer.toString(p.size()).getBytes())).count()).isEqualTo(2);

        // this year's results, the returned mail closes, the cut-off, the effect analysis
        results.importResults(FY, new ByteArrayInputStream(wardFiles.thisYear()), "results-this-year.csv", "windows-31j", true);
        assertThat(jdbc.queryForObject("select count(*) from call_case where fiscal_year = ? and state = 'ATTENDED'", Long.class, FY))
                .isPositive();
        year.acceptReturnedMail();
        year.publishAnalysis(cycle.getId(), WARD);
        assertThat(cycle).isEnded().hasPassed(AnnualOutreachCycleVariables.CALL_ACTIVITY_EFFECT_ANALYSIS, AnnualOutreachCycleVariables.END_EVENT_CYCLE_COMPLETED);
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(PhoneOutreachVariables.PHONE_OUTREACH_PROCESS_KEY)
                .processInstanceBusinessKeyLike("CC" + FY + "N%").count()).as("calls running after the cut-off").isZero();

        // what the year holds before the deletion
        Map<String, Long> held = countsOf(FY);
        assertThat(held).containsKeys("member", "call_case", "call_attempt", "contact_opt_out", "inquiry", "checkup_result",
                "mailing_item", "selection_entry");
        Set<String> byKey = instancesByBusinessKey(inquiryPrefix);
        Set<String> byVariable = instancesByVariable();
        assertThat(byKey).contains(cycle.getId()).hasSizeGreaterThan(caseIds.size());
        assertThat(byVariable).contains(cycle.getId(), incident.getId(), request.getId());
        Set<String> yearInstances = new HashSet<>(byKey);
        yearInstances.addAll(byVariable);
        assertThat(historyRowsOf(yearInstances)).isNotEmpty();

        assertThat(textColumnsContaining(Set.of(addressChange))).as("the scan finds what is there: an inquiry id")
                .anySatisfy(f -> assertThat(f).startsWith("inquiry."));

        // a dump taken now: the year's sealed member rows, which the application opens
        List<DumpedMember> dumped = dump(FY);
        byte[] memberDump = copyOut("copy (select * from member where fiscal_year = " + FY + ") to stdout with (format binary)");
        assertThat(door.read(ward, Purpose.INQUIRY, FY, List.of(first(dumped).id()), PersonalDataService.AccessContext.of("test")))
                .hasSize(1);
        assertThat(dumped).hasSize(held.get("member").intValue());
        DumpedMember first = dumped.get(0);
        Map<?, String> opened = cipher.openRecord(FY, PersonalCipher.memberBinding(FY, first.personIndex()), first.personal());
        assertThat(opened.values()).anySatisfy(v -> assertThat(PersonalValues.of(wardFiles.members(), YearFixture.CP932)).contains(v));

        // the other year, as it stands
        Map<String, Long> otherHeld = countsOf(OTHER);
        assertThat(otherHeld.get("member")).isEqualTo(60L);
        long otherAudit = jdbc.queryForObject("select count(*) from audit_log where fiscal_year = ?", Long.class, OTHER);
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(otherCycle).singleResult()).isNotNull();

        // the deletion process, as the ward runs it, to its certificate
        ProcessInstance deletionProcess = engine.getRuntimeService().startProcessInstanceByKey("data-return-and-deletion",
                Integer.toString(FY), Map.of("fiscalYear", FY));
        engine.getTaskService().complete(only(deletionProcess.getId()).getId(),
                Map.of("deliverablesHandedOver", true, "deliverables", "通知・架電実績・効果分析"));
        engine.getManagementService().executeJob(engine.getManagementService().createJobQuery().processInstanceId(deletionProcess.getId())
                .singleResult().getId());
        assertThat(only(deletionProcess.getId()).getTaskDefinitionKey()).isEqualTo(DataReturnAndDeletionVariables.TASK_VERIFY_DELETION);
        engine.getTaskService().complete(only(deletionProcess.getId()).getId(), Map.of("deletionVerified", true));
        assertThat(deletionProcess).isEnded();
        DeletionService.Certificate certificate = deletion.issued(FY).orElseThrow();
        assertThat(certificate.counts()).containsEntry("member", held.get("member")).containsEntry("call_case", held.get("call_case"));

        // no row of the year in any table a capability deletes; no personal value of the year in any column of any table
        assertThat(deletedRowsLeft(FY)).isEmpty();
        Set<String> personal = PersonalValues.of(wardFiles.members(), YearFixture.CP932);
        Set<String> lookFor = new HashSet<>(personal);
        lookFor.addAll(typed);
        lookFor.removeAll(otherPersonal);
        assertThat(lookFor).as("the year's own values looked for").hasSizeGreaterThan(1000).containsAll(typed);
        assertThat(textColumnsContaining(lookFor)).as("the year's values in any text or bytea column").isEmpty();

        // nor in the raw files of the data directory, after a checkpoint: every 整理番号 and the longest sealed values
        Set<String> raw = new TreeSet<>(personNumbers(wardFiles.members(), YearFixture.CP932));
        assertThat(raw).hasSizeGreaterThan(100).allSatisfy(v -> assertThat(v).hasSizeGreaterThanOrEqualTo(9));
        lookFor.stream().filter(v -> v.contains("丁目") || v.contains("番")).sorted(Comparator.comparing(String::length).reversed())
                .limit(5).forEach(raw::add);
        lookFor.stream().filter(v -> v.matches("0[0-9]{9,10}")).limit(5).forEach(raw::add);
        typed.stream().filter(v -> !otherPersonal.contains(v)).forEach(raw::add);
        jdbc.execute("checkpoint");
        assertThat(DataDirectoryScan.find(database.dataDirectory().toAbsolutePath(), raw)).as("the year's values in the data directory")
                .isEmpty();

        // nor in the print folder, nor in the log
        if (Files.exists(printFolder)) {
            try (var files = Files.list(printFolder)) {
                assertThat(files.count()).as("print files left").isZero();
            }
        }
        assertThat(lookFor.stream().filter(log.getAll()::contains).toList()).as("the year's values in the log").isEmpty();

        // no ACT_HI_* row of the year's instances, found by business key and by the fiscalYear variable
        yearInstances.remove(deletionProcess.getId());
        assertThat(historyRowsOf(yearInstances)).isEmpty();
        Set<String> stillByKey = instancesByBusinessKey(inquiryPrefix);
        stillByKey.remove(deletionProcess.getId());
        assertThat(stillByKey).isEmpty();
        Set<String> stillByVariable = instancesByVariable();
        stillByVariable.remove(deletionProcess.getId());
        assertThat(stillByVariable).isEmpty();

        // the dump taken before no longer opens: the year's key is gone
        for (DumpedMember row : List.of(first, dumped.get(dumped.size() - 1))) {
            assertThatThrownBy(() -> cipher.openRecord(FY, PersonalCipher.memberBinding(FY, row.personIndex()), row.personal()))
                    .isInstanceOf(YearKeyDestroyedException.class);
        }
        // and restored from the dump into the database, the rows do not open through the door either
        copyIn(memberDump);
        try {
            assertThat(jdbc.queryForObject("select count(*) from member where fiscal_year = ?", Integer.class, FY))
                    .isEqualTo(dumped.size());
            assertThatThrownBy(() -> door.read(ward, Purpose.INQUIRY, FY, List.of(first.id()),
                    PersonalDataService.AccessContext.of("test: a restored dump"))).isInstanceOf(YearKeyDestroyedException.class);
        } finally {
            jdbc.update("delete from member where fiscal_year = ?", FY);
        }
        assertThat(door.isYearDestroyed(FY)).isTrue();

        // the other year: its rows, its running cycle, its audit records, its key; the audit chain verifies intact
        assertThat(countsOf(OTHER)).isEqualTo(otherHeld);
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(otherCycle).singleResult()).isNotNull();
        assertThat(jdbc.queryForObject("select count(*) from audit_log where fiscal_year = ?", Long.class, OTHER)).isEqualTo(otherAudit);
        long otherMember = jdbc.queryForObject("select min(id) from member where fiscal_year = ?", Long.class, OTHER);
        assertThat(door.read(CallingFixture.ward(), Purpose.INQUIRY, OTHER, List.of(otherMember),
                PersonalDataService.AccessContext.of("test"))).hasSize(1);
        assertThat(door.isYearDestroyed(OTHER)).isFalse();
        var verified = as(AUDITOR).exchange("/api/audit/verify", HttpMethod.GET, null, JSON);
        assertThat(verified.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(verified.getBody()).containsEntry("intact", true);
    }

}
