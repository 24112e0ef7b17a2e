package jp.kenshin.outreach.calling;

import java.util.List;

/** The call script the operator follows (shown beside the person in the call form). */
public final class CallScript {

    public static final List<String> LINES = List.of(
            "名乗る：「こちらは区の特定健康診査のご案内を委託されております〇〇（委託先名）の△△と申します。」",
            "本人確認：氏名を伺い、表示の方ご本人であることを確かめる（生年月日は本人から言っていただく）。ご本人でなければ用件を伝えず、かけ直す時間を伺う。",
            "用件：「先日お送りした圧着はがきの健診のご案内はご覧になりましたか。今年度の特定健診は無料で受けられます。」",
            "受診の意向を伺う：予約する／予約済み／受けない／職場などで受診済み、のいずれかを記録する。",
            "予約する方へ：受診券とはがきの医療機関一覧をご案内し、予約方法を伝える。",
            "「今後電話しないでほしい」と言われたら：おわびし、今年度は連絡しないことを伝えて「架電停止の申出」を記録する。",
            "かけ直し希望なら：希望の日時を伺い（平日 9〜20 時、土曜 9〜20 時）、「かけ直し希望」と日時を記録する。",
            "終わりに：お礼を述べる。通話の内容は必要なことだけをメモに残す。");

    private CallScript() {
    }
}
