package jp.kenshin.outreach.results;

import static jp.kenshin.outreach.TestFiles.MEMBERS_HEADER;
import static jp.kenshin.outreach.TestFiles.RESULTS_HEADER;
import static jp.kenshin.outreach.TestFiles.csv;
import static jp.kenshin.outreach.TestFiles.member;
import static jp.kenshin.outreach.TestFiles.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.kenshin.outreach.IntegrationTest;
import jp.kenshin.outreach.TestUsers;
import jp.kenshin.outreach.fileimport.FileFormat;
import jp.kenshin.outreach.fileimport.ImportIssue;
import jp.kenshin.outreach.fileimport.ImportReport;
import jp.kenshin.outreach.fileimport.ImportStatus;
import jp.kenshin.outreach.members.MembersImportService;
import jp.kenshin.outreach.privacy.PersonalDataService;
import jp.kenshin.outreach.privacy.Purpose;
import jp.kenshin.outreach.privacy.Requester;
import jp.kenshin.outreach.synthetic.SyntheticCdaArchive;
import jp.kenshin.outreach.synthetic.SyntheticCdaArchive.Checkup;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/** Checkup results in the standard XML form (synthetic archives of invented people), fiscal years 3101-3109. */
@IntegrationTest
@RecordApplicationEvents
class XmlResultsImportIT {

    @Autowired
    MembersImportService members;
    @Autowired
    ResultsImportService results;
    @Autowired
    PersonalDataService door;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    jp.kenshin.outreach.privacy.PersonalCipher cipher;
    @Autowired
    ApplicationEvents events;
    @Autowired
    TestRestTemplate anonymous;
    @Autowired
    IdentityService identity;

    private static final LocalDate BORN_1 = LocalDate.of(1960, 1, 1);
    private static final LocalDate BORN_2 = LocalDate.of(1962, 2, 2);
    private static final LocalDate BORN_3 = LocalDate.of(1965, 5, 5);
    private static final LocalDate BORN_4 = LocalDate.of(1970, 7, 7);

    /** Ticket number of person {@code n} in fiscal year {@code fy}: 11 digits. */
    private static String ticket(int fy, int n) {
        return fy + "000000" + n;
    }

    /** Four members, 整理番号 1-4, each with a ticket number. */
    private void fourMembers(int fy) {
        List<String> rows = List.of(
                withTicket(member("1", "19600101", "1", "", "20000401", ""), "1", ticket(fy, 1)),
                withTicket(member("2", "19620202", "2", "", "20000401", ""), "2", ticket(fy, 2)),
                withTicket(member("3", "19650505", "2", "", "20000401", ""), "3", ticket(fy, 3)),
                withTicket(member("4", "19700707", "1", "", "20000401", ""), "4", ticket(fy, 4)));
        assertThat(members.importMembers(fy, csv(StandardCharsets.UTF_8, MEMBERS_HEADER, rows), "m.csv", "UTF-8", false)
                .status()).isEqualTo(ImportStatus.COMMITTED);
    }

    private static String withTicket(String memberRow, String personNo, String ticket) {
        return memberRow.replace(",12-" + personNo + ",,", ",12-" + personNo + "," + ticket + ",");
    }

    private static Map<String, String> items(String hba1c, String systolic) {
        Map<String, String> items = new LinkedHashMap<>();
        items.put("身長", "170.1");
        items.put("体重", "65.2");
        items.put("BMI", "22.5");
        items.put("腹囲", "80");
        items.put("収縮期血圧", systolic);
        items.put("拡張期血圧", "78");
        items.put("中性脂肪", "110");
        items.put("HDLコレステロール", "55");
        items.put("LDLコレステロール", null); // not done
        items.put("空腹時血糖", "95");
        items.put("HbA1c", hba1c);
        items.put("保健指導レベル", "1");
        return items;
    }

    private static SyntheticCdaArchive archive(int fy) {
        return new SyntheticCdaArchive("1310000017", SyntheticCdaArchive.INSURER, LocalDate.of(fy + 1, 4, 15), 0);
    }

    private ImportReport importArchive(int fy, SyntheticCdaArchive archive, boolean acceptRejections) {
        return results.importArchive(fy, new ByteArrayInputStream(archive.toBytes()), archive.fileName(), acceptRejections);
    }

    private long memberId(int fy, String personNo) {
        return jdbc.queryForObject("select id from member where fiscal_year = ? and person_index = ?", Long.class, fy,
                cipher.personIndex(fy, personNo));
    }

