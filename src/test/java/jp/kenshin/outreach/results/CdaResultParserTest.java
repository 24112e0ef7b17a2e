package jp.kenshin.outreach.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import jp.kenshin.outreach.fileimport.ImportIssue;
import jp.kenshin.outreach.synthetic.SyntheticCdaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CdaResultParserTest {

    private static final String TICKET = "26100000017";
    private static final SyntheticCdaArchive ARCHIVE = new SyntheticCdaArchive("1310000017", SyntheticCdaArchive.INSURER,
            LocalDate.of(2027, 4, 15), 0);

    private final CdaResultParser parser = new CdaResultParser();

    private static Map<String, String> items() {
        Map<String, String> items = new LinkedHashMap<>();
        items.put("身長", "170.1");
        items.put("体重", "65.2");
        items.put("収縮期血圧", "128");
        items.put("拡張期血圧", "76");
        items.put("LDLコレステロール", null); // not done
        items.put("HbA1c", "5.6");
        items.put("保健指導レベル", "2");
        return items;
    }

    private static String document() {
        return ARCHIVE.document(new SyntheticCdaArchive.Checkup(TICKET, LocalDate.of(1960, 1, 1), 1, LocalDate.of(2027, 3, 20),
                "1310004038", items()));
    }

    private CdaResultParser.Parsed parse(String xml) {
        return parser.parse(7, "h131000001720270415010000007.xml", xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheHeaderAndTheItemsOfASyntheticDocument() {
        CdaResultParser.Parsed parsed = parse(document());

        assertThat(parsed.issues()).isEmpty();
        ResultRow row = parsed.row();
        assertThat(row.line()).isEqualTo(7);
        assertThat(row.document()).isEqualTo("h131000001720270415010000007.xml");
        assertThat(row.ticketNumber()).isEqualTo(TICKET);
        assertThat(row.personNo()).isNull();
        assertThat(row.birthDate()).isEqualTo(LocalDate.of(1960, 1, 1));
        assertThat(row.sex()).isEqualTo(1);
        // the exam date of serviceEvent, not the document's effectiveTime (2027-04-15, the next fiscal year)
        assertThat(row.examDate()).isEqualTo(LocalDate.of(2027, 3, 20));
        assertThat(row.resultYear()).isEqualTo(2026);
        // the institution that performed the checkup, not the one that wrote the file
        assertThat(row.institutionNo()).isEqualTo("1310004038");
        // blood pressure from the group's entryRelationships; LDL not done (negationInd) is left out
        assertThat(row.items()).containsExactly(Map.entry("身長", "170.1"), Map.entry("体重", "65.2"),
                Map.entry("収縮期血圧", "128"), Map.entry("拡張期血圧", "76"), Map.entry("HbA1c", "5.6"),
                Map.entry("保健指導レベル", "2"));
    }

    @Test
    void theRepresentativeBloodPressureWinsOverTheReadingsAndOtherMethodsOfHbA1cCount() {
        String xml = document()
                .replace("<entryRelationship typeCode=\"COMP\">", """
                        <entryRelationship typeCode="COMP">
                          <observation classCode="OBS" moodCode="EVN">
                            <code code="9A755000000000001" codeSystem="1.2.392.200119.6.1005"/>
                            <value xsi:type="PQ" value="124" unit="mmHg"/>
                          </observation>
                        </entryRelationship>
                        <entryRelationship typeCode="COMP">""")
                .replace("3D046000001906202", "3D046000001920402");

        ResultRow row = parse(xml).row();

        assertThat(row.items()).containsEntry("収縮期血圧", "124").containsEntry("拡張期血圧", "76").containsEntry("HbA1c", "5.6");
    }

    @Test
    void valueTypesPqCdAndStAndANegatedGroup() {
        String xml = document()
                .replace("<value xsi:type=\"CO\" code=\"2\"/>", "<value xsi:type=\"CD\" code=\"3\"/>")
                .replace("<value xsi:type=\"PQ\" value=\"65.2\" unit=\"kg\"/>", "<value xsi:type=\"ST\"> 66.0 </value>")
                // the whole blood pressure group not done
                .replace("<code nullFlavor=\"OTH\" displayName=\"血圧\"/>", "<code nullFlavor=\"OTH\"/>")
                .replaceFirst("<observation classCode=\"OBS\" moodCode=\"EVN\">\\s*<code nullFlavor=\"OTH\"/>",
                        "<observation classCode=\"OBS\" moodCode=\"EVN\" negationInd=\"true\"><code nullFlavor=\"OTH\"/>");

        ResultRow row = parse(xml).row();

        assertThat(row.items()).containsEntry("保健指導レベル", "3").containsEntry("体重", "66.0")
                .doesNotContainKeys("収縮期血圧", "拡張期血圧");
    }

    @Test
    void aDocumentWithoutTicketNumberOrExamDateIsRejectedNamingTheDocument() {
        String xml = ARCHIVE.document(new SyntheticCdaArchive.Checkup(null, LocalDate.of(1960, 1, 1), 1,
                LocalDate.of(2027, 3, 20), null, items())).replaceAll("<effectiveTime value=\"20270320\"/>", "");

        CdaResultParser.Parsed parsed = parse(xml);

        assertThat(parsed.row()).isNull();
        assertThat(parsed.issues()).extracting(ImportIssue::line, ImportIssue::document, ImportIssue::column, ImportIssue::severity)
                .containsExactly(
                        tuple(7, "h131000001720270415010000007.xml", "受診券整理番号", ImportIssue.Severity.REJECTED),
                        tuple(7, "h131000001720270415010000007.xml", "実施年月日", ImportIssue.Severity.REJECTED));
    }

    @Test
    void malformedXmlAndOtherNamespacesAreRejected() {
        CdaResultParser.Parsed broken = parse(document().substring(0, 900));
        assertThat(broken.row()).isNull();
        assertThat(broken.issues()).singleElement().satisfies(i -> assertThat(i.reason()).startsWith("XMLとして読めません（"));

        CdaResultParser.Parsed other = parse(document().replace("urn:hl7-org:v3", "urn:example:other"));
        assertThat(other.issues()).singleElement().satisfies(i -> assertThat(i.reason()).contains("ClinicalDocument"));
    }

    @Test
    void aDtdIsRefusedAndItsExternalEntityNeverRead(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("ticket.txt");
        Files.writeString(secret, TICKET);
        String xml = document()
                .replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        + "<!DOCTYPE ClinicalDocument [<!ENTITY ticket SYSTEM \"" + secret.toUri() + "\">]>")
                .replace("extension=\"" + TICKET + "\"", "extension=\"&ticket;\"");

        CdaResultParser.Parsed parsed = parse(xml);

        assertThat(parsed.row()).isNull();
        assertThat(parsed.issues()).singleElement().satisfies(i -> {
            assertThat(i.severity()).isEqualTo(ImportIssue.Severity.REJECTED);
            assertThat(i.reason()).contains("DTD").doesNotContain(TICKET);
        });
    }

    @Test
    void aMalformedInstitutionNumberIsANoticeAndTheAuthorIsTheFallback() {
        String noPerformer = document().replaceAll("(?s)<performer.*</performer>", "");
        assertThat(parse(noPerformer).row().institutionNo()).isEqualTo("1310000017");

        CdaResultParser.Parsed parsed = parse(document().replace("extension=\"1310004038\"", "extension=\"13100\""));
        assertThat(parsed.row().institutionNo()).isNull();
        assertThat(parsed.issues()).extracting(ImportIssue::column, ImportIssue::severity)
                .containsExactly(tuple("健診機関番号", ImportIssue.Severity.NOTICE));
    }

    @Test
    void wrongSexCodeAndBadDatesAreRejected() {
        String xml = document().replace("administrativeGenderCode code=\"1\"", "administrativeGenderCode code=\"9\"")
                .replace("<birthTime value=\"19600101\"/>", "<birthTime value=\"19600231\"/>");

        assertThat(parse(xml).issues()).extracting(ImportIssue::column).containsExactly("生年月日", "性別");
    }

    @Test
    void checkupDocumentsAreTheHFilesOfAnyDataFolder() {
        assertThat(ResultsImportService.isCheckupDocument("1310000017_00139999_202704150_1/DATA/h1310000017202704150100000001.xml"))
                .isTrue();
        assertThat(ResultsImportService.isCheckupDocument("DATA/H0001.XML")).isTrue();
        assertThat(ResultsImportService.isCheckupDocument("a/b/data/h1.xml")).isTrue();
        assertThat(ResultsImportService.isCheckupDocument("root/ix08_V08.xml")).isFalse();
        assertThat(ResultsImportService.isCheckupDocument("root/su08_V08.xml")).isFalse();
        assertThat(ResultsImportService.isCheckupDocument("root/CLAIMS/c1.xml")).isFalse();
        assertThat(ResultsImportService.isCheckupDocument("root/DATA/sub/h1.xml")).isFalse();
        assertThat(ResultsImportService.isCheckupDocument("h1.xml")).isFalse();
        assertThat(ResultsImportService.isCheckupDocument("root/DATA/g1.xml")).isFalse();
    }
}
