package jp.kenshin.outreach.selection;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What ward staff approve a target list from: counts only, never a person.
 *
 * @param bySexAndAgeBand targets by sex (1 male, 2 female) and 5-year age band, with their group
 * @param callPlanDecisionId the call-priority decision definition the selection applied (last year's approved plan or
 *        the default); null for runs made before issue 16
 * @param notCalledByPlan phone owners among the targets whom the plan leaves without calls (NOTICE_ONLY, not held out)
 */
public record SelectionCounts(long runId, int fiscalYear, LocalDate referenceDate, String status, String decisionId,
        double holdoutShare, long holdoutSeed, long members, long targets, long noticeAndCall, long noticeOnly,
        long heldOut, long excluded, Map<String, Long> excludedByReason, List<StratumCount> bySexAndAgeBand,
        String callPlanDecisionId, long notCalledByPlan) {

    public record StratumCount(int sex, String ageBand, long targets, long noticeAndCall, long noticeOnly, long heldOut,
            long notCalledByPlan) {
    }

    /**
     * The counts as Japanese tables for the approval task (Markdown, which the task form shows as tables), every
     * count with thousands separators. Counts only, never a person.
     */
    public String toJapaneseSummary() {
        StringBuilder out = new StringBuilder();
        out.append("#### ").append(fiscalYear).append("年度 対象者抽出（抽出番号 ").append(runId).append("、基準日 ")
                .append(referenceDate).append("）\n\n");
        out.append("| 区分 | 人数 |\n|:--|--:|\n");
        row(out, "被保険者", members);
        row(out, "対象者（合計）", targets);
        row(out, "　通知＋電話", noticeAndCall);
        row(out, "　通知のみ", noticeOnly);
        row(out, "　うち電話しない比較群", heldOut);
        row(out, "　うち計画で電話しない層", notCalledByPlan);
        row(out, "対象外", excluded);
        out.append("\n電話勧奨の優先度（決定表の版）：").append(callPlanDecisionId == null ? "—" : callPlanDecisionId).append("\n");
        if (heldOut > 0) {
            out.append("\n電話しない比較群の割付：割合 ").append(holdoutShare).append("、乱数シード ").append(holdoutSeed).append("\n");
        }
        out.append("\n##### 性別・年齢階級別の対象者\n\n| 性別 | 年齢 | 対象者 | 通知＋電話 | 通知のみ | うち比較群 | うち計画で電話しない |\n|:--|:--|--:|--:|--:|--:|--:|\n");
        for (StratumCount s : bySexAndAgeBand) {
            out.append("| ").append(s.sex() == 1 ? "男" : "女").append(" | ").append(s.ageBand()).append("歳 | ")
                    .append(count(s.targets())).append(" | ").append(count(s.noticeAndCall())).append(" | ")
                    .append(count(s.noticeOnly())).append(" | ").append(count(s.heldOut())).append(" | ")
                    .append(count(s.notCalledByPlan())).append(" |\n");
        }
        out.append("\n##### 対象外の理由\n\n| 理由 | 人数 |\n|:--|--:|\n");
        excludedByReason.forEach((reason, n) -> row(out, ExclusionReason.labelOf(reason), n));
        return out.toString();
    }

    /** A count with thousands separators, e.g. 27,418. */
    public static String count(long n) {
        return String.format(java.util.Locale.JAPAN, "%,d", n);
    }

    private static void row(StringBuilder out, String label, long n) {
        out.append("| ").append(label.replace("|", "｜")).append(" | ").append(count(n)).append(" |\n");
    }
}