    private String examDate(int fy, String personNo, int resultYear) {
        List<String> dates = jdbc.queryForList("""
                select r.exam_date::text from checkup_result r join member m on m.id = r.member_id
                where m.fiscal_year = ? and m.person_index = ? and r.result_year = ?""", String.class, fy, cipher.personIndex(fy, personNo),
                resultYear);
        return dates.isEmpty() ? null : dates.get(0);
    }

    /** The person's results as the analysis purpose sees them, read through the door by ward staff. */
    private String resultsOf(int fy, String personNo) {
        return door.read(new Requester("ward", Set.of(Requester.WARD_STAFF)), Purpose.ANALYSIS, fy, List.of(memberId(fy, personNo)),
                PersonalDataService.AccessContext.of("test")).get(0).fields().get("健診結果");
    }

    private int resultCount(int fy) {
        return jdbc.queryForObject("select count(*) from checkup_result where cycle_year = ?", Integer.class, fy);
    }

    @Test
    void aBrokenDocumentOneWithoutTicketAndOneOfAnUnknownPersonAreRejectedByNameAndTheRestImported() {
        int fy = 3101;
        fourMembers(fy);
        SyntheticCdaArchive archive = archive(fy);
        String first = archive.add(new Checkup(ticket(fy, 1), BORN_1, 1, LocalDate.of(fy, 6, 10), "1310004038",
                items("5.6", "128")));
        String broken = archive.addDocument(archive.document(new Checkup(ticket(fy, 2), BORN_2, 2, LocalDate.of(fy, 6, 11),
                null, items("5.4", "118"))).substring(0, 1500).getBytes(StandardCharsets.UTF_8));
        String withoutTicket = archive.add(new Checkup(null, BORN_3, 2, LocalDate.of(fy, 6, 12), null, items("5.9", "131")));
        String unknown = archive.add(new Checkup(ticket(fy, 9), BORN_4, 1, LocalDate.of(fy, 6, 13), null, items("6.1", "140")));
        String last = archive.add(new Checkup(ticket(fy, 4), BORN_4, 1, LocalDate.of(fy + 1, 2, 1), null, items("7.2", "152")));

        ImportReport report = importArchive(fy, archive, true);

        assertThat(report.status()).isEqualTo(ImportStatus.COMMITTED);
        assertThat(report.format()).isEqualTo(FileFormat.XML);
        assertThat(report.fileName()).isEqualTo("1310000017_00139999_" + (fy + 1) + "04150_1.zip");
        assertThat(report.rowsRead()).isEqualTo(5);
        assertThat(report.rowsRejected()).isEqualTo(3);
        assertThat(report.rowsAccepted()).isEqualTo(2);
        assertThat(report.inserted()).isEqualTo(2);
        assertThat(report.issues()).extracting(ImportIssue::line, ImportIssue::document, ImportIssue::column, ImportIssue::severity)
                .containsExactly(
                        tuple(2, broken, null, ImportIssue.Severity.REJECTED),
                        tuple(3, withoutTicket, "受診券整理番号", ImportIssue.Severity.REJECTED),
                        tuple(4, unknown, "受診券整理番号", ImportIssue.Severity.REJECTED));
        assertThat(report.issues()).extracting(ImportIssue::reason).containsExactly(
                report.issues().get(0).reason(), // the parser's position in the document
                "受診券整理番号（participant typeCode=HLD の associatedEntity/id）がありません",
                fy + "年度の被保険者に該当者がいません");
        assertThat(report.issues().get(0).reason()).startsWith("XMLとして読めません（");
        assertThat(report.toJapaneseText()).contains("健診結果（標準様式XMLアーカイブ）取込結果", "取込済（不備文書を除いて受理）",
                "読込文書数: 5", "文書 " + broken + " 不備: XMLとして読めません",
                "文書 " + withoutTicket + "［受診券整理番号］ 不備: 受診券整理番号（participant typeCode=HLD の associatedEntity/id）がありません",
                "文書 " + unknown + "［受診券整理番号］ 不備: " + fy + "年度の被保険者に該当者がいません");

        assertThat(examDate(fy, "1", fy)).isEqualTo(fy + "-06-10");
        assertThat(examDate(fy, "4", fy)).isEqualTo((fy + 1) + "-02-01");
        assertThat(resultsOf(fy, "1")).isEqualTo(fy + "年度 " + fy + "-06-10 身長=170.1;体重=65.2;BMI=22.5;腹囲=80;収縮期血圧=128;"
                + "拡張期血圧=78;中性脂肪=110;HDLコレステロール=55;空腹時血糖=95;HbA1c=5.6;保健指導レベル=1;");
        assertThat(resultsOf(fy, "4")).contains("HbA1c=7.2", "収縮期血圧=152").doesNotContain("LDL");
        assertThat(jdbc.queryForList("select distinct source from checkup_result where cycle_year = ?", String.class, fy))
                .containsExactly("XML");
        assertThat(jdbc.queryForObject("""
                select r.institution_no from checkup_result r join member m on m.id = r.member_id
                where m.fiscal_year = ? and m.person_index = ?""", String.class, fy, cipher.personIndex(fy, "1"))).isEqualTo("1310004038");
    }

