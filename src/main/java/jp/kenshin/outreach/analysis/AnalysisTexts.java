package jp.kenshin.outreach.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jp.kenshin.outreach.analysis.EffectAnalysis.Headline;
import jp.kenshin.outreach.analysis.stats.Estimate;
import jp.kenshin.outreach.analysis.stats.Interval;
import jp.kenshin.outreach.analysis.stats.Proportion;
import jp.kenshin.outreach.reports.ReportRenderer;

/**
 * What the report says in words, in plain Japanese for the ward's staff and council: the groups' names,
 * the main result, and what the analysis can and cannot show (different with and without a holdout).
 */
final class AnalysisTexts {

    static final String NOTICE_GROUP = "通知のみ群 計（比較群を含む）";

    private AnalysisTexts() {
    }

    static String arm(Arm arm) {
        return switch (arm) {
            case NOTICE_ONLY -> "通知のみ";
            case NOTICE_AND_CALL -> "通知＋電話";
            case HOLDOUT -> "電話しない比較群（ホールドアウト）";
        };
    }

    static String sex(int sex) {
        return sex == 1 ? "男" : "女";
    }

    // ---- numbers in words ----

    static String percent(double p) {
        return Double.isFinite(p) ? String.format(Locale.ROOT, "%.1f%%", p * 100) : "－";
    }

    static String points(double d) {
        return Double.isFinite(d) ? String.format(Locale.ROOT, "%+.1f", d * 100) : "－";
    }

