package jp.kenshin.outreach.cycle;

import static jp.kenshin.outreach.process.AnnualOutreachCycleVariables.*;
import static jp.kenshin.outreach.process.MailingVariables.*;
import static jp.kenshin.outreach.process.ProcessVariables.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import jp.kenshin.outreach.IntegrationTest;
import jp.kenshin.outreach.TestUsers;
import jp.kenshin.outreach.mailing.CardTexts;
import jp.kenshin.outreach.mailing.MailingProperties;
import jp.kenshin.outreach.members.MembersImportService;
import jp.kenshin.outreach.selection.SelectionCounts;
import jp.kenshin.outreach.selection.SelectionRequest;
import jp.kenshin.outreach.selection.TargetSelectionService;
import jp.kenshin.outreach.synthetic.SyntheticWardGenerator;
import jp.kenshin.outreach.synthetic.SyntheticWardSpec;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The ward's documents and entries without curl, as the pages and forms call them: the print data as one ZIP for
 * the hand-over (ward staff only, only once the proof is approved, every file as recorded, each download and each
 * refusal in the audit log with counts and the ZIP's SHA-256), returned mail by mailing id (not a ticket number), and
 * the card-text editor's sample card marked 見本.
 */
@IntegrationTest
class WardDocumentsIT {

    private static final int FY = 2092;
    private static final String WARD = "docsward";
    private static final String OPERATOR = "docsoperator";

    @Autowired
    ProcessEngine engine;
    @Autowired
    MembersImportService members;
    @Autowired
    TargetSelectionService selection;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestRestTemplate anonymous;
    @Autowired
    MailingProperties mailingProperties;

    @Test
    void thePrintDataIsOneZipOfTheRecordedFilesForTheWardOnceTheProofIsApprovedAndEveryDownloadIsAudited() throws Exception {
        TestUsers.ensure(engine.getIdentityService(), WARD, "ward-staff");
        TestUsers.ensure(engine.getIdentityService(), OPERATOR, "contractor-operator");
        TestRestTemplate ward = anonymous.withBasicAuth(WARD, TestUsers.password(WARD));
        TestRestTemplate operator = anonymous.withBasicAuth(OPERATOR, TestUsers.password(OPERATOR));
        ProcessInstance mailing = mailingAtTheProof();
        String zipPath = "/api/mailings/" + FY + "/print-data.zip";

        // before the proof is approved: refused with the reason, and the refusal is on record
        long before = auditCount();
        ResponseEntity<String> early = ward.getForEntity(zipPath, String.class);
        assertThat(early.getStatusCode().value()).isEqualTo(409);
        assertThat(early.getBody()).contains("見本が承認されてから");
        assertThat(jdbc.queryForObject("select count(*) from audit_log where seq > ? and user_id = ? and action = 'EXPORT' and outcome = 'REFUSED'",
                Integer.class, before, WARD)).isEqualTo(1);

        engine.getTaskService().complete(task(mailing, TASK_APPROVE_PROOF), Map.of(PROOF_APPROVED, true));

        // an operator is refused by the role gate
        assertThat(operator.getForEntity(zipPath, String.class).getStatusCode().value()).isEqualTo(403);

        // the ward downloads it: every batch's PDF and CSV, the manifest and the checksums, as recorded
        long seq = auditCount();
        ResponseEntity<byte[]> zip = ward.getForEntity(zipPath, byte[].class);
        assertThat(zip.getStatusCode().value()).isEqualTo(200);
        assertThat(zip.getHeaders().getContentType().toString()).isEqualTo("application/zip");
        assertThat(zip.getHeaders().getContentDisposition().getFilename()).isEqualTo("print-data-" + FY + ".zip");
        String zipSha256 = sha256(zip.getBody());
        assertThat(zip.getHeaders().getFirst("X-Content-SHA256")).isEqualTo(zipSha256);
        Map<String, byte[]> entries = unzip(zip.getBody());
        List<Map<String, Object>> batches = jdbc.queryForList(
                "select batch_no, cards, pdf_sha256, csv_sha256 from mailing_batch where fiscal_year = ? order by batch_no", FY);
        assertThat(batches).hasSizeGreaterThan(1);
        int cards = jdbc.queryForObject("select count(*) from mailing_item where fiscal_year = ?", Integer.class, FY);
        assertThat(entries).hasSize(2 * batches.size() + 2).containsKeys("manifest.pdf", "SHA256SUMS.txt");
        String sums = new String(entries.get("SHA256SUMS.txt"), StandardCharsets.UTF_8);
        for (Map<String, Object> batch : batches) {
            String name = String.format("batch-%04d", ((Number) batch.get("batch_no")).intValue());
            assertThat(sha256(entries.get(name + ".pdf"))).isEqualTo(((String) batch.get("pdf_sha256")).trim());
            assertThat(sha256(entries.get(name + ".csv"))).isEqualTo(((String) batch.get("csv_sha256")).trim());
            assertThat(sums).contains(((String) batch.get("pdf_sha256")).trim() + "  " + name + ".pdf");
        }
        // the CSV rows of all batches are the year's cards
        long rows = entries.entrySet().stream().filter(e -> e.getKey().endsWith(".csv"))
                .mapToLong(e -> new String(e.getValue(), StandardCharsets.UTF_8).split("\r\n").length - 1).sum();
        assertThat(rows).isEqualTo(cards);

        // one audit record: who, the persons' ids, the counts and the ZIP's SHA-256; no personal value in the detail
        Map<String, Object> record = jdbc.queryForMap("""
                select user_id, action, purpose, outcome, export_count, export_sha256, cardinality(member_ids) as persons,
                  process_instance_id, detail from audit_log where seq > ? and user_id = ?""", seq, WARD);
        assertThat(record).containsEntry("action", "EXPORT").containsEntry("purpose", "NOTICE").containsEntry("outcome", "ALLOWED")
                .containsEntry("export_count", cards).containsEntry("persons", cards)
                .containsEntry("process_instance_id", mailing.getId());
        assertThat(((String) record.get("export_sha256")).trim()).isEqualTo(zipSha256);
        assertThat((String) record.get("detail")).isEqualTo(String.format("印刷データのダウンロード（print-data-%d.zip、%d 便、ファイル %d 件、はがき %d 通）",
                FY, batches.size(), entries.size(), cards));
        // nothing of the download stays behind in the print folder
        try (var files = Files.list(mailingProperties.directory(FY))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".download-"));
        }

        // a batch file changed after it was rendered: refused, naming the batch, and on record
        Path csv = mailingProperties.directory(FY).resolve("batch-0002.csv");
        byte[] original = Files.readAllBytes(csv);
        Files.write(csv, "changed".getBytes(StandardCharsets.UTF_8));
        try {
            long seqBefore = auditCount();
            ResponseEntity<String> tampered = ward.getForEntity(zipPath, String.class);
            assertThat(tampered.getStatusCode().value()).isEqualTo(409);
            assertThat(tampered.getBody()).contains("第2便の印刷データ（batch-0002.csv）が作成時の記録（SHA-256）と一致しません");
            assertThat(jdbc.queryForObject("select count(*) from audit_log where seq > ? and user_id = ? and outcome = 'REFUSED'",
                    Integer.class, seqBefore, WARD)).isEqualTo(1);
        } finally {
            Files.write(csv, original);
        }
    }

    @Test
    void returnedMailIsRecordedByMailingIdOnceAndAnythingElseIsRefusedInJapanese() throws Exception {
        TestUsers.ensure(engine.getIdentityService(), WARD, "ward-staff");
        TestRestTemplate ward = anonymous.withBasicAuth(WARD, TestUsers.password(WARD));
        mailingAtTheProof();
        String mailingId = jdbc.queryForObject("select mailing_id from mailing_item where fiscal_year = ? order by seq desc limit 1",
                String.class, FY);
        String path = "/api/mailings/" + FY + "/returned/";
        long returnedBefore = jdbc.queryForObject("select count(*) from mailing_item where fiscal_year = ? and returned_at is not null",
                Long.class, FY);

        ResponseEntity<Map> first = ward.postForEntity(path + mailingId, null, Map.class);
        assertThat(first.getStatusCode().value()).isEqualTo(200);
        assertThat(first.getBody()).containsEntry("mailingId", mailingId).containsEntry("recordedNow", true)
                .containsEntry("returnedInYear", (int) returnedBefore + 1);
        // scanned twice: the first record stays, the answer says so
        ResponseEntity<Map> again = ward.postForEntity(path + mailingId, null, Map.class);
        assertThat(again.getBody()).containsEntry("recordedNow", false).containsEntry("returnedInYear", (int) returnedBefore + 1);

        // a ticket number is not a mailing id: 400 with the expected shape, the number not echoed
        ResponseEntity<String> ticket = ward.postForEntity(path + "20260012345", null, String.class);
        assertThat(ticket.getStatusCode().value()).isEqualTo(400);
        assertThat(ticket.getBody()).contains("お知らせ番号の形が正しくありません").contains("受診券整理番号は使えません")
                .doesNotContain("20260012345");
        // a mailing id of no card of the year: 404 naming it
        ResponseEntity<String> unknown = ward.postForEntity(path + "M" + FY + "-9999999", null, String.class);
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(unknown.getBody()).contains("お知らせ番号 M" + FY + "-9999999 は " + FY + " 年度の郵送にありません");
        assertThat(jdbc.queryForObject("select count(*) from mailing_item where fiscal_year = ? and returned_at is not null",
                Long.class, FY)).isEqualTo(returnedBefore + 1);
    }

    @Test
    void theCardTextEditorShowsASampleCardMarkedAsSuchWithTheTextsAsTyped() throws Exception {
        TestUsers.ensure(engine.getIdentityService(), WARD, "ward-staff");
        TestRestTemplate ward = anonymous.withBasicAuth(WARD, TestUsers.password(WARD));
        String base = "/api/card-templates/" + FY;
        assertThat(ward.getForObject(base, List.class)).contains("default", "attended-before", "never-40s");
        CardTexts saved = ward.getForObject(base + "/default", CardTexts.class);
        CardTexts typed = new CardTexts("見出しを直しました", saved.greeting(), saved.checkupPeriod(), saved.howToBook(), saved.bookingUrl(),
                saved.whyItMatters(), saved.inquiryDesk(), saved.privacyNote(), saved.sender());
        HttpHeaders json = new HttpHeaders();
        json.setContentType(MediaType.APPLICATION_JSON);

        ResponseEntity<byte[]> pdf = ward.exchange(base + "/default/sample.pdf", HttpMethod.POST, new HttpEntity<>(typed, json), byte[].class);
        assertThat(pdf.getStatusCode().value()).isEqualTo(200);
        try (var document = Loader.loadPDF(pdf.getBody())) {
            assertThat(document.getNumberOfPages()).isEqualTo(4);
            String text = new PDFTextStripper().getText(document).replaceAll("[\\s\\u3000]+", "");
            assertThat(text).contains("見本", "見出しを直しました", "見本花子様", "M" + FY + "-0000000", "みなと台区見本町");
        }
        ResponseEntity<byte[]> png = ward.exchange(base + "/default/sample.png", HttpMethod.POST, new HttpEntity<>(typed, json), byte[].class);
        assertThat(png.getHeaders().getContentType()).isEqualTo(MediaType.IMAGE_PNG);
        var image = ImageIO.read(new ByteArrayInputStream(png.getBody()));
        assertThat(image.getWidth()).isGreaterThan(600);
        assertThat(image.getHeight()).isGreaterThan(image.getWidth());
        // nothing was saved by drawing the sample
        assertThat(ward.getForObject(base + "/default", CardTexts.class).coverHeading()).isEqualTo(saved.coverHeading());

        // an empty text is named, in Japanese
        CardTexts empty = new CardTexts(saved.coverHeading(), saved.greeting(), saved.checkupPeriod(), saved.howToBook(), saved.bookingUrl(),
                saved.whyItMatters(), " ", saved.privacyNote(), saved.sender());
        ResponseEntity<String> refused = ward.exchange(base + "/default/sample.png", HttpMethod.POST, new HttpEntity<>(empty, json), String.class);
        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(refused.getBody()).contains("はがきの文面に空の項目があります：問い合わせ先（inquiryDesk）");
    }

    private long auditCount() {
        return jdbc.queryForObject("select coalesce(max(seq), 0) from audit_log", Long.class);
    }

    private String task(ProcessInstance instance, String key) {
        return engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(key).singleResult().getId();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    /** The year's synthetic members, its frozen list and its mailing at the proof (once; the tests share the year). */
    private synchronized ProcessInstance mailingAtTheProof() throws Exception {
        ProcessInstance running = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(MAILING_PROCESS_KEY)
                .processInstanceBusinessKey(Integer.toString(FY)).singleResult();
        if (running != null) {
            return running;
        }
        SyntheticWardGenerator generator = new SyntheticWardGenerator(new SyntheticWardSpec(FY, 150, FY, Charset.forName("windows-31j")));
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        generator.writeMembers(file);
        members.importMembers(FY, new ByteArrayInputStream(file.toByteArray()), "m.csv", "windows-31j", true);
        SelectionCounts counts = selection.select(new SelectionRequest(FY, LocalDate.of(FY, 4, 1), 0, null, null, null, null));
        selection.freeze(counts.runId(), "ward");
        ProcessInstance process = engine.getRuntimeService().startProcessInstanceByKey(MAILING_PROCESS_KEY, Integer.toString(FY),
                Map.of(FISCAL_YEAR, FY));
        for (int round = 0; round < 100; round++) {
            List<Job> jobs = engine.getManagementService().createJobQuery().processInstanceId(process.getId()).messages().list();
            if (jobs.isEmpty()) {
                break;
            }
            jobs.forEach(job -> engine.getManagementService().executeJob(job.getId()));
        }
        return process;
    }
}
