package jp.kenshin.outreach.compliance;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jp.kenshin.outreach.audit.AuditChainVerification;
import jp.kenshin.outreach.audit.AuditLog;
import jp.kenshin.outreach.reports.ReportRenderer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The compliance report for the privacy council: per special provision, what the system recorded for
 * the fiscal year (designations and training, attestations, reports asked and given, audits and
 * findings, incidents, exports with counts and checksums, the deletion certificate's figures). It is
 * built from the records themselves and carries no personal data.
 */
@Service
public class ComplianceReport {

    /** One provision's line of the report. */
    public record Line(int provision, String title, String recorded) {
    }

    private final JdbcTemplate jdbc;
    private final ReportRenderer renderer;
    private final AuditLog audit;
    private final Clock clock;

    public ComplianceReport(JdbcTemplate jdbc, ReportRenderer renderer, AuditLog audit, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.renderer = renderer;
        this.audit = audit;
    }

    public List<Line> lines(int fy) {
        Map<String, Object> contract = one("select * from contract where fiscal_year = ?", fy);
        List<Line> lines = new ArrayList<>();
        String measures = contract == null || contract.get("attested_at") == null ? "保護措置の表明なし"
                : "保護措置（施錠保管・入退室管理・記録媒体の制限・個人ごとのアクセス制限）を " + contract.get("attested_by") + " が表明";
        String approval = contract == null ? "契約未登録" : "契約番号 " + contract.get("contract_number") + "、状態 " + contract.get("status")
                + (contract.get("approved_by") == null ? "" : "、区の承認 " + contract.get("approved_by"));
        lines.add(new Line(1, "必要な措置", approval + "。" + measures));
        lines.add(new Line(2, "秘密の保持", contract == null ? "契約未登録"
                : "特記事項13項目の確認を " + contract.get("registered_by") + " が登録"));
        lines.add(new Line(3, "目的外利用・第三者提供の禁止", "個人情報の閲覧 " + count("""
                select count(*) from audit_log where fiscal_year = ? and action in ('READ', 'ANALYSIS_READ') and outcome = 'ALLOWED'""", fy)
                + " 件（" + byPurpose(fy) + "）、拒否 " + count(
                "select count(*) from audit_log where fiscal_year = ? and outcome = 'REFUSED'", fy) + " 件"));
        lines.add(new Line(4, "適正な管理", contract != null && Boolean.TRUE.equals(contract.get("locked_storage"))
                ? "施錠保管を表明済み" : "施錠保管の表明なし"));
        List<String> exports = jdbc.query("""
                select export_count, export_sha256, user_id from audit_log
                where fiscal_year = ? and action = 'EXPORT' and outcome = 'ALLOWED' order by seq""",
                (rs, n) -> rs.getInt(1) + "件 " + rs.getString(3) + " SHA-256 " + rs.getString(2).substring(0, 16) + "…", fy);
        lines.add(new Line(5, "複写・複製の禁止", "持ち出し " + exports.size() + " 回" + (exports.isEmpty() ? "" : "（" + String.join("、", exports) + "）")
                + "、持ち出し承認の申請 " + count("select count(*) from export_approval where fiscal_year = ?", fy) + " 件"));
        lines.add(new Line(6, "再委託の禁止", "取扱者の指定 " + count("select count(*) from designation where fiscal_year = ?", fy)
                + " 人（すべて委託先 " + (contract == null ? "-" : contract.get("contractor_group")) + " の所属者）"));
        Map<String, Object> certificate = one("select * from deletion_certificate where fiscal_year = ?", fy);
        lines.add(new Line(7, "資料の返還・引渡し", certificate == null ? "消去前"
                : "消去証明書 発行 " + certificate.get("issued_by") + "、" + certificate.get("counts").toString().replace('\n', '、')
                        + "、走査 " + certificate.get("scan_values") + " 値×" + certificate.get("scan_columns") + " 列 検出0件"));
        lines.add(new Line(8, "区の求めによる報告", "求め " + count("select count(*) from report_request where fiscal_year = ?", fy)
                + " 件、回答 " + count("select count(*) from report_request where fiscal_year = ? and answered_at is not null", fy)
                + " 件、期限超過 " + count("select count(*) from report_request where fiscal_year = ? and escalated_at is not null", fy) + " 件"));
        lines.add(new Line(9, "区の監査・検査", "監査 " + count("select count(*) from site_audit where fiscal_year = ?", fy)
                + " 回、改善を求めた所見 " + count("select count(*) from site_audit where fiscal_year = ? and follow_up", fy)
                + " 件、完了 " + count("select count(*) from site_audit where fiscal_year = ? and (closed_at is not null or not follow_up)", fy) + " 件"));
        lines.add(new Line(10, "従事者への研修", "研修記録のある取扱者 " + count(
                "select count(*) from designation where fiscal_year = ? and trained_on is not null", fy) + " 人／指定 "
                + count("select count(*) from designation where fiscal_year = ?", fy) + " 人"));
        lines.add(new Line(11, "事故・違反の報告", "事故 " + count("select count(*) from incident where fiscal_year = ?", fy)
                + " 件、書面報告の期限超過 " + count("select count(*) from incident where fiscal_year = ? and escalated_at is not null", fy)
                + " 件、完了 " + count("select count(*) from incident where fiscal_year = ? and status = 'CLOSED'", fy) + " 件"));
        lines.add(new Line(12, "区による公表", "公表した事故 " + count(
                "select count(*) from incident where fiscal_year = ? and published", fy) + " 件"));
        lines.add(new Line(13, "損害の賠償", "契約で確認済み。賠償を要する事故の記録 " + count(
                "select count(*) from incident where fiscal_year = ? and affected_count > 0", fy) + " 件"));
        return lines;
    }

    public byte[] pdf(int fy) {
        List<Map<String, ?>> rows = new ArrayList<>();
        for (Line l : lines(fy)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("provision", Integer.toString(l.provision()));
            row.put("title", l.title());
            row.put("recorded", l.recorded());
            rows.add(row);
        }
        return renderer.pdf("compliance-report", Map.of("fiscalYearJapanese", ReportRenderer.eraFiscalYear(fy),
                "issuedOn", ReportRenderer.eraDate(LocalDate.now(clock)), "auditHead", auditHead(fy)), rows);
    }

    /**
     * The audit log the report's figures come from: verified (chain, signatures, anchors), and its newest
     * record cited by seq and hash, anchored outside the database at this moment.
     */
    private String auditHead(int fy) {
        AuditChainVerification verification = audit.verify();
        AuditLog.Head head = audit.citeHead("compliance-report-" + fy);
        String verified = verification.intact() ? "検証の結果 改ざん・欠落なし（" + String.format("%,d", verification.records()) + " 件）"
                : "検証の結果 問題あり（最初の問題は記録 " + verification.firstBrokenSeq() + "）";
        return head == null ? "監査ログ：記録なし"
                : "監査ログ：" + verified + "。作成時点の最新記録 " + head.seq() + "、ハッシュ " + head.hash() + "（外部の固定ファイルへ記録済み）";
    }

    private String byPurpose(int fy) {
        List<String> parts = jdbc.query("""
                select purpose, count(*) from audit_log where fiscal_year = ? and action in ('READ', 'ANALYSIS_READ') and outcome = 'ALLOWED'
                group by purpose order by purpose""", (rs, n) -> rs.getString(1) + " " + rs.getLong(2), fy);
        return parts.isEmpty() ? "なし" : parts.stream().collect(Collectors.joining("、"));
    }

    private long count(String sql, int fy) {
        Long n = jdbc.queryForObject(sql, Long.class, fy);
        return n == null ? 0 : n;
    }

    private Map<String, Object> one(String sql, int fy) {
        List<Map<String, Object>> rows = jdbc.queryForList(sql, fy);
        return rows.isEmpty() ? null : rows.get(0);
    }
}