    static String number(double v, int decimals) {
        if (Double.isNaN(v)) {
            return "－";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "-∞";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    static String pValue(double p) {
        if (Double.isNaN(p)) {
            return "－";
        }
        return p < 0.001 ? "p<0.001" : String.format(Locale.ROOT, "p=%.3f", p);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** "34.8%（1,273/3,662人）". */
    static String rate(Proportion p) {
        return percent(p.estimate()) + "（" + count(p.successes()) + "/" + count(p.trials()) + "人）";
    }

    static String percentInterval(Interval ci) {
        return ci.isDefined() ? percent(ci.lower()) + "〜" + percent(ci.upper()) : "－";
    }

    static String pointsInterval(Interval ci) {
        return ci.isDefined() ? points(ci.lower()) + "〜" + points(ci.upper()) : "－";
    }

    static String ratioWithInterval(Estimate e) {
        return number(e.value(), 2) + "（" + (e.ci95().isDefined() ? number(e.ci95().lower(), 2) + "〜" + number(e.ci95().upper(), 2)
                : "－") + "）";
    }

    static String pointsWithInterval(Estimate e) {
        return points(e.value()) + "ポイント（" + pointsInterval(e.ci95()) + "）";
    }

    // ---- the main result ----

    static String headline(EffectAnalysis a) {
        Headline h = a.headline();
        double d = h.difference().value();
        String difference = !Double.isFinite(d) ? "差は計算できません。"
                : "差は " + points(d) + " ポイント（95%信頼区間 " + pointsInterval(h.difference().ci95()) + " ポイント）です。";
        if (Headline.ITT.equals(h.basis())) {
            return "電話勧奨の効果（ランダム化比較）：電話をかける群に割り付けた人の受診率は " + rate(h.treated())
                    + "、電話をかけない比較群は " + rate(h.comparison()) + " でした。" + difference;
        }
        return "通知＋電話の群の受診率は " + rate(h.treated()) + "、通知のみの群は " + rate(h.comparison()) + " でした。" + difference
                + "この差は電話の効果そのものではありません（下の注意を参照）。";
    }

    /** The short name of a group in a chart. */
    static String chartLabel(Arm arm) {
        return switch (arm) {
            case NOTICE_ONLY -> "通知のみ";
            case NOTICE_AND_CALL -> "通知＋電話";
            case HOLDOUT -> "比較群（電話なし）";
        };
    }

    static final String NOTICE_GROUP_SHORT = "通知のみ群 計";

    /** The caveat next to the comparison with the notice-only group when a holdout gives the main result. */
    static String referenceComparison() {
        return "参考：「通知のみ」の群は電話番号が分からない人などで、電話をかけた群とは電話の有無のほかにも年齢や暮らし方などが違います。"
                + "この比較の差には電話以外の違いも含まれるため、電話の効果としては上のランダム化比較を見てください。";
    }

    /** The caveat printed next to the figures. */
    static String caveat(EffectAnalysis a) {
        if (a.withHoldout()) {
            return "比べ方：電話をかける人とかけない人（比較群）は、電話番号のある対象者の中から性別・5歳年齢階級ごとに乱数で分けました"
                    + "（比較群の割合 " + percent(a.holdoutShare()) + "）。二つの群の違いは電話の有無と偶然のばらつきだけなので、"
                    + "この差は電話勧奨の効果の偏りのない推定値です。電話がつながったかどうかにかかわらず、割り付けた全員で比べています（ITT）。";
        }
        return "注意：今年度は電話をかけない比較群（ホールドアウト）を設けていません。電話をかけたのは電話番号が分かっている人、"
                + "かけなかったのは電話番号が分からない人などで、二つの群は電話の有無のほかにも、年齢や性別の構成、暮らし方、"
                + "健康への関心、これまでの受診の習慣などが違います。そのため、この差をそのまま電話の効果と読むことはできません。"
                + "性別と年齢をそろえた値（層別・調整）を粗の値と並べて示しますが、性別と年齢以外の違いは取り除けません。";
    }

    /** Section "what it can and cannot show", one paragraph per point. */
    static List<String> canAndCannot(EffectAnalysis a) {
        List<String> p = new ArrayList<>();
        if (a.withHoldout()) {
            p.add("【言えること】電話番号のある対象者を乱数で「電話をかける群」と「かけない比較群」に分けたので、二つの群の受診率の差は、"
                    + "電話勧奨を行ったことで受診率がどれだけ変わったか（ITT効果）を偏りなく示します。これを主な結果としています。");
            p.add("【電話がつながった人での効果】ITT効果を電話がつながった人の割合（到達割合 " + percent(a.figures().holdout().get()
                    .reachedShare().estimate()) + "）で割った値です。電話がつながらなかった人には電話の効果がなかったと仮定した推定で、"
                    + "信頼区間は到達割合を固定とみなした近似です。");
            p.add("【参考にとどまる比較】「通知のみ」の群（電話番号が分からない人など）との比較は参考値です。電話番号の有無で人の特徴が違うため、"
                    + "その差には電話以外の違いも含まれます。");
        } else {
            p.add("【言えること】通知＋電話の群と通知のみの群とで、受診率がどれだけ違ったか（事実としての差）。");
            p.add("【言えないこと】電話勧奨の効果の大きさ。二つの群は電話番号の有無で分かれており、電話の有無のほかにも違いがあるためです。"
                    + "性別・年齢階級で層別した値（Mantel–Haenszel法）とロジスティック回帰で調整した値は、性別と年齢の違いを取り除いたものですが、"
                    + "連絡の取りやすさ、健康への関心、過去の受診歴などの違いは残ります。粗の値と層別・調整の値が大きく違うときは、"
                    + "性別・年齢の構成の違いが差に影響していたことを示します。");
            p.add("【次年度に向けて】電話の効果を偏りなく測るには、年度サイクルの開始時に「電話しない比較群の割合」（例：0.1〜0.2）を設定してください。"
                    + "電話番号のある対象者の一部が乱数で電話しない比較群になり、その群と比べることで電話の効果を推定できます。");
        }
        p.add("【電話がつながった人とつながらなかった人の比較】電話の群の内訳（記述）の表は、電話の効果を示しません。"
                + "もともと連絡が取りやすい人、健康への関心が高い人ほど電話がつながりやすく、受診もしやすいためです。");
        p.add("【通知はがきの効果】対象者全員に通知を送っているため、通知はがきそのものの効果はこの分析では測れません。");
        p.add("【受診の判定】" + a.fiscalYear() + "年度の健診結果のうち、実施日が結果の締切日（" + ReportRenderer.eraDate(a.cutOff())
                + "）以前で、分析時までに取り込まれたものを受診としています。締切後に届く結果や、職場の健診・人間ドックなど区に結果が届かない受診は含みません。"
                + "どの群にも同じように当てはまるため群の比較への影響は小さいと考えられますが、受診率そのものは実際より低めになります。");
        p.add("【信頼区間とp値】95%信頼区間は、偶然のばらつきを考えたときに真の値が含まれると考えられる範囲の目安です。"
                + "p値は、本当は差がないとしたときに、これ以上の差が偶然に生じる確率です。どちらも偶然のばらつきだけを扱い、群の偏りは扱いません。");
        return p;
    }

    static String returnedCards() {
        return "宛所不明で戻ったはがきの人は、通知を受け取っていません。主な結果は返戻を含む全員で計算しています。"
                + "返戻は通知を出した後で分かることで、返戻の人は転居した人など受診の傾向も違う可能性があるため、返戻を除いた比較は参考値です。";
    }

    static String costs(EffectAnalysis a) {
        return "費用は入力された単価（はがき1通、電話1回）から計算しています。追加受診者1人当たりの電話費用 ＝ 電話費用 ÷（受診率の差 × 通知＋電話の群の人数）。"
                + (a.withHoldout() ? "受診率の差には比較群との差（ITT）を使っています。"
                        : "比較群がないため粗の差を使っており、電話の効果を過大または過小に見積もっている可能性があります。");
    }

    static String curves() {
        return "差出日を0日目として、各群で差出後その日までに受診した人の割合（累積）です。差出日より前に受診した人は0日目に数えています。"
                + "結果の締切日より後の受診は含みません。";
    }

    static String phoneArm() {
        return "電話の群の中での内訳です（記述統計、効果の推定ではありません）。電話がつながった人の受診率が高くても、それは電話の効果とは限りません。"
                + "もともと連絡が取りやすく健康への関心が高い人ほど電話がつながりやすいためです。架電結果は最後の架電の結果です。";
    }

    static List<String> methods(EffectAnalysis a) {
        List<String> m = new ArrayList<>();
        m.add("対象者：" + a.fiscalYear() + "年度の確定した対象者リスト（抽出番号 " + a.selectionRunId() + "）の対象者全員。"
                + "受診：同年度の健診結果で実施日が " + ReportRenderer.eraDate(a.cutOff()) + " 以前のもの。電話がつながった：架電結果が通話（予約する・予約済み・受診しない・"
                + "他で受診済み）、架電停止の申出、かけ直し希望のいずれかの架電が1回以上あったこと。");
        m.add("群：通知＋電話＝電話勧奨の対象（電話番号のある人）。通知のみ＝電話番号が分からない人など。"
                + (a.withHoldout() ? "電話しない比較群＝電話番号のある人から乱数で選び、電話をかけなかった人。通知のみ群 計＝通知のみと比較群の合計。" : ""));
        m.add("受診率の95%信頼区間：Wilson法（連続性補正なし）。受診率の差：Wald法（連続性補正なし）。受診率の比：対数Wald法。"
                + "カイ二乗検定：Pearson（連続性補正なし）。層別：性別×5歳年齢階級の層で、Mantel–Haenszel共通オッズ比（Robins–Breslow–Greenland信頼区間）、"
                + "Mantel–Haenszelリスク差（Sato/Greenland–Robins分散）、Mantel–Haenszelカイ二乗検定（連続性補正なし）。"
                + "調整：ロジスティック回帰（受診 ~ 群 ＋ 性別 ＋ 年齢階級、最尤推定、Wald信頼区間）。"
                + (a.withHoldout() ? "電話がつながった人での効果：ITT差 ÷ 到達割合（到達割合を固定とみなした近似区間）。" : ""));
        m.add("計算は本システムで行い、同じ方法をRの prop.test、mantelhaen.test、glm・confint.default で計算した値と小数第6位まで一致することを試験で確かめています。"
                + "表の数値は丸めて表示しています。丸める前の値は figures.csv / figures.xlsx にあります。");
        return m;
    }
}
