package jp.kenshin.outreach.mailing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import jp.kenshin.outreach.IntegrationTest;
import jp.kenshin.outreach.PersonalValues;
import jp.kenshin.outreach.members.MembersImportService;
import jp.kenshin.outreach.selection.SelectionCounts;
import jp.kenshin.outreach.selection.SelectionRequest;
import jp.kenshin.outreach.selection.TargetSelectionService;
import jp.kenshin.outreach.synthetic.SyntheticWardGenerator;
import jp.kenshin.outreach.synthetic.SyntheticWardSpec;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The frozen list becomes print files: none missing, none twice, in postal-code order, also after a retried batch. */
@IntegrationTest
class MailingIT {

    private static final int FY = 2098;
    private static final Charset CP932 = Charset.forName("windows-31j");

    @Autowired
    MailingService mailing;
    @Autowired
    MembersImportService members;
    @Autowired
    TargetSelectionService selection;
    @Autowired
    JdbcTemplate jdbc;

    private static List<CSVRecord> rows(Path csv) throws Exception {
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            reader.read(); // the byte order mark
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        }
    }

    @Test
    void everyTargetIsPrintedOnceInPostalCodeOrderAndARetriedBatchReplacesItsOwnFiles(@TempDir Path out) throws Exception {
        SyntheticWardGenerator generator = new SyntheticWardGenerator(new SyntheticWardSpec(2098, 400, FY, CP932));
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        generator.writeMembers(file);
        members.importMembers(FY, new ByteArrayInputStream(file.toByteArray()), "m.csv", "windows-31j", true);
        SelectionCounts counts = selection.select(new SelectionRequest(FY, LocalDate.of(FY, 4, 1), 0, null, null, null, null));
        selection.freeze(counts.runId(), "ward");

        MailingService.Plan plan = mailing.plan(FY, 40);
        assertThat(plan.cards()).isEqualTo((int) counts.targets()).isPositive();
        assertThat(plan.batches()).isEqualTo((int) Math.ceil(counts.targets() / 40.0));
        assertThat(mailing.plan(FY, 10)).isEqualTo(plan);
        // the card-variant decision table: never attended and in their forties get their own message
        assertThat(jdbc.queryForList("""
                select distinct i.variant from mailing_item i join selection_entry e on e.member_id = i.member_id
                where i.fiscal_year = ? and e.age between 40 and 49""", String.class, FY)).containsExactly("never-40s");
        assertThat(jdbc.queryForList("""
                select distinct i.variant from mailing_item i join selection_entry e on e.member_id = i.member_id
                where i.fiscal_year = ? and e.age >= 50""", String.class, FY)).containsExactly("default");

        for (int batch : mailing.batchNumbers(FY)) {
            mailing.renderBatch(FY, batch, out);
        }
        String before = Files.readString(out.resolve("batch-0002.csv"));
        mailing.renderBatch(FY, 2, out); // killed and retried: the batch replaces its own files
        assertThat(Files.readString(out.resolve("batch-0002.csv"))).isEqualTo(before);
        try (var files = Files.list(out)) {
            assertThat(files.filter(p -> p.toString().endsWith(".part")).count()).isZero();
        }

        List<String> mailingIds = new ArrayList<>();
        List<String> postalCodes = new ArrayList<>();
        StringBuilder allText = new StringBuilder();
        for (int batch : mailing.batchNumbers(FY)) {
            Path csv = out.resolve(String.format("batch-%04d.csv", batch));
            List<CSVRecord> records = rows(csv);
            records.forEach(r -> {
                mailingIds.add(r.get("お知らせ番号"));
                postalCodes.add(r.get("郵便番号"));
            });
            allText.append(Files.readString(csv));
            byte[] pdf = Files.readAllBytes(out.resolve(String.format("batch-%04d.pdf", batch)));
            try (var document = Loader.loadPDF(pdf)) {
                assertThat(document.getNumberOfPages()).isEqualTo(4 * records.size());
                allText.append(new PDFTextStripper().getText(document));
            }
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf));
            assertThat(jdbc.queryForObject("select pdf_sha256 from mailing_batch where fiscal_year = ? and batch_no = ?",
                    String.class, FY, batch)).isEqualTo(sha);
            assertThat(jdbc.queryForObject("select count(*) from audit_log where action = 'EXPORT' and export_sha256 = ?",
                    Integer.class, sha)).isPositive();
        }
        List<String> expected = jdbc.queryForList("""
                select i.mailing_id from mailing_item i join selection_entry e on e.member_id = i.member_id
                join selection_run r on r.id = e.run_id and r.status = 'FROZEN' and r.fiscal_year = i.fiscal_year
                where i.fiscal_year = ? and e.eligible order by i.seq""", String.class, FY);
        assertThat(mailingIds).hasSize((int) counts.targets()).doesNotHaveDuplicates().containsExactlyElementsOf(expected);
        assertThat(postalCodes).isSorted();

        // no phone number in any mailing file
        Set<String> personal = PersonalValues.of(file.toByteArray(), CP932);
        List<String> phones = personal.stream().filter(v -> v.matches("0[0-9]{9,10}")).toList();
        assertThat(phones).isNotEmpty();
        assertThat(phones.stream().filter(allText.toString()::contains).toList()).isEmpty();

        try (var manifest = Loader.loadPDF(mailing.manifest(FY))) {
            String text = new PDFTextStripper().getText(manifest).replaceAll("[\\s\\u3000]+", "");
            assertThat(text).contains("差出票", "合計" + String.format("%,d", counts.targets()) + "通");
        }

        mailing.recordReturned(FY, mailingIds.get(0), "ward");
        assertThat(jdbc.queryForObject("select count(*) from mailing_item where fiscal_year = ? and returned_at is not null",
                Integer.class, FY)).isEqualTo(1);
        // an unknown mailing id is not found (404 over REST), named in the answer
        assertThatThrownBy(() -> mailing.recordReturned(FY, "M0000-0000000", "ward")).isInstanceOf(java.util.NoSuchElementException.class)
                .hasMessage("お知らせ番号 M0000-0000000 は " + FY + " 年度の郵送にありません");
    }
}
