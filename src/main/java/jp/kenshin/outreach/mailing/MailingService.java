package jp.kenshin.outreach.mailing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jp.kenshin.outreach.infrastructure.DeployedDecisions;
import jp.kenshin.outreach.privacy.PersonalDataService;
import jp.kenshin.outreach.privacy.ViewField;
import jp.kenshin.outreach.reports.ReportRenderer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import jp.kenshin.outreach.reports.SpreadsheetCells;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The mailing of a fiscal year's frozen target list: every target gets a mailing id and its place in
 * postal-code order (区分郵便物) and a batch; each batch is rendered to the print PDF and the vendor
 * CSV in that order (through the door, recorded with the files' checksums), replacing its own files
 * when retried; the mail manifest (差出票) counts the cards per bundle (first five digits of the
 * postal code). The person's data never leaves through anything but these recorded files.
 */
@Service
public class MailingService {

    public static final String DEFAULT_VARIANT = "default";
    public static final String CARD_VARIANT_DECISION = "CardVariant";

    public record Plan(int fiscalYear, int cards, int batches) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final PersonalDataService door;
    private final PostcardRenderer postcards;
    private final ReportRenderer reports;
    private final DeployedDecisions decisions;

    private final TransactionTemplate ownTransaction;

    public MailingService(JdbcTemplate jdbc, PersonalDataService door, PostcardRenderer postcards, ReportRenderer reports,
            DeployedDecisions decisions, PlatformTransactionManager transactions, Clock clock) {
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.decisions = decisions;
        this.jdbc = jdbc;
        this.door = door;
        this.postcards = postcards;
        this.reports = reports;
    }

    /** Plans the mailing once: targets of the frozen list in postal-code order, in batches. Repeating it changes nothing. */
    @Transactional
    public Plan plan(int fiscalYear, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1");
        }
        Integer planned = jdbc.queryForObject("select count(*) from mailing_item where fiscal_year = ?", Integer.class, fiscalYear);
        if (planned != null && planned > 0) {
            return summary(fiscalYear);
        }
        List<Long> targets = jdbc.queryForList("""
                select e.member_id from selection_entry e join selection_run r on r.id = e.run_id
                where r.fiscal_year = ? and r.status = 'FROZEN' and e.eligible order by e.member_id""", Long.class, fiscalYear);
        if (targets.isEmpty()) {
            throw new IllegalStateException(fiscalYear + " 年度の対象者リストが確定していません");
        }
        Map<Long, String> postal = door.postalCodesForMailing(fiscalYear, targets, "郵送の区分け " + fiscalYear);
        Map<Long, String> variants = variants(fiscalYear);
        List<Long> ordered = new ArrayList<>(targets);
        ordered.sort(Comparator.comparing((Long id) -> postal.get(id)).thenComparing(id -> id));
        List<Object[]> rows = new ArrayList<>(ordered.size());
        for (int i = 0; i < ordered.size(); i++) {
            int seq = i + 1;
            rows.add(new Object[] {fiscalYear, ordered.get(i), String.format("M%d-%07d", fiscalYear, seq), seq,
                    (seq - 1) / batchSize + 1, variants.getOrDefault(ordered.get(i), DEFAULT_VARIANT)});
        }
        jdbc.batchUpdate("insert into mailing_item (fiscal_year, member_id, mailing_id, seq, batch_no, variant) values (?, ?, ?, ?, ?, ?)", rows);
        jdbc.update("""
                insert into mailing_batch (fiscal_year, batch_no, cards)
                select fiscal_year, batch_no, count(*) from mailing_item where fiscal_year = ? group by fiscal_year, batch_no""",
                fiscalYear);
        return summary(fiscalYear);
    }

    /**
     * The message variant per target by the card-variant decision table (bpmn/card-variant.dmn), from
     * the segment: age at the end of the year, sex, and whether the person ever attended before.
     */
    private Map<Long, String> variants(int fiscalYear) {
        DeployedDecisions.Evaluator decision = decisions.latest(CARD_VARIANT_DECISION);
        Map<Long, String> variants = new java.util.HashMap<>();
        jdbc.query("""
                select e.member_id, e.age, e.sex,
                  exists (select 1 from checkup_result c where c.member_id = e.member_id and c.result_year < ?) as attended_before
                from selection_entry e join selection_run r on r.id = e.run_id
                where r.fiscal_year = ? and r.status = 'FROZEN' and e.eligible""", rs -> {
                    Object variant = decision.evaluate(Map.of("attendedBefore", rs.getBoolean("attended_before"),
                            "age", rs.getInt("age"), "sex", rs.getInt("sex"))).get("variant");
                    variants.put(rs.getLong("member_id"), variant == null ? DEFAULT_VARIANT : variant.toString());
                }, fiscalYear, fiscalYear);
        return variants;
    }

    public Plan summary(int fiscalYear) {
        Map<String, Object> row = jdbc.queryForMap("""
                select count(*) as cards, coalesce(max(batch_no), 0) as batches from mailing_item where fiscal_year = ?""", fiscalYear);
        return new Plan(fiscalYear, ((Number) row.get("cards")).intValue(), ((Number) row.get("batches")).intValue());
    }

    public List<Integer> batchNumbers(int fiscalYear) {
        return jdbc.queryForList("select batch_no from mailing_batch where fiscal_year = ? order by batch_no", Integer.class, fiscalYear);
    }

    /**
     * Renders one batch into its print PDF and vendor CSV in the directory, replacing the batch's own
     * files (a retried batch never adds or loses a card), and marks it rendered.
     */
    public void renderBatch(int fiscalYear, int batchNo, Path directory) {
        render(fiscalYear, batchNo, directory, null);
    }

    /**
     * Renders a batch for the engine's job {@code execution} (the batch's execution id), once: in a transaction of its
     * own that locks the batch, commits its files' record at once and returns true. A retry of the same job finds the
     * batch rendered by it with its files as recorded, writes nothing and returns false: after an optimistic-locking
     * conflict rolled the job back (two batches completing at once on the mailing's multi-instance), or on another
     * node that took the job over after the first one stopped, or while the first one still runs (it waits for the
     * lock). A new round of the mailing (the proof sent back) has new executions and renders again.
     */
    public boolean renderBatchOnce(int fiscalYear, int batchNo, Path directory, String execution) {
        return Boolean.TRUE.equals(ownTransaction.execute(status -> {
            Map<String, Object> batch = jdbc.queryForMap("""
                    select status, pdf_sha256, csv_sha256, rendered_by from mailing_batch where fiscal_year = ? and batch_no = ?
                    for update""", fiscalYear, batchNo);
            String name = String.format("batch-%04d", batchNo);
            if ("RENDERED".equals(batch.get("status")) && execution.equals(batch.get("rendered_by"))
                    && sameFile(directory.resolve(name + ".pdf"), (String) batch.get("pdf_sha256"))
                    && sameFile(directory.resolve(name + ".csv"), (String) batch.get("csv_sha256"))) {
                return false;
            }
            render(fiscalYear, batchNo, directory, execution);
            return true;
        }));
    }

    private static boolean sameFile(Path file, String sha256) {
        if (sha256 == null || !Files.isRegularFile(file)) {
            return false;
        }
        try (var in = Files.newInputStream(file)) {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return java.util.HexFormat.of().formatHex(digest.digest()).equals(sha256.trim());
        } catch (IOException e) {
            return false;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void render(int fiscalYear, int batchNo, Path directory, String renderedBy) {
        List<Map<String, Object>> items = jdbc.queryForList("""
                select member_id, mailing_id, seq, variant from mailing_item where fiscal_year = ? and batch_no = ? order by seq""",
                fiscalYear, batchNo);
        List<Long> ids = items.stream().map(i -> ((Number) i.get("member_id")).longValue()).toList();
        Map<Long, Map<String, Object>> byMember = new TreeMap<>();
        items.forEach(i -> byMember.put(((Number) i.get("member_id")).longValue(), i));
        String ref = "郵送 " + fiscalYear + " 第" + batchNo + "便";
        String name = String.format("batch-%04d", batchNo);
        try {
            Files.createDirectories(directory);
            // one reading of the batch's data through the door, two recorded files, each moved into place whole
            Path pdf = directory.resolve(name + ".pdf");
            Path csv = directory.resolve(name + ".csv");
            Path pdfPart = Files.createTempFile(directory, name, ".pdf.part");
            Path csvPart = Files.createTempFile(directory, name, ".csv.part");
            List<PersonalDataService.ExportResult> written;
            try {
                try (OutputStream pdfOut = Files.newOutputStream(pdfPart); OutputStream csvOut = Files.newOutputStream(csvPart)) {
                    written = door.exportPrintDataForMailing(fiscalYear, ids, ref, List.of(
                            new PersonalDataService.ExportFile(pdfOut, (fields, people, file) ->
                                    file.write(postcards.render(fiscalYear, inSeqOrder(people, byMember)))),
                            new PersonalDataService.ExportFile(csvOut, (fields, people, file) ->
                                    writeVendorCsv(inSeqOrder(people, byMember), file))));
                }
                Files.move(pdfPart, pdf, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                Files.move(csvPart, csv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(pdfPart);
                Files.deleteIfExists(csvPart);
            }
            String pdfHash = written.get(0).sha256();
            String csvHash = written.get(1).sha256();
            jdbc.update("""
                    update mailing_batch set status = 'RENDERED', pdf_sha256 = ?, csv_sha256 = ?, rendered_at = now(), rendered_by = ?
                    where fiscal_year = ? and batch_no = ?""", pdfHash, csvHash, renderedBy, fiscalYear, batchNo);
        } catch (IOException e) {
            throw new UncheckedIOException("バッチ " + batchNo + " の印刷ファイルを書けませんでした（再実行すると書き直します）", e);
        }
    }

    /** The mail manifest (差出票): cards per bundle (first five digits of the postal code) and the total, as PDF. */
    public byte[] manifest(int fiscalYear) {
        List<Long> ids = jdbc.queryForList("select member_id from mailing_item where fiscal_year = ? order by seq", Long.class, fiscalYear);
        Map<Long, String> postal = door.postalCodesForMailing(fiscalYear, ids, "差出票 " + fiscalYear);
        Map<String, Integer> bundles = new TreeMap<>();
        ids.forEach(id -> bundles.merge(postal.get(id).substring(0, 5), 1, Integer::sum));
        List<Map<String, ?>> rows = new ArrayList<>();
        bundles.forEach((bundle, count) -> rows.add(Map.of("bundle", bundle.substring(0, 3) + "-" + bundle.substring(3) + "××",
                "count", String.format("%,d", count))));
        return reports.pdf("mail-manifest", Map.of("fiscalYearJapanese", ReportRenderer.eraFiscalYear(fiscalYear),
                "issuedOn", ReportRenderer.eraDate(java.time.LocalDate.now(clock)), "total", String.format("%,d", ids.size()),
                "bundles", Integer.toString(bundles.size())), rows);
    }

    /** The proof: the first cards and a reproducible random sample, rendered fresh (read through the door, recorded). */
    public byte[] proof(int fiscalYear, int sample) {
        List<Map<String, Object>> items = jdbc.queryForList("""
                (select member_id, mailing_id, seq, variant from mailing_item where fiscal_year = ? order by seq limit ?)
                union
                (select member_id, mailing_id, seq, variant from mailing_item where fiscal_year = ? order by md5(mailing_id) limit ?)
                order by seq""", fiscalYear, sample, fiscalYear, sample);
        Map<Long, Map<String, Object>> byMember = new TreeMap<>();
        items.forEach(i -> byMember.put(((Number) i.get("member_id")).longValue(), i));
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        door.exportPrintDataForMailing(fiscalYear, new ArrayList<>(byMember.keySet()), "見本 " + fiscalYear, pdf,
                (fields, people, file) -> file.write(postcards.render(fiscalYear, inSeqOrder(people, byMember))));
        return pdf.toByteArray();
    }

    /** Batches rendered of all, for the progress in Cockpit and REST. */
    public Map<String, Object> progress(int fiscalYear) {
        return jdbc.queryForMap("""
                select count(*) filter (where status = 'RENDERED') as rendered, count(*) as batches, coalesce(sum(cards), 0) as cards
                from mailing_batch where fiscal_year = ?""", fiscalYear);
    }

    /**
     * The year's cards for the dashboard: planned, rendered into print files, returned as undeliverable, and
     * the dispatch date when recorded. Counts only.
     */
    public record CardCounts(int fiscalYear, long total, long rendered, long returned, long batches, long batchesRendered,
            java.time.LocalDate dispatchedOn) {
    }

    public CardCounts cardCounts(int fiscalYear) {
        Map<String, Object> items = jdbc.queryForMap("""
                select count(*) as total, count(*) filter (where returned_at is not null) as returned
                from mailing_item where fiscal_year = ?""", fiscalYear);
        Map<String, Object> batches = jdbc.queryForMap("""
                select count(*) as batches, count(*) filter (where status = 'RENDERED') as rendered_batches,
                  coalesce(sum(cards) filter (where status = 'RENDERED'), 0) as rendered
                from mailing_batch where fiscal_year = ?""", fiscalYear);
        java.time.LocalDate dispatched = jdbc.queryForList("select dispatched_on from mailing_dispatch where fiscal_year = ?",
                java.sql.Date.class, fiscalYear).stream().findFirst().map(java.sql.Date::toLocalDate).orElse(null);
        return new CardCounts(fiscalYear, ((Number) items.get("total")).longValue(), ((Number) batches.get("rendered")).longValue(),
                ((Number) items.get("returned")).longValue(), ((Number) batches.get("batches")).longValue(),
                ((Number) batches.get("rendered_batches")).longValue(), dispatched);
    }

    public void recordDispatch(int fiscalYear, java.time.LocalDate dispatchedOn, String by) {
        jdbc.update("""
                insert into mailing_dispatch (fiscal_year, dispatched_on, recorded_by) values (?, ?, ?)
                on conflict (fiscal_year) do update set dispatched_on = excluded.dispatched_on, recorded_by = excluded.recorded_by,
                  recorded_at = now()""", fiscalYear, java.sql.Date.valueOf(dispatchedOn), by);
    }

    /** Deletes the year's print files (with the year's data). */
    public int deletePrintFiles(Path directory) {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        try (var files = Files.list(directory)) {
            int deleted = 0;
            for (Path file : files.toList()) {
                Files.delete(file);
                deleted++;
            }
            Files.delete(directory);
            return deleted;
        } catch (IOException e) {
            throw new UncheckedIOException("印刷ファイルのフォルダ " + directory + " を消去できませんでした", e);
        }
    }

    /** The shape of a mailing id as printed on the card: M, the fiscal year, a hyphen, seven digits. */
    public static final java.util.regex.Pattern MAILING_ID = java.util.regex.Pattern.compile("M\\d{4}-\\d{7}");

    /**
     * Records returned mail (宛所不明) by mailing id; the person's calls, if any, still happen. True when recorded
     * now, false when the card was already recorded as returned (the first record stays). An id of another shape (a
     * ticket number, say) is refused naming the expected shape, never the value.
     */
    public boolean recordReturned(int fiscalYear, String mailingId, String by) {
        if (mailingId == null || !MAILING_ID.matcher(mailingId).matches()) {
            throw new IllegalArgumentException("お知らせ番号の形が正しくありません（M" + fiscalYear
                    + "-0000001 のように M で始まる番号です。受診券整理番号は使えません）");
        }
        int updated = jdbc.update("""
                update mailing_item set returned_at = now(), returned_by = ?
                where fiscal_year = ? and mailing_id = ? and returned_at is null""", by, fiscalYear, mailingId);
        if (updated > 0) {
            return true;
        }
        Integer known = jdbc.queryForObject("select count(*) from mailing_item where fiscal_year = ? and mailing_id = ?",
                Integer.class, fiscalYear, mailingId);
        if (known == null || known == 0) {
            throw new java.util.NoSuchElementException("お知らせ番号 " + jp.kenshin.outreach.Ids.shown(mailingId) + " は " + fiscalYear + " 年度の郵送にありません");
        }
        return false;
    }

    private static List<Postcard> inSeqOrder(List<PersonalDataService.PersonView> people, Map<Long, Map<String, Object>> items) {
        List<PersonalDataService.PersonView> sorted = new ArrayList<>(people);
        sorted.sort(Comparator.comparingInt(p -> ((Number) items.get(p.memberId()).get("seq")).intValue()));
        return sorted.stream().map(p -> {
            Map<String, String> f = p.fields();
            Map<String, Object> item = items.get(p.memberId());
            return new Postcard((String) item.get("mailing_id"), f.get(ViewField.POSTAL_CODE.label()), f.get(ViewField.ADDRESS.label()),
                    f.get(ViewField.ADDRESS_DETAIL.label()), f.get(ViewField.KANJI_NAME.label()),
                    f.get(ViewField.TICKET_NUMBER.label()), (String) item.get("variant"));
        }).toList();
    }

    /** The vendor CSV (UTF-8 with BOM): sequence, postal code, address lines, name, barcode data, variant, mailing id. */
    static void writeVendorCsv(List<Postcard> cards, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write('\uFEFF');
        CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get());
        csv.printRecord("連番", "郵便番号", "住所1", "住所2", "氏名", "カスタマバーコード", "文面", "お知らせ番号");
        // names and addresses through SpreadsheetCells: the vendor opens this in a spreadsheet
        int seq = 0;
        for (Postcard card : cards) {
            CustomerBarcode.Encoded barcode = CustomerBarcode.encode(card.postalCode(), CustomerBarcode.addressNumberPart(
                    card.address() + " " + (card.addressDetail() == null ? "" : card.addressDetail())));
            csv.printRecord(SpreadsheetCells.csvRecord(++seq, card.postalCode().substring(0, 3) + "-" + card.postalCode().substring(3),
                    card.address(), card.addressDetail(), card.name() + " 様", barcode.data() + barcode.check(), card.variant(),
                    card.mailingId()));
        }
        csv.flush();
    }
}
