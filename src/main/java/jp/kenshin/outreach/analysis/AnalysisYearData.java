package jp.kenshin.outreach.analysis;

import java.util.Map;
import jp.kenshin.outreach.YearData;
import org.springframework.stereotype.Component;

/** The year's effect analyses and next year's call plans: aggregates only (no member id, no personal value), kept as the ward's deliverable. */
@Component
class AnalysisYearData extends YearData.KeptOnly {

    @Override
    public String owner() {
        return "analysis";
    }

    @Override
    public Map<String, String> keptTables() {
        return Map.of("analysis_run", "効果分析の集計値（個人を識別する値を含まない成果物）",
                "call_plan", "翌年度の電話勧奨の計画（層ごとの集計値と決定表。10人未満の層は数値なし）");
    }
}
