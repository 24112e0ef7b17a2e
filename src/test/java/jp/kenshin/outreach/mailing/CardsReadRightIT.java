package jp.kenshin.outreach.mailing;

import static jp.kenshin.outreach.process.MailingVariables.*;
import static jp.kenshin.outreach.process.ProcessVariables.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.kenshin.outreach.IntegrationTest;
import jp.kenshin.outreach.TestUsers;
import jp.kenshin.outreach.members.MembersImportService;
import jp.kenshin.outreach.reports.Kinsoku;
import jp.kenshin.outreach.selection.SelectionCounts;
import jp.kenshin.outreach.selection.SelectionRequest;
import jp.kenshin.outreach.selection.TargetSelectionService;
import jp.kenshin.outreach.synthetic.SyntheticWardGenerator;
import jp.kenshin.outreach.synthetic.SyntheticWardSpec;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Cards that read right (issue 14): Japanese line breaking on the card, ～ as ～, and the ward's settings that the
 * proof approval refuses while they are placeholders. Fictitious people and a fictitious ward.
 */
@IntegrationTest
class CardsReadRightIT {

    private static final int FY_LINES = 2171;
    private static final int FY_NOTICE = 2172;
    private static final int FY_APPROVAL = 2173;

    @Autowired
    PostcardRenderer renderer;
    @Autowired
    CardTemplates templates;
    @Autowired
    ProcessEngine engine;
    @Autowired
    IdentityService identity;
    @Autowired
    TestRestTemplate rest;
    @Autowired
    MembersImportService members;
    @Autowired
    TargetSelectionService selection;