    @Test
    void anArchiveWithRejectedDocumentsIsRefusedWholeUnlessTheRejectionsAreAccepted() {
        int fy = 3102;
        fourMembers(fy);
        SyntheticCdaArchive archive = archive(fy);
        archive.add(new Checkup(ticket(fy, 1), BORN_1, 1, LocalDate.of(fy, 6, 10), null, items("5.6", "128")));
        archive.add(new Checkup(null, BORN_2, 2, LocalDate.of(fy, 6, 11), null, items("5.4", "118")));

        ImportReport report = importArchive(fy, archive, false);

        assertThat(report.status()).isEqualTo(ImportStatus.REFUSED);
        assertThat(report.refusalReason()).contains("不備のある文書が1件あるため、アーカイブ全体を取り込みませんでした");
        assertThat(report.inserted()).isZero();
        assertThat(report.issues()).hasSize(1);
        assertThat(resultCount(fy)).isZero();
        assertThat(events.stream(AttendanceRecorded.class)).isEmpty();
    }

    @Test
    void theExamDateIsTheServiceEventsNotTheDocumentsOwnDate() {
        int fy = 3103;
        fourMembers(fy);
        // examined on 20 March (fiscal year 3103), the document written on 15 April (fiscal year 3104)
        SyntheticCdaArchive archive = archive(fy);
        String xml = archive.document(new Checkup(ticket(fy, 2), BORN_2, 2, LocalDate.of(fy + 1, 3, 20), null, items("5.6", "128")));
        assertThat(xml).contains("<effectiveTime value=\"" + (fy + 1) + "0415\"/>");
        archive.add(new Checkup(ticket(fy, 2), BORN_2, 2, LocalDate.of(fy + 1, 3, 20), null, items("5.6", "128")));

        ImportReport report = importArchive(fy, archive, false);

        assertThat(report.status()).isEqualTo(ImportStatus.COMMITTED);
        assertThat(examDate(fy, "2", fy)).isEqualTo((fy + 1) + "-03-20");
        assertThat(examDate(fy, "2", fy + 1)).isNull();
    }

    @Test
    void aDocumentWhoseBirthDateOrSexIsAnotherPersonsIsRejected() {
        int fy = 3104;
        fourMembers(fy);
        SyntheticCdaArchive archive = archive(fy);
        String wrongBirth = archive.add(new Checkup(ticket(fy, 1), LocalDate.of(1960, 1, 2), 1, LocalDate.of(fy, 6, 10), null,
                items("5.6", "128")));
        String wrongSex = archive.add(new Checkup(ticket(fy, 2), BORN_2, 1, LocalDate.of(fy, 6, 10), null, items("5.6", "128")));
        archive.add(new Checkup(ticket(fy, 3), BORN_3, 2, LocalDate.of(fy, 6, 10), null, items("5.6", "128")));

        ImportReport report = importArchive(fy, archive, true);

        assertThat(report.issues()).extracting(ImportIssue::document, ImportIssue::column, ImportIssue::reason).containsExactly(
                tuple(wrongBirth, "生年月日", "該当者の生年月日と一致しません（別人の可能性）"),
                tuple(wrongSex, "性別", "該当者の性別と一致しません（別人の可能性）"));
        assertThat(report.inserted()).isEqualTo(1);
        assertThat(examDate(fy, "1", fy)).isNull();
        assertThat(examDate(fy, "3", fy)).isEqualTo(fy + "-06-10");
        // the reasons quote no value of the documents
        assertThat(report.toJapaneseText()).doesNotContain("1960", "19600102", ticket(fy, 1));
    }

