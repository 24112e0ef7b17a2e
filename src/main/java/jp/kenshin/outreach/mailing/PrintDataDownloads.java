package jp.kenshin.outreach.mailing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import jp.kenshin.outreach.audit.AuditAction;
import jp.kenshin.outreach.audit.AuditLog;
import jp.kenshin.outreach.privacy.Purpose;
import jp.kenshin.outreach.privacy.Requester;
import jp.kenshin.outreach.privacy.ViewField;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The print data of a year's mailing, downloaded by ward staff to hand it over to the print vendor: one ZIP of every
 * batch's print PDF and vendor CSV, the mail manifest and a SHA256SUMS.txt. Each batch file is checked against the
 * SHA-256 recorded when it was rendered, so the vendor gets exactly the files the audit log names. Every download is
 * recorded in the audit log (action EXPORT, purpose NOTICE, the persons' ids, the file and card counts, the ZIP's
 * SHA-256), and so is every refusal. Who may download is decided before: ward staff (the role gate), once the proof is
 * approved (the caller checks the mailing's process).
 */
@Service
public class PrintDataDownloads {


    /** A ZIP written for one download: the file (deleted by the caller once sent), its counts and its SHA-256. */
    public record Download(Path file, String fileName, int files, long cards, int batches, String sha256) {
    }

    private final JdbcTemplate jdbc;
    private final MailingProperties properties;
    private final AuditLog audit;

    public PrintDataDownloads(JdbcTemplate jdbc, MailingProperties properties, AuditLog audit) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.audit = audit;
    }

    /**
     * Writes the year's print data as a ZIP (a temporary file in the year's print folder) and records the hand-over
     * in the audit log. Refused with a Japanese reason (recorded too) while a batch is not rendered, or a file is
     * missing or differs from its record. {@code processInstanceId} (the mailing's, may be null) goes to the record.
     */
    public Download prepare(Requester who, int fiscalYear, String processInstanceId) {
        List<Map<String, Object>> batches = jdbc.queryForList("""
                select batch_no, cards, status, pdf_sha256, csv_sha256 from mailing_batch where fiscal_year = ? order by batch_no""",
                fiscalYear);
        if (batches.isEmpty()) {
            throw new java.util.NoSuchElementException(fiscalYear + " 年度の印刷データはありません（郵送の準備がまだか、年度のデータが消去されています）");
        }
        Path directory = properties.directory(fiscalYear);
        long pending = batches.stream().filter(b -> !"RENDERED".equals(b.get("status"))).count();
        if (pending > 0) {
            throw refused(who, fiscalYear, processInstanceId, String.format("印刷データがまだそろっていません（%,d 便のうち %,d 便が作成中です）",
                    batches.size(), pending));
        }
        List<Path> files = new ArrayList<>();
        List<String> sums = new ArrayList<>();
        long cards = 0;
        for (Map<String, Object> batch : batches) {
            int batchNo = ((Number) batch.get("batch_no")).intValue();
            cards += ((Number) batch.get("cards")).longValue();
            String name = String.format("batch-%04d", batchNo);
            for (String[] file : new String[][] {{name + ".pdf", (String) batch.get("pdf_sha256")}, {name + ".csv", (String) batch.get("csv_sha256")}}) {
                Path path = directory.resolve(file[0]);
                String recorded = file[1] == null ? null : file[1].trim();
                String actual = Files.isRegularFile(path) ? sha256(path) : null;
                if (recorded == null || !recorded.equals(actual)) {
                    throw refused(who, fiscalYear, processInstanceId, String.format("第%d便の印刷データ（%s）が%s。便を作り直してください", batchNo,
                            file[0], actual == null ? "ありません" : "作成時の記録（SHA-256）と一致しません"));
                }
                files.add(path);
                sums.add(actual + "  " + file[0]);
            }
        }
        Path manifest = directory.resolve("manifest.pdf");
        if (Files.isRegularFile(manifest)) {
            files.add(manifest);
            sums.add(sha256(manifest) + "  manifest.pdf");
        }
        String fileName = "print-data-" + fiscalYear + ".zip";
        Path zip;
        String zipSha256;
        try {
            zip = Files.createTempFile(directory, ".download-", ".zip.part");
            MessageDigest digest = digest();
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(zip), digest);
                    ZipOutputStream entries = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
                for (Path file : files) {
                    entries.putNextEntry(new ZipEntry(file.getFileName().toString()));
                    Files.copy(file, entries);
                    entries.closeEntry();
                }
                entries.putNextEntry(new ZipEntry("SHA256SUMS.txt"));
                entries.write((String.join("\n", sums) + "\n").getBytes(StandardCharsets.UTF_8));
                entries.closeEntry();
            }
            zipSha256 = HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(fiscalYear + "年度の印刷データをまとめられませんでした", e);
        }
        int fileCount = files.size() + 1;
        // an export is one record (the compliance report counts each as a download): a mailing over the audit log's cap
        // on the persons of one record is recorded with its counts only
        List<Long> memberIds = cards <= AuditLog.MAX_MEMBER_IDS
                ? jdbc.queryForList("select member_id from mailing_item where fiscal_year = ? order by seq", Long.class, fiscalYear)
                : List.of();
        try {
            audit.append(new AuditLog.Access(who(who), AuditAction.EXPORT, subject(fiscalYear, memberIds),
                    new AuditLog.Context(null, processInstanceId), AuditLog.Outcome.allowed(String.format(
                            "印刷データのダウンロード（%s、%,d 便、ファイル %,d 件、はがき %,d 通）", fileName, batches.size(), fileCount, cards)),
                    new AuditLog.Export((int) cards, zipSha256)));
        } catch (RuntimeException e) {
            // not on record, not handed out
            deleteQuietly(zip);
            throw e;
        }
        return new Download(zip, fileName, fileCount, cards, batches.size(), zipSha256);
    }

    /** Deletes a download's temporary file once it has been sent (or could not be). */
    public void discard(Download download) {
        deleteQuietly(download.file());
    }

    /** Records a refused download (the reason in Japanese) and returns the exception to throw (409 with the reason). */
    public IllegalStateException refused(Requester who, int fiscalYear, String processInstanceId, String reason) {
        audit.append(new AuditLog.Access(who(who), AuditAction.EXPORT, subject(fiscalYear, List.of()),
                new AuditLog.Context(null, processInstanceId), AuditLog.Outcome.refused("印刷データのダウンロード：" + reason), null));
        return new IllegalStateException(reason);
    }

    private static AuditLog.Who who(Requester who) {
        return new AuditLog.Who(who.userId(), String.join(",", new TreeSet<>(who.groups())));
    }

    private static AuditLog.Subject subject(int fiscalYear, List<Long> memberIds) {
        return new AuditLog.Subject(Purpose.NOTICE.name(), fiscalYear, memberIds,
                Purpose.NOTICE.fields().stream().map(ViewField::label).collect(Collectors.joining(",")));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(Path file) {
        MessageDigest digest = digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover .part file in the print folder is deleted with the year's print files
        }
    }
}
