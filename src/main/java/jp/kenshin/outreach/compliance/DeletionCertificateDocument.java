package jp.kenshin.outreach.compliance;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.kenshin.outreach.privacy.PersonalDataService;
import jp.kenshin.outreach.reports.ReportRenderer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The deletion certificate as a Japanese PDF (reports/deletion-certificate.jrxml); no personal data in it. */
@Component
public class DeletionCertificateDocument {

    static final Map<String, String> LABELS = Map.ofEntries(Map.entry("member", "被保険者（人）"),
            Map.entry("member.phone", "うち電話番号のある人"),
            Map.entry("checkup_result", "健診結果（件）"),
            Map.entry("selection_run", "対象者抽出（回）"),
            Map.entry("selection_entry", "抽出結果（行）"),
            Map.entry("designation", "取扱者の指定（人）"),
            Map.entry("audit_log", "監査ログの記録（件）"),
            Map.entry("engine.processInstances", "ワークフローのプロセス（件）"),
            Map.entry("engine.purgedProcessInstances", "うち履歴を消去したプロセス（件）"),
            Map.entry("mailing_item", "郵送した通知（通）"),
            Map.entry("mailing.printFiles", "消去した印刷データのファイル（件）"),
            Map.entry("mailing_batch", "印刷データの束（件）"),
            Map.entry("mailing_dispatch", "差出の記録（件）"),
            Map.entry("call_case", "架電ケース（件）"),
            Map.entry("call_attempt", "架電の記録（件）"),
            Map.entry("contact_opt_out", "連絡停止の申出（件）"),
            Map.entry("inquiry", "問合せ（件）"),
            Map.entry("door_inquiry_lookup", "問合せごとの本人照会の記録（件）"),
            Map.entry("engine.cancelledProcessInstances", "うち消去のため終了させたプロセス（件）"));

    private final ReportRenderer renderer;
    private final JdbcTemplate jdbc;
    private final PersonalDataService door;
    private final Clock clock;

    public DeletionCertificateDocument(ReportRenderer renderer, JdbcTemplate jdbc, PersonalDataService door, Clock clock) {
        this.renderer = renderer;
        this.jdbc = jdbc;
        this.door = door;
        this.clock = clock;
    }

    public byte[] render(DeletionService.Certificate c) {
        List<Map<String, ?>> rows = new ArrayList<>();
        c.counts().forEach((name, count) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("item", LABELS.getOrDefault(name, name));
            row.put("count", String.format("%,d", count));
            rows.add(row);
        });
        List<String> contract = jdbc.queryForList(
                "select contract_number || '、' || contractor_name from contract where fiscal_year = ?", String.class, c.fiscalYear());
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("fiscalYearJapanese", ReportRenderer.eraFiscalYear(c.fiscalYear()));
        parameters.put("contract", contract.isEmpty() ? "契約未登録" : "契約番号 " + contract.get(0));
        parameters.put("issuedOn", ReportRenderer.eraDate(LocalDate.now(clock)));
        parameters.put("keyDestroyedAt", ReportRenderer.eraDateTime(c.keyDestroyedAt(), clock.getZone()));
        parameters.put("keyStore", door.keyStore().toAbsolutePath().normalize().toString());
        parameters.put("purgedProcessInstances", c.counts().getOrDefault("engine.purgedProcessInstances", 0L) + "件");
        parameters.put("notPurged", String.join("、", c.notPurged()));
        parameters.put("scan", "個人情報 " + String.format("%,d", c.scanValues()) + " 値 × " + c.scanColumns() + " 列、検出 0 件");
        parameters.put("auditChainHead", "記録 " + c.auditChainSeq() + "、ハッシュ " + c.auditChainHead()
                + "（消去時に監査ログの外部の固定ファイルへ記録済み）");
        parameters.put("issuedBy", c.issuedBy());
        List<String> deliverables = jdbc.queryForList("select deliverables from deletion_request where fiscal_year = ?",
                String.class, c.fiscalYear());
        parameters.put("deliverables", deliverables.isEmpty() ? "（記録なし）" : deliverables.get(0));
        byte[] pdf = renderer.pdf("deletion-certificate", parameters, rows);
        jdbc.update("update deletion_certificate set pdf = ? where fiscal_year = ?", pdf, c.fiscalYear());
        return pdf;
    }

    public byte[] stored(int fiscalYear) {
        List<byte[]> pdf = jdbc.queryForList("select pdf from deletion_certificate where fiscal_year = ?", byte[].class, fiscalYear);
        if (pdf.isEmpty() || pdf.get(0) == null) {
            throw new java.util.NoSuchElementException(fiscalYear + " 年度の消去証明書はありません");
        }
        return pdf.get(0);
    }
}