    @Test
    void aFileThatIsNotAZipArchiveIsRefusedWithAClearReason() {
        int fy = 3105;
        fourMembers(fy);
        byte[] csvFile = (RESULTS_HEADER + "\r\n" + result(fy, "1", "19600101", "1", fy + "0601") + "\r\n")
                .getBytes(StandardCharsets.UTF_8);

        ImportReport report = results.importArchive(fy, new ByteArrayInputStream(csvFile), "results.csv", true);

        assertThat(report.status()).isEqualTo(ImportStatus.REFUSED);
        assertThat(report.refusalReason()).isEqualTo("ZIP形式のファイルではありません（標準様式の健診結果はZIPアーカイブで受け付けます）");
        assertThat(report.toJapaneseText()).contains("取込拒否（何も登録していません）", "拒否理由: ZIP形式のファイルではありません");
        assertThat(resultCount(fy)).isZero();
    }

    @Test
    void aDocumentWithADtdIsRejectedWithoutItsEntityBeingRead(@TempDir Path dir) throws Exception {
        int fy = 3106;
        fourMembers(fy);
        // if the entity were resolved, this document would name person 1 and be imported
        Path file = dir.resolve("ticket.txt");
        Files.writeString(file, ticket(fy, 1));
        SyntheticCdaArchive archive = archive(fy);
        String xml = archive.document(new Checkup(ticket(fy, 1), BORN_1, 1, LocalDate.of(fy, 6, 10), null, items("5.6", "128")))
                .replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        + "<!DOCTYPE ClinicalDocument [<!ENTITY ticket SYSTEM \"" + file.toUri() + "\">]>")
                .replace("extension=\"" + ticket(fy, 1) + "\"", "extension=\"&ticket;\"");
        String hostile = archive.addDocument(xml.getBytes(StandardCharsets.UTF_8));

        ImportReport report = importArchive(fy, archive, true);

