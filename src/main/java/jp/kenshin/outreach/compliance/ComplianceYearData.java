package jp.kenshin.outreach.compliance;

import java.util.Map;
import jp.kenshin.outreach.YearData;
import org.springframework.stereotype.Component;

/**
 * The year's contract, incidents, supervision and the deletion's own record: the ward's records under the
 * contract (texts written by staff, which must not name people; the scan checks them), kept.
 */
@Component
class ComplianceYearData extends YearData.KeptOnly {

    @Override
    public String owner() {
        return "compliance";
    }

    @Override
    public Map<String, String> keptTables() {
        return Map.of("contract", "委託契約の記録",
                "incident", "事故の報告と指示の記録（特記事項11・12）",
                "report_request", "報告の求めの記録（特記事項8）",
                "site_audit", "立入検査の記録（特記事項9）",
                "deletion_request", "引渡しの確認",
                "deletion_certificate", "消去証明書",
                "deletion_run", "消去の進行（件数のみ）");
    }
}
