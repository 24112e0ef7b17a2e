package jp.kenshin.outreach.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import jp.kenshin.outreach.ContractGate;
import jp.kenshin.outreach.IntegrationTest;
import jp.kenshin.outreach.PersonalValues;
import jp.kenshin.outreach.members.MembersImportService;
import jp.kenshin.outreach.privacy.PersonalCipher;
import jp.kenshin.outreach.privacy.YearKeyDestroyedException;
import jp.kenshin.outreach.results.ResultsImportService;
import jp.kenshin.outreach.selection.SelectionRequest;
import jp.kenshin.outreach.selection.TargetSelectionService;
import jp.kenshin.outreach.synthetic.SyntheticWardGenerator;
import jp.kenshin.outreach.synthetic.SyntheticWardSpec;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Provision 7: after deletion nothing of the year is readable or findable, and the certificate's counts are what was held. */
@IntegrationTest
class DeletionIT {

    private static final int FY = 2095;
    private static final Charset CP932 = Charset.forName("windows-31j");

    @Autowired
    jp.kenshin.outreach.privacy.PersonalDataService door;

    @Autowired
    ProcessEngine engine;
    @Autowired
    DeletionService deletion;
    @Autowired
    ContractService contracts;
    @Autowired
    MembersImportService members;
    @Autowired
    ResultsImportService results;
    @Autowired
    TargetSelectionService selection;
    @Autowired
    PersonalCipher cipher;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    jp.kenshin.outreach.audit.AuditProperties auditProperties;

    @Test
    void theProcessIssuesAJapaneseCertificateWhoseCountsAreWhatWasHeld() throws Exception {
        int fy = 2096;
        SyntheticWardGenerator generator = new SyntheticWardGenerator(new SyntheticWardSpec(2096, 120, fy, CP932));
        ByteArrayOutputStream membersFile = new ByteArrayOutputStream();
        generator.writeMembers(membersFile);
        engine.getRuntimeService().startProcessInstanceByKey("contract-compliance", Integer.toString(fy), Map.of("fiscalYear", fy));
        ContractGate.pass(engine.getIdentityService(), engine.getTaskService(), contracts, fy);
        members.importMembers(fy, new ByteArrayInputStream(membersFile.toByteArray()), "m.csv", "windows-31j", true);
        Map<String, Long> held = deletion.counts(fy);

        org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions.init(engine);
        var process = engine.getRuntimeService().startProcessInstanceByKey("data-return-and-deletion", Integer.toString(fy),
                Map.of("fiscalYear", fy));
        var tasks = engine.getTaskService();
        String confirm = tasks.createTaskQuery().processInstanceId(process.getId()).singleResult().getId();
        assertThatThrownBy(() -> tasks.complete(confirm)).hasMessageContaining("成果物");
        tasks.complete(confirm, Map.of("deliverablesHandedOver", true, "deliverables", "効果分析報告書（PDF・CSV・XLSX）、通知・架電実績"));
        var job = engine.getManagementService().createJobQuery().processInstanceId(process.getId()).singleResult();

        // a value of the year left outside it fails the job; its text in Cockpit names the column, never the value
        String name = PersonalValues.of(membersFile.toByteArray(), CP932).stream()
                .filter(v -> v.contains(" ") && !v.matches(".*[ァ-ヶ].*")).findFirst().orElseThrow();
        String leaking = engine.getRuntimeService().startProcessInstanceByKey("contract-compliance", Integer.toString(fy + 100),
                Map.of("fiscalYear", fy + 100, "reviewComment", name)).getId();
        assertThatThrownBy(() -> engine.getManagementService().executeJob(job.getId())).hasMessageContaining("act_ru_variable");
        var failed = engine.getManagementService().createJobQuery().jobId(job.getId()).singleResult();
        assertThat(failed.getExceptionMessage()).contains("act_ru_variable.text_").doesNotContain(name);
        assertThat(engine.getManagementService().getJobExceptionStacktrace(job.getId())).doesNotContain(name);
        assertThat(deletion.counts(fy).get("member")).isEqualTo(held.get("member"));
        engine.getRuntimeService().deleteProcessInstance(leaking, "test");
        engine.getHistoryService().deleteHistoricProcessInstance(leaking);

        // the rerun goes on and issues the certificate
        engine.getManagementService().executeJob(job.getId());
        tasks.complete(tasks.createTaskQuery().processInstanceId(process.getId()).singleResult().getId(),
                Map.of("deletionVerified", true));
        org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat(process).isEnded();

        byte[] pdf = jdbc.queryForObject("select pdf from deletion_certificate where fiscal_year = ?", byte[].class, fy);
        Map<String, Object> cited = jdbc.queryForMap("""
                select c.audit_chain_seq, c.audit_chain_head, a.action from deletion_certificate c
                join audit_log a on a.seq = c.audit_chain_seq where c.fiscal_year = ?""", fy);
        assertThat(cited.get("action")).as("the certificate cites the deletion's own record").isEqualTo("DELETION");
        assertThat(java.nio.file.Files.readAllLines(auditProperties.anchorFile())).as("anchored outside the database")
                .anyMatch(line -> line.contains(" seq=" + cited.get("audit_chain_seq") + " hash=" + cited.get("audit_chain_head") + " ")
                        && line.contains(" reason=certificate-" + fy + " "));
        try (var document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(document).replaceAll("\\s+", "");
            assertThat(text).contains("個人情報の返還・消去証明書", "令和", "年度", "被保険者（人）" + held.get("member"),
                    "取扱者の指定（人）" + held.get("designation"), "検出0件", "K-" + fy + "-001", "効果分析報告書",
                    "監査ログの最新記録：記録" + cited.get("audit_chain_seq") + "、ハッシュ" + cited.get("audit_chain_head"));
            java.time.Instant destroyed = jdbc.queryForObject("select key_destroyed_at from deletion_certificate where fiscal_year = ?",
                    java.sql.Timestamp.class, fy).toInstant();
            assertThat(text).as("the key's destruction in the ward's time, with its zone")
                    .contains(java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss").format(destroyed.atZone(java.time.ZoneId.of("Asia/Tokyo")))
                            + "（日本時間）");
            assertThat(text).as("the certificate says where the keys live and what a copy of them would still open")
                    .contains("鍵保管場所（" + door.keyStore().toAbsolutePath().normalize().toString().replaceAll("\\s+", "") + "）",
                            "破棄前の鍵保管場所の複製（バックアップ）が残っている場合、その複製でデータベースの複製を復号できます")
                    .doesNotContain("バックアップを含むすべての複製が復号できなくなりました");
            for (var page : document.getPages()) {
                for (var fontName : page.getResources().getFontNames()) {
                    var font = page.getResources().getFont(fontName);
                    assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                }
            }
        }
        assertThat(jdbc.queryForObject("select verified_by is not null from deletion_certificate where fiscal_year = ?",
                Boolean.class, fy)).isTrue();
    }

