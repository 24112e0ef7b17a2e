package jp.kenshin.outreach.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import jp.kenshin.outreach.IntegrationTest;
import jp.kenshin.outreach.TestUsers;
import jp.kenshin.outreach.members.MembersImportService;
import jp.kenshin.outreach.results.ResultsImportService;
import jp.kenshin.outreach.selection.SelectionCounts;
import jp.kenshin.outreach.selection.SelectionRequest;
import jp.kenshin.outreach.selection.TargetSelectionService;
import jp.kenshin.outreach.synthetic.SyntheticWardGenerator;
import jp.kenshin.outreach.synthetic.SyntheticWardSpec;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The shortest path a ward may take: members, last year's results, a selection with a holdout, this year's
 * results and the analysis over REST, with no mailing and no calls recorded. Nobody was reached, so the
 * effect among the reached cannot be estimated; everything else still is, and every document renders.
 */
@IntegrationTest
class AnalysisWithoutCallsIT {

    private static final int FY = 2038;
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @Autowired
    MembersImportService members;
    @Autowired
    ResultsImportService results;
    @Autowired
    TargetSelectionService selection;
    @Autowired
    IdentityService identity;
    @Autowired
    TestRestTemplate anonymous;

    @Test
    @SuppressWarnings("unchecked")
    void aHoldoutWithoutAnyCallGivesTheIntentionToTreatEffectAndSaysWhatCannotBeShown() throws Exception {
        SyntheticWardGenerator generator = new SyntheticWardGenerator(new SyntheticWardSpec(FY, 1500, FY, StandardCharsets.UTF_8));
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        generator.writeMembers(file);
        ByteArrayOutputStream lastYear = new ByteArrayOutputStream();
        generator.writeResults(FY - 1, lastYear);
        ByteArrayOutputStream thisYear = new ByteArrayOutputStream();
        generator.writeResults(FY, thisYear);
        members.importMembers(FY, new ByteArrayInputStream(file.toByteArray()), "m.csv", "UTF-8", true);
        results.importResults(FY, new ByteArrayInputStream(lastYear.toByteArray()), "r1.csv", "UTF-8", true);
        SelectionCounts counts = selection.select(new SelectionRequest(FY, LocalDate.of(FY, 4, 1), 0.2, 11L, null, null, null));
        selection.freeze(counts.runId(), "ward");
        assertThat(counts.heldOut()).isPositive();
        results.importResults(FY, new ByteArrayInputStream(thisYear.toByteArray()), "r2.csv", "UTF-8", true);

        TestUsers.ensure(identity, "nocallward", "ward-staff");
        TestRestTemplate ward = anonymous.withBasicAuth("nocallward", TestUsers.password("nocallward"));
        ResponseEntity<Map<String, Object>> run = ward.exchange("/api/analyses", HttpMethod.POST,
                new HttpEntity<>(Map.of("fiscalYear", FY, "cutOff", (FY + 1) + "-06-30")), JSON);
        assertThat(run.getStatusCode()).as(String.valueOf(run.getBody())).isEqualTo(HttpStatus.CREATED);
        Object id = run.getBody().get("id");

        ResponseEntity<String> figures = ward.getForEntity("/api/analyses/" + id, String.class);
        assertThat(figures.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(figures.getBody()).doesNotContain("Infinity");
        ResponseEntity<byte[]> pdf = ward.getForEntity("/api/analyses/" + id + "/report.pdf", byte[].class);
        assertThat(pdf.getStatusCode()).isEqualTo(HttpStatus.OK);
        try (var document = Loader.loadPDF(pdf.getBody())) {
            assertThat(new PDFTextStripper().getText(document)).contains("効果");
        }
        ResponseEntity<String> csv = ward.getForEntity("/api/analyses/" + id + "/figures.csv", String.class);
        assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(ward.getForEntity("/api/analyses/" + id + "/figures.xlsx", byte[].class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }
}
