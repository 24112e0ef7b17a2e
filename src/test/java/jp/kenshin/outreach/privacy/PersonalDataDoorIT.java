package jp.kenshin.outreach.privacy;

import static jp.kenshin.outreach.TestFiles.MEMBERS_HEADER;
import static jp.kenshin.outreach.TestFiles.RESULTS_HEADER;
import static jp.kenshin.outreach.TestFiles.csv;
import static jp.kenshin.outreach.TestFiles.member;
import static jp.kenshin.outreach.TestFiles.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import jp.kenshin.outreach.IntegrationTest;
import jp.kenshin.outreach.audit.AuditEntry;
import jp.kenshin.outreach.audit.AuditLog;
import jp.kenshin.outreach.members.MembersImportService;
import jp.kenshin.outreach.privacy.PersonalDataService.AccessContext;
import jp.kenshin.outreach.results.ResultsImportService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The door's matrix: each group × purpose, allowed or refused, and exactly DESIGN.md's fields when allowed. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PersonalDataDoorIT {

    private static final int FY = 2024;
    private static final LocalDate TODAY = LocalDate.now();

    @Autowired
    PersonalDataService door;
    @Autowired
    Designations designations;
    @Autowired
    MembersImportService members;
    @Autowired
    ResultsImportService results;
    @Autowired
    AuditLog audit;
    @Autowired
    ExportApprovals approvals;
    @Autowired
    jp.kenshin.outreach.selection.TargetSelectionService selection;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    jp.kenshin.outreach.privacy.PersonalCipher cipher;

    private List<Long> ids;

    @BeforeAll
    void aYearWithTwoPeopleAndAResult() {
        members.importMembers(FY, csv(StandardCharsets.UTF_8, MEMBERS_HEADER, List.of(
                member("1", "19600101", "1", "03-1111-2222", "20000401", ""),
                member("2", "19650505", "2", "", "20000401", ""))), "m.csv", "UTF-8", false);
        results.importResults(FY, csv(StandardCharsets.UTF_8, RESULTS_HEADER, List.of(
                result(FY, "1", "19600101", "1", FY + "0601"))), "r.csv", "UTF-8", false);
        ids = jp.kenshin.outreach.PersonNumbers.idsInNumberOrder(jdbc, cipher, FY);
        designate("lead", Designation.Role.PERSON_IN_CHARGE, EnumSet.allOf(Purpose.class), TODAY.minusDays(30));
        designate("op-call", Designation.Role.HANDLER, EnumSet.of(Purpose.CALL), TODAY.minusDays(30));
        designate("op-notice", Designation.Role.HANDLER, EnumSet.of(Purpose.NOTICE, Purpose.INQUIRY), TODAY.minusDays(30));
        designate("op-untrained", Designation.Role.HANDLER, EnumSet.allOf(Purpose.class), null);
        designate("analyst", Designation.Role.HANDLER, EnumSet.of(Purpose.ANALYSIS), TODAY.minusDays(30));
        designate("op-expired", Designation.Role.HANDLER, EnumSet.allOf(Purpose.class), TODAY.minusDays(30), TODAY.minusDays(1));
        designations.setHandoverAllowed(FY, true, "ward");
    }

    private void designate(String user, Designation.Role role, Set<Purpose> purposes, LocalDate trained) {
        designate(user, role, purposes, trained, TODAY.plusDays(30));
    }

    private void designate(String user, Designation.Role role, Set<Purpose> purposes, LocalDate trained, LocalDate until) {
        designations.save(new Designation(null, FY, user, role, purposes, TODAY.minusDays(60), until, trained), "ward");
    }

    private static Set<String> labels(Purpose purpose) {
        return purpose.fields().stream().map(ViewField::label).collect(Collectors.toSet());
    }

    @ParameterizedTest(name = "{0} in {1} for {2}: {3}")
    @CsvSource({
            "ward,         ward-staff,          NOTICE,   allowed",
            "ward,         ward-staff,          CALL,     allowed",
            "ward,         ward-staff,          ANALYSIS, allowed",
            "ward,         ward-staff,          INQUIRY,  allowed",
            "lead,         contractor-lead,     NOTICE,   designated",
            "lead,         contractor-lead,     CALL,     designated",
            "lead,         contractor-lead,     INQUIRY,  designated",
            "op-call,      contractor-operator, CALL,     designated",
            "op-call,      contractor-operator, NOTICE,   refused",
            "op-notice,    contractor-operator, NOTICE,   designated",
            "op-notice,    contractor-operator, INQUIRY,  designated",
            "op-notice,    contractor-operator, CALL,     refused",
            "op-notice,    contractor-operator, ANALYSIS, refused",
            "op-untrained, contractor-operator, NOTICE,   refused",
            "op-expired,   contractor-operator, NOTICE,   refused",
            "nobody,       contractor-operator, NOTICE,   refused",
            "analyst,      analyst,             ANALYSIS, designated",
            "analyst,      analyst,             NOTICE,   refused",
            "analyst,      analyst,             CALL,     refused",
            "auditor,      auditor,             NOTICE,   refused",
            "auditor,      auditor,             ANALYSIS, refused",
            "stranger,     some-other-group,    NOTICE,   refused"})
    void theDoorAdmitsExactlyTheDesignatedAndReturnsExactlyThePurposesFields(String user, String group, Purpose purpose,
            String expected) {
        Requester who = new Requester(user, Set.of(group));
        long before = lastSeq();
        if (expected.equals("allowed")) {
            List<PersonalDataService.PersonView> views = door.read(who, purpose, FY, ids, AccessContext.of("test"));
            assertThat(views).hasSize(2);
            for (PersonalDataService.PersonView view : views) {
                assertThat(view.fields().keySet()).isEqualTo(labels(purpose));
            }
            assertThat(views.get(0).fields().containsKey("電話番号")).isEqualTo(purpose == Purpose.CALL);
            assertThat(views.get(0).fields().containsKey("漢字氏名")).isEqualTo(purpose != Purpose.ANALYSIS);
        } else if (expected.equals("designated")) {
            // the designation admits them, but a contractor user reads one person of a task they hold, never a list
            assertThat(door.refusal(who, purpose, FY)).isEmpty();
            assertThatThrownBy(() -> door.read(who, purpose, FY, ids, AccessContext.of("test")))
                    .isInstanceOf(AccessRefusedException.class)
                    .hasMessageContaining(user).hasMessageContaining("区の職員に限ります");
        } else {
            assertThat(door.refusal(who, purpose, FY)).isPresent();
            assertThatThrownBy(() -> door.read(who, purpose, FY, ids, AccessContext.of("test")))
                    .isInstanceOf(AccessRefusedException.class)
                    .hasMessageContaining(user);
        }
        List<AuditEntry> recorded = audit.read(before, 10);
        assertThat(recorded).hasSize(1);
        assertThat(recorded.get(0).userId()).isEqualTo(user);
        assertThat(recorded.get(0).purpose()).isEqualTo(purpose.name());
        assertThat(recorded.get(0).outcome()).isEqualTo(expected.equals("allowed") ? "ALLOWED" : "REFUSED");
        assertThat(recorded.get(0).fields().split(",")).containsExactlyInAnyOrderElementsOf(labels(purpose));
        if (expected.equals("allowed")) {
            assertThat(recorded.get(0).memberIds()).containsExactlyElementsOf(ids);
        }
    }

    @Test
    void theValuesAreThePersonsOwn() {
        List<PersonalDataService.PersonView> call = door.read(new Requester("ward", Set.of("ward-staff")),
                Purpose.CALL, FY, ids, AccessContext.of("test"));
        assertThat(call.get(0).fields()).containsEntry("電話番号", "0311112222").containsEntry("生年月日", "1960-01-01")
                .containsEntry("漢字氏名", "試験 太郎").containsEntry("性別", "1");
        List<PersonalDataService.PersonView> analysis = door.read(new Requester("ward", Set.of("ward-staff")),
                Purpose.ANALYSIS, FY, ids, AccessContext.of("test"));
        assertThat(analysis.get(0).fields().get("健診結果")).contains(FY + "年度", "HbA1c=5.6");
        assertThat(analysis.get(0).fields()).doesNotContainKeys("漢字氏名", "カナ氏名", "電話番号", "漢字住所");
    }

    @Test
    void theTargetsOfASelectionRunCanBeAskedForByQuery() {
        jp.kenshin.outreach.selection.SelectionCounts run = selection.select(new jp.kenshin.outreach.selection.SelectionRequest(
                FY, LocalDate.of(FY, 4, 1), 0, null, null, null, null));
        List<Long> callTargets = door.memberIds(new PersonalDataService.PersonQuery(run.runId(), "NOTICE_AND_CALL"));
        // person 1 (aged 65, with a phone) is called; person 2 (aged 60, no phone) gets the notice only
        assertThat(callTargets).containsExactly(ids.get(0));
        assertThat(door.memberIds(new PersonalDataService.PersonQuery(run.runId(), null))).containsExactlyElementsOf(ids);
    }

    @Test
    void withoutTheContractsHandoverNoContractorUserGetsAnything() {
        designations.setHandoverAllowed(FY, false, "ward");
        try {
            assertThatThrownBy(() -> door.read(new Requester("lead", Set.of("contractor-lead")), Purpose.NOTICE, FY, ids,
                    AccessContext.of("test"))).isInstanceOf(AccessRefusedException.class).hasMessageContaining("契約");
            assertThat(door.read(new Requester("ward", Set.of("ward-staff")), Purpose.NOTICE, FY, ids, AccessContext.of("t")))
                    .hasSize(2);
        } finally {
            designations.setHandoverAllowed(FY, true, "ward");
        }
    }

    private static final PersonalDataService.ExportWriter CSV = (fields, people, out) -> {
        out.write((fields.stream().map(ViewField::label).collect(Collectors.joining(",")) + "\n").getBytes(StandardCharsets.UTF_8));
        for (PersonalDataService.PersonView p : people) {
            out.write((String.join(",", p.fields().values()) + "\n").getBytes(StandardCharsets.UTF_8));
        }
    };

    @Test
    void thePrintDataIsExportedAndRecordedWithItsCountAndTheChecksumOfTheFile() throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        long before = lastSeq();
        PersonalDataService.ExportResult result = door.exportPrintData(new Requester("lead", Set.of("contractor-lead")),
                FY, ids, AccessContext.of("print data"), file, CSV);
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(file.toByteArray()));
        assertThat(result.count()).isEqualTo(2);
        assertThat(result.sha256()).isEqualTo(sha);
        AuditEntry entry = audit.read(before, 10).get(0);
        assertThat(entry.action()).isEqualTo("EXPORT");
        assertThat(entry.exportCount()).isEqualTo(2);
        assertThat(entry.exportSha256()).isEqualTo(sha);
        assertThat(Arrays.asList(file.toString(StandardCharsets.UTF_8).split("\n"))).hasSize(3);
    }

    @Test
    void anyOtherExportNeedsTheWardsApprovalWhichIsUsedOnce() {
        Requester lead = new Requester("lead", Set.of("contractor-lead"));
        long before = lastSeq();
        assertThatThrownBy(() -> door.export(lead, Purpose.CALL, FY, ids, AccessContext.of("x"), null,
                new ByteArrayOutputStream(), CSV)).isInstanceOf(AccessRefusedException.class).hasMessageContaining("特記事項5");
        assertThat(audit.read(before, 10)).extracting(AuditEntry::outcome).containsExactly("REFUSED");

        long tooSmall = approvals.request(FY, Purpose.CALL, 1, "再架電リスト", "lead");
        approvals.decide(tooSmall, true, "ward");
        assertThatThrownBy(() -> door.export(lead, Purpose.CALL, FY, ids, AccessContext.of("x"), tooSmall,
                new ByteArrayOutputStream(), CSV)).isInstanceOf(AccessRefusedException.class);

        long approval = approvals.request(FY, Purpose.CALL, 2, "再架電リスト", "lead");
        assertThatThrownBy(() -> door.export(lead, Purpose.CALL, FY, ids, AccessContext.of("x"), approval,
                new ByteArrayOutputStream(), CSV)).isInstanceOf(AccessRefusedException.class); // not yet approved
        approvals.decide(approval, true, "ward");
        assertThat(door.export(lead, Purpose.CALL, FY, ids, AccessContext.of("x"), approval, new ByteArrayOutputStream(), CSV)
                .count()).isEqualTo(2);
        assertThatThrownBy(() -> door.export(lead, Purpose.CALL, FY, ids, AccessContext.of("x"), approval,
                new ByteArrayOutputStream(), CSV)).isInstanceOf(AccessRefusedException.class).hasMessageContaining("USED");
    }

    private long lastSeq() {
        Long seq = jdbc.queryForObject("select coalesce(max(seq), 0) from audit_log", Long.class);
        return seq == null ? 0 : seq;
    }
}