        assertThat(report.status()).isEqualTo(ImportStatus.COMMITTED);
        assertThat(report.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.document()).isEqualTo(hostile);
            assertThat(issue.severity()).isEqualTo(ImportIssue.Severity.REJECTED);
            assertThat(issue.reason()).isEqualTo("DTD（DOCTYPE宣言）を含む文書は受け付けません（外部実体を読まないため）");
        });
        assertThat(report.inserted()).isZero();
        assertThat(resultCount(fy)).isZero();
    }

    @Test
    void theSamePersonAndYearTwiceKeepsTheEarlierExamDateAndSaysSo() {
        int fy = 3107;
        fourMembers(fy);
        assertThat(results.importResults(fy, csv(StandardCharsets.UTF_8, RESULTS_HEADER, List.of(
                result(fy, "2", "19620202", "2", fy + "0615"))), "r.csv", "UTF-8", false).inserted()).isEqualTo(1);
        SyntheticCdaArchive archive = archive(fy);
        String later = archive.add(new Checkup(ticket(fy, 1), BORN_1, 1, LocalDate.of(fy, 7, 1), null, items("5.9", "130")));
        String earlier = archive.add(new Checkup(ticket(fy, 1), BORN_1, 1, LocalDate.of(fy, 6, 1), null, items("5.6", "128")));
        String afterTheCsv = archive.add(new Checkup(ticket(fy, 2), BORN_2, 2, LocalDate.of(fy, 7, 10), null, items("5.4", "118")));

        ImportReport report = importArchive(fy, archive, false);

        assertThat(report.status()).isEqualTo(ImportStatus.COMMITTED);
        assertThat(report.notices()).isEqualTo(2);
        assertThat(report.issues()).extracting(ImportIssue::document, ImportIssue::severity, ImportIssue::reason).containsExactly(
                tuple(later, ImportIssue.Severity.NOTICE, "同じ人・同じ年度の結果が文書 " + earlier + " にもあり、実施日の早い方を採りました"),
                tuple(afterTheCsv, ImportIssue.Severity.NOTICE, "同じ人・同じ年度の結果が登録済みで、その実施日の方が早いため登録済みの結果を残しました"));
        assertThat(report.inserted()).isEqualTo(1);
        assertThat(examDate(fy, "1", fy)).isEqualTo(fy + "-06-01");
        assertThat(resultsOf(fy, "1")).contains("HbA1c=5.6");
        assertThat(examDate(fy, "2", fy)).isEqualTo(fy + "-06-15");

        // the same archive again: nothing new, nothing duplicated
        ImportReport again = importArchive(fy, archive, false);
        assertThat(again.inserted()).isZero();
        assertThat(again.updated()).isZero();
        assertThat(resultCount(fy)).isEqualTo(2);
    }

    @Test
    void attendanceRecordedCarriesTheMembersWhoseCheckupOfTheCycleYearWasNewlyInserted() {
        int fy = 3108;
        fourMembers(fy);
        // CSV: person 1 this year (new), person 4 last year (not the cycle's year)
        ImportReport csvReport = results.importResults(fy, csv(StandardCharsets.UTF_8, RESULTS_HEADER, List.of(
                result(fy, "1", "19600101", "1", fy + "0901"),
                result(fy - 1, "4", "19700707", "1", (fy - 1) + "0901"))), "r.csv", "UTF-8", false);
        assertThat(csvReport.inserted()).isEqualTo(2);
        assertThat(events.stream(AttendanceRecorded.class))
                .containsExactly(new AttendanceRecorded(fy, List.of(memberId(fy, "1"))));

        // XML: person 1 again, earlier (updated, not new); person 2 new; person 3 examined in the next fiscal
        // year (not the cycle's year); person 4 another person's birth date (rejected)
        SyntheticCdaArchive archive = archive(fy);
        archive.add(new Checkup(ticket(fy, 1), BORN_1, 1, LocalDate.of(fy, 8, 1), null, items("5.6", "128")));
        archive.add(new Checkup(ticket(fy, 2), BORN_2, 2, LocalDate.of(fy, 8, 2), null, items("5.6", "128")));
        archive.add(new Checkup(ticket(fy, 3), BORN_3, 2, LocalDate.of(fy + 1, 4, 3), null, items("5.6", "128")));
        archive.add(new Checkup(ticket(fy, 4), BORN_1, 1, LocalDate.of(fy, 8, 4), null, items("5.6", "128")));
        ImportReport xmlReport = importArchive(fy, archive, true);

        assertThat(xmlReport.inserted()).isEqualTo(2);
        assertThat(xmlReport.updated()).isEqualTo(1);
        assertThat(events.stream(AttendanceRecorded.class)).containsExactly(
                new AttendanceRecorded(fy, List.of(memberId(fy, "1"))),
                new AttendanceRecorded(fy, List.of(memberId(fy, "2"))));

        // nothing new: no event
        importArchive(fy, archive, true);
        results.importResults(fy, csv(StandardCharsets.UTF_8, RESULTS_HEADER, List.of(
                result(fy, "1", "19600101", "1", fy + "0901"))), "r.csv", "UTF-8", false);
        assertThat(events.stream(AttendanceRecorded.class)).hasSize(2);
    }

    @Test
    void theArchiveGoesInOverRestAndItsReportNamesTheDocuments() {
        int fy = 3109;
        fourMembers(fy);
        SyntheticCdaArchive archive = archive(fy);
        archive.add(new Checkup(ticket(fy, 1), BORN_1, 1, LocalDate.of(fy, 6, 10), null, items("5.6", "128")));
        String unknown = archive.add(new Checkup(ticket(fy, 8), BORN_2, 2, LocalDate.of(fy, 6, 10), null, items("5.6", "128")));
        TestUsers.ensure(identity, "xmlward", Requester.WARD_STAFF);
        TestRestTemplate rest = anonymous.withBasicAuth("xmlward", TestUsers.password("xmlward"));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType("application/zip"));

        ResponseEntity<Map<String, Object>> response = rest.exchange("/api/results/xml-imports?fiscalYear=" + fy
                + "&acceptRejections=true&fileName=" + archive.fileName(), HttpMethod.POST,
                new HttpEntity<>(archive.toBytes(), headers), new ParameterizedTypeReference<Map<String, Object>>() {
                });

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).containsEntry("status", "COMMITTED").containsEntry("format", "XML")
                .containsEntry("inserted", 1).containsEntry("rowsRejected", 1);
        String text = rest.getForObject("/api/imports/" + response.getBody().get("id") + "/report.txt", String.class);
        assertThat(text).contains("ファイル: " + archive.fileName() + "\n",
                "文書 " + unknown + "［受診券整理番号］ 不備: " + fy + "年度の被保険者に該当者がいません");
    }
}
