package jp.kenshin.outreach.selection;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What ward staff approve a target list from: counts only, never a person.
 *
 * @param bySexAndAgeBand targets by sex (1 male, 2 female) and 5-year age band, with their group
 */
public record SelectionCounts(long runId, int fiscalYear, LocalDate referenceDate, String status, String decisionId,
        double holdoutShare, long holdoutSeed, long members, long targets, long noticeAndCall, long noticeOnly,
        long heldOut, long excluded, Map<String, Long> excludedByReason, List<StratumCount> bySexAndAgeBand) {

    public record StratumCount(int sex, String ageBand, long targets, long noticeAndCall, long noticeOnly, long heldOut) {
    }

    /** The counts as a Japanese table for the approval task. */
    public String toJapaneseSummary() {
        StringBuilder out = new StringBuilder();
        out.append(fiscalYear).append("年度 対象者抽出（抽出番号 ").append(runId).append("、基準日 ").append(referenceDate)
                .append("）\n");
        out.append("被保険者 ").append(members).append("人 → 対象者 ").append(targets).append("人（通知＋電話 ")
                .append(noticeAndCall).append("人、通知のみ ").append(noticeOnly).append("人）、対象外 ")
                .append(excluded).append("人\n");
        if (heldOut > 0) {
            out.append("電話の効果測定用に電話しない群へ割り付け: ").append(heldOut).append("人（割合 ").append(holdoutShare)
                    .append("、乱数シード ").append(holdoutSeed).append("）\n");
        }
        out.append("\n性別・年齢階級別の対象者\n");
        for (StratumCount s : bySexAndAgeBand) {
            out.append(s.sex() == 1 ? "男 " : "女 ").append(s.ageBand()).append("歳: ").append(s.targets())
                    .append("人（通知＋電話 ").append(s.noticeAndCall()).append("、通知のみ ").append(s.noticeOnly())
                    .append("）\n");
        }
        out.append("\n対象外の理由\n");
        excludedByReason.forEach((reason, count) ->
                out.append(ExclusionReason.labelOf(reason)).append(": ").append(count).append("人\n"));
        return out.toString();
    }
}