    private static List<String> lines(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            List<String> lines = new ArrayList<>();
            for (String line : new PDFTextStripper().getText(document).split("\\R")) {
                String text = line.strip();
                if (!text.isEmpty()) {
                    lines.add(text);
                }
            }
            return lines;
        }
    }

    private static CardTexts withSender(CardTexts t, String sender, String whyItMatters) {
        return new CardTexts(t.coverHeading(), t.greeting(), t.checkupPeriod(), t.howToBook(), t.bookingUrl(), whyItMatters,
                t.inquiryDesk(), t.privacyNote(), sender);
    }

    @Test
    void noLineStartsWithAClosingBracketOrFullStopAndTildesPrintAsWaveDashes() throws Exception {
        CardTexts defaults = templates.texts(FY_LINES, "default");
        // without the rules Jasper printed 「）を無料で…」 and 「。 時間は…」 at line starts with exactly these texts
        templates.save(FY_LINES, "default", withSender(defaults, defaults.sender(),
                defaults.whyItMatters() + " 受付時間は9時~17時、土曜は10時〜12時です。"), "ward");
        byte[] pdf = renderer.render(FY_LINES, List.of(
                new Postcard("M1", "1700013", "東京都豊島区東池袋1-1-1", "", "試験 太郎", null, "default"),
                new Postcard("M2", "1700013", "東京都豊島区東池袋1-1-2", "", "試験 一郎", null, "default")));
        List<String> lines = lines(pdf);
        assertThat(lines).hasSizeGreaterThan(40);
        for (String line : lines) {
            assertThat(Kinsoku.NO_LINE_START.indexOf(line.charAt(0))).as("line starts with a forbidden character: %s", line)
                    .isLessThan(0);
            assertThat(Kinsoku.NO_LINE_END.indexOf(line.charAt(line.length() - 1))).as("line ends with an opening bracket: %s", line)
                    .isLessThan(0);
        }
        String all = String.join("", lines).replace(" ", "");
        assertThat(all).contains("受付時間は9時～17時、土曜は10時～12時です。").doesNotContain("~", "〜", "˜");
        // the test profile's fictitious ward, not the placeholders
        assertThat(all).contains("〒170-8422", "東京都みなと台区南池袋二丁目45番1号", "03-5555-0140", "0120-555-014")
                .doesNotContain("〇〇", "03-0000-0000", SenderCheck.NOTICE);
    }

    @Test
    void cardsWithAPlaceholderSenderCarryTheSampleNotice() throws Exception {
        CardTexts defaults = templates.texts(FY_NOTICE, "default");
        templates.save(FY_NOTICE, "default", withSender(defaults, "〒170-8422　東京都〇〇区南池袋二丁目45番1号　電話 03-0000-0000",
                defaults.whyItMatters()), "ward");
        List<String> lines = lines(renderer.render(FY_NOTICE,
                List.of(new Postcard("M1", "1700013", "東京都豊島区東池袋1-1-1", "", "試験 太郎", null, "default"))));
        assertThat(lines.stream().filter(SenderCheck.NOTICE::equals).count()).as("the notice on each of the four pages").isEqualTo(4);
    }

    @Test
    void theProofApprovalIsRefusedWhilePlaceholdersArePrintedAndPassesWithRealValues() throws Exception {
        SyntheticWardGenerator generator = new SyntheticWardGenerator(new SyntheticWardSpec(FY_APPROVAL, 120, FY_APPROVAL,
                Charset.forName("windows-31j")));
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        generator.writeMembers(file);
        members.importMembers(FY_APPROVAL, new ByteArrayInputStream(file.toByteArray()), "m.csv", "windows-31j", true);
        SelectionCounts counts = selection.select(new SelectionRequest(FY_APPROVAL, LocalDate.of(FY_APPROVAL, 4, 1), 0, null, null, null, null));
        selection.freeze(counts.runId(), "ward");
        CardTexts defaults = templates.texts(FY_APPROVAL, "default");
        templates.save(FY_APPROVAL, "default", withSender(defaults, "〒{wardPostalCode}　東京都○○区南池袋二丁目45番1号　電話 {wardPhone}",
                defaults.whyItMatters()), "ward");

        ProcessInstance process = engine.getRuntimeService().startProcessInstanceByKey(MAILING_PROCESS_KEY,
                Integer.toString(FY_APPROVAL), Map.of(FISCAL_YEAR, FY_APPROVAL));
        for (int round = 0; round < 20; round++) {
            var jobs = engine.getManagementService().createJobQuery().processInstanceId(process.getId()).messages().list();
            if (jobs.isEmpty()) {
                break;
            }
            jobs.forEach(j -> engine.getManagementService().executeJob(j.getId()));
        }
        TestUsers.ensure(identity, "cardsward", "ward-staff");
        TestRestTemplate ward = rest.withBasicAuth("cardsward", TestUsers.password("cardsward"));
        Task proof = engine.getTaskService().createTaskQuery().processInstanceId(process.getId()).taskDefinitionKey(TASK_APPROVE_PROOF)
                .singleResult();
        assertThat(proof).isNotNull();
        // the proof the ward opens says that it is a sample
        ResponseEntity<byte[]> proofPdf = ward.getForEntity("/api/mailings/" + FY_APPROVAL + "/proof.pdf", byte[].class);
        assertThat(proofPdf.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(lines(proofPdf.getBody())).contains(SenderCheck.NOTICE);

        ResponseEntity<String> refused = ward.postForEntity("/engine-rest/task/" + proof.getId() + "/complete",
                Map.of("variables", Map.of(PROOF_APPROVED, Map.of("value", true, "type", "Boolean"))), String.class);
        assertThat(refused.getStatusCode().is2xxSuccessful()).isFalse();
        assertThat(refused.getBody()).contains("見本を承認できません", "はがきの文面の差出人（sender）に仮の値");
        assertThat(engine.getTaskService().createTaskQuery().taskId(proof.getId()).count()).as("the task stays open").isEqualTo(1);

        templates.save(FY_APPROVAL, "default", defaults, "ward");
        assertThat(lines(ward.getForEntity("/api/mailings/" + FY_APPROVAL + "/proof.pdf", byte[].class).getBody()))
                .doesNotContain(SenderCheck.NOTICE);
        ResponseEntity<String> approved = ward.postForEntity("/engine-rest/task/" + proof.getId() + "/complete",
                Map.of("variables", Map.of(PROOF_APPROVED, Map.of("value", true, "type", "Boolean"))), String.class);
        assertThat(approved.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(process.getId()).singleResult().getTaskDefinitionKey())
                .isEqualTo(TASK_HAND_OVER_PRINT_DATA);
    }
}