    @Test
    void aDeletedYearCannotBeReadFromADumpAndNoValueOfItRemains() throws Exception {
        SyntheticWardGenerator generator = new SyntheticWardGenerator(new SyntheticWardSpec(2095, 300, FY, CP932));
        ByteArrayOutputStream membersFile = new ByteArrayOutputStream();
        generator.writeMembers(membersFile);
        ByteArrayOutputStream resultsFile = new ByteArrayOutputStream();
        generator.writeResults(FY - 1, resultsFile);
        engine.getRuntimeService().startProcessInstanceByKey("contract-compliance", Integer.toString(FY), Map.of("fiscalYear", FY));
        ContractGate.pass(engine.getIdentityService(), engine.getTaskService(), contracts, FY);
        members.importMembers(FY, new ByteArrayInputStream(membersFile.toByteArray()), "m.csv", "windows-31j", true);
        results.importResults(FY, new ByteArrayInputStream(resultsFile.toByteArray()), "r.csv", "windows-31j", true);
        selection.select(new SelectionRequest(FY, LocalDate.of(FY, 4, 1), 0, null, null, null, null));
        Set<String> personal = PersonalValues.of(membersFile.toByteArray(), CP932);

        // a "dump" of the sealed records, taken before deletion
        List<Map<String, Object>> dump = jdbc.queryForList("select person_index, personal from member where fiscal_year = ?", FY);

        // a personal value of the year left outside it (here: in a process of another year, which the deletion does
        // not end) stops the deletion, naming the column, and the year stays whole: rows and key
        String name = personal.stream().filter(v -> v.contains(" ") && !v.matches(".*[ァ-ヶ].*")).findFirst().orElseThrow();
        // (the engine refuses undeclared variables; a ward comment is declared free text, and may hold a name)
        String leaking = engine.getRuntimeService().startProcessInstanceByKey("contract-compliance", Integer.toString(FY + 100),
                Map.of("fiscalYear", FY + 100, "reviewComment", name)).getId();
        assertThatThrownBy(() -> deletion.destroy(FY, "ward", null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("act_ru_variable").hasMessageNotContaining(name);
        assertThat(deletion.counts(FY).get("member")).isEqualTo(300);
        assertThat(cipher.open(FY, PersonalCipher.memberBinding(FY, (byte[]) dump.get(0).get("person_index")),
                (byte[]) dump.get(0).get("personal"))).isNotEmpty();
        assertThat(deletion.progress(FY).orElseThrow().finding()).contains("act_ru_variable").doesNotContain(name);
        engine.getRuntimeService().deleteProcessInstance(leaking, "test");
        engine.getHistoryService().deleteHistoricProcessInstance(leaking);
        Map<String, Long> held = deletion.counts(FY);
        assertThat(held.get("member")).isEqualTo(300);

        DeletionService.Certificate certificate = deletion.destroy(FY, "ward", null);

        Map<String, Long> certified = certificate.counts();
        held.forEach((what, count) -> assertThat(certified).containsEntry(what, count));
        assertThat(certified.get("member")).isEqualTo(300);
        assertThat(certified.get("engine.purgedProcessInstances")).isGreaterThanOrEqualTo(1);
        assertThat(certificate.scanValues()).isGreaterThan(1000);
        assertThat(PersonalValues.findIn(dataSource, "", personal)).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from member where fiscal_year = ?", Integer.class, FY)).isZero();
        assertThatThrownBy(() -> cipher.open(FY, PersonalCipher.memberBinding(FY, (byte[]) dump.get(0).get("person_index")),
                (byte[]) dump.get(0).get("personal"))).isInstanceOf(YearKeyDestroyedException.class);
        assertThat(jdbc.queryForObject("select audit_chain_head from deletion_certificate where fiscal_year = ?", String.class, FY))
                .isEqualTo(certificate.auditChainHead()).hasSize(64);
        assertThatThrownBy(() -> deletion.destroy(FY, "ward", null)).hasMessageContaining("すでに消去");
    }
}
