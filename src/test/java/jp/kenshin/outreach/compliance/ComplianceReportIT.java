package jp.kenshin.outreach.compliance;

import static jp.kenshin.outreach.TestFiles.MEMBERS_HEADER;
import static jp.kenshin.outreach.TestFiles.csv;
import static jp.kenshin.outreach.TestFiles.member;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.kenshin.outreach.ContractGate;
import jp.kenshin.outreach.IntegrationTest;
import jp.kenshin.outreach.members.MembersImportService;
import jp.kenshin.outreach.privacy.AccessRefusedException;
import jp.kenshin.outreach.privacy.PersonalDataService;
import jp.kenshin.outreach.privacy.Purpose;
import jp.kenshin.outreach.privacy.Requester;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** A year with known events: the compliance report's figures are those events, read back from the PDF. */
@IntegrationTest
class ComplianceReportIT {

    private static final int FY = 2097;

    @Autowired
    ProcessEngine engine;
    @Autowired
    ContractService contracts;
    @Autowired
    ComplianceReport report;
    @Autowired
    PersonalDataService door;
    @Autowired
    MembersImportService members;
    @Autowired
    SupervisionService supervision;
    @Autowired
    IncidentService incidents;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theReportStatesWhatWasRecordedProvisionByProvision() throws Exception {
        engine.getRuntimeService().startProcessInstanceByKey("contract-compliance", Integer.toString(FY), Map.of("fiscalYear", FY));
        ContractGate.pass(engine.getIdentityService(), engine.getTaskService(), contracts, FY);
        members.importMembers(FY, csv(StandardCharsets.UTF_8, MEMBERS_HEADER, List.of(
                member("1", "19600101", "1", "03-1111-2222", "20000401", ""),
                member("2", "19610101", "2", "", "20000401", ""))), "m.csv", "UTF-8", false);
        List<Long> ids = jdbc.queryForList("select id from member where fiscal_year = ? order by id", Long.class, FY);
        Requester operator = new Requester(ContractGate.OPERATOR, Set.of("contractor-operator"));
        // reads of lists of members are the ward's (issue 11: a contractor user reads one person of a task they hold)
        Requester ward = new Requester("reportward", Set.of("ward-staff"));
        door.read(ward, Purpose.CALL, FY, ids, PersonalDataService.AccessContext.of("t"));
        door.read(ward, Purpose.CALL, FY, ids.subList(0, 1), PersonalDataService.AccessContext.of("t"));
        door.read(ward, Purpose.INQUIRY, FY, ids, PersonalDataService.AccessContext.of("t"));
        assertThatThrownBy(() -> door.read(operator, Purpose.NOTICE, FY, ids, PersonalDataService.AccessContext.of("t")))
                .isInstanceOf(AccessRefusedException.class);
        door.exportPrintData(new Requester(ContractGate.LEAD, Set.of("contractor-lead")), FY, ids,
                PersonalDataService.AccessContext.of("print"), new ByteArrayOutputStream(), (f, p, out) -> out.write("x".getBytes()));
        long request = supervision.requestReport(FY, "報告を求める", 3, "ward").id();
        supervision.escalateReport(request);
        supervision.answerReport(request, "回答", "gatelead");
        supervision.requestReport(FY, "二件目", 3, "ward");
        long audit = supervision.recordAudit(FY, java.time.LocalDate.of(FY, 6, 1), "所見", true, "ward");
        supervision.remedy(audit, "改善");
        supervision.closeAudit(audit, "ward");
        long incident = incidents.raise(FY, "紛失", java.time.LocalDate.of(FY, 7, 1), 2, "資料の紛失", "gatelead").id();
        incidents.close(incident, true, "ward");

        byte[] pdf = report.pdf(FY);
        String text;
        try (var document = Loader.loadPDF(pdf)) {
            text = new PDFTextStripper().getText(document).replaceAll("\\s+", "");
        }
        assertThat(text).contains("個人情報の取扱いに関する特記事項の遵守状況", "令和")
                .contains("個人情報の閲覧3件（CALL2、INQUIRY1）、拒否1件")
                .contains("持ち出し1回（2件gatelead")
                .contains("取扱者の指定2人")
                .contains("求め2件、回答1件、期限超過1件")
                .contains("監査1回、改善を求めた所見1件、完了1件")
                .contains("研修記録のある取扱者2人／指定2人")
                .contains("事故1件", "公表した事故1件")
                .contains("消去前")
                .doesNotContain("試験", "0311112222");
        String lines = report.lines(FY).toString();
        assertThat(lines).contains("APPROVED");
    }
}
