package jp.kenshin.outreach.synthetic;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Map;

/**
 * The word lists of the generator: common surnames and given names with their katakana readings,
 * the towns of the ward (Toshima, postal codes 170-/171-) and of other wards (for people placed in a
 * facility outside the ward under the special address rule), building names. All of it is
 * encodable in CP932 (windows-31j); the generator refuses to write anything that is not.
 */
final class SyntheticTables {

    private SyntheticTables() {
    }

    /** A name part: kanji, full-width katakana reading, half-width katakana reading. */
    record Name(String kanji, String kana, String halfKana) {
    }

    /** A town: 7-digit postal code, ward ("豊島区"), town ("東池袋"), highest 丁目. */
    record Town(String postalCode, String ward, String town, int maxChome) {
    }

    // Half-width katakana forms, derived from the JDK's NFKC tables so they always agree with it.
    // Declared first: the name tables below use it while the class is initialised.
    private static final Map<Character, String> HALF_WIDTH_KANA = halfWidthKanaTable();

    /** Roughly in order of frequency (the first ones are drawn more often). */
    static final Name[] SURNAMES = names("""
            佐藤 サトウ|鈴木 スズキ|高橋 タカハシ|田中 タナカ|伊藤 イトウ|渡辺 ワタナベ|山本 ヤマモト|中村 ナカムラ|
            小林 コバヤシ|加藤 カトウ|吉田 ヨシダ|山田 ヤマダ|佐々木 ササキ|山口 ヤマグチ|松本 マツモト|井上 イノウエ|
            木村 キムラ|林 ハヤシ|斎藤 サイトウ|清水 シミズ|山崎 ヤマザキ|森 モリ|池田 イケダ|橋本 ハシモト|阿部 アベ|
            石川 イシカワ|山下 ヤマシタ|中島 ナカジマ|石井 イシイ|小川 オガワ|前田 マエダ|岡田 オカダ|長谷川 ハセガワ|
            藤田 フジタ|後藤 ゴトウ|近藤 コンドウ|村上 ムラカミ|遠藤 エンドウ|青木 アオキ|坂本 サカモト|斉藤 サイトウ|
            福田 フクダ|太田 オオタ|西村 ニシムラ|藤井 フジイ|金子 カネコ|岡本 オカモト|藤原 フジワラ|中野 ナカノ|
            三浦 ミウラ|原田 ハラダ|中川 ナカガワ|松田 マツダ|竹内 タケウチ|小野 オノ|田村 タムラ|中山 ナカヤマ|和田 ワダ|
            石田 イシダ|森田 モリタ|上田 ウエダ|原 ハラ|内田 ウチダ|柴田 シバタ|酒井 サカイ|宮崎 ミヤザキ|横山 ヨコヤマ|
            高木 タカギ|安藤 アンドウ|宮本 ミヤモト|大野 オオノ|小島 コジマ|工藤 クドウ|谷口 タニグチ|今井 イマイ|
            高田 タカダ|丸山 マルヤマ|増田 マスダ|杉山 スギヤマ|村田 ムラタ""");

    /** Surnames written with characters that exist in CP932 but not in Shift_JIS (JIS X 0208). */
    static final Name[] CP932_ONLY_SURNAMES = names("髙橋 タカハシ|髙木 タカギ|山﨑 ヤマサキ|宮﨑 ミヤザキ");

    /** Male given names, older generations first, recent ones last. */
    static final Name[] MALE_GIVEN = names("""
            清 キヨシ|茂 シゲル|勇 イサム|実 ミノル|進 ススム|正 タダシ|博 ヒロシ|武 タケシ|弘 ヒロシ|昭 アキラ|
            和夫 カズオ|正男 マサオ|義雄 ヨシオ|幸男 ユキオ|光男 ミツオ|俊夫 トシオ|信夫 ノブオ|三郎 サブロウ|
            一郎 イチロウ|次郎 ジロウ|勝 マサル|豊 ユタカ|稔 ミノル|修 オサム|隆 タカシ|孝 タカシ|浩 ヒロシ|誠 マコト|
            明 アキラ|健一 ケンイチ|和彦 カズヒコ|康弘 ヤスヒロ|隆之 タカユキ|秀樹 ヒデキ|浩二 コウジ|健二 ケンジ|
            雅之 マサユキ|哲也 テツヤ|達也 タツヤ|聡 サトシ|学 マナブ|剛 ツヨシ|智之 トモユキ|直樹 ナオキ|洋介 ヨウスケ|
            大輔 ダイスケ|拓也 タクヤ|淳 ジュン|亮 リョウ|健太 ケンタ|翔太 ショウタ|裕太 ユウタ|大樹 ダイキ|翼 ツバサ|
            優 ユウ|颯太 ソウタ|悠人 ユウト|陸 リク|大翔 ヒロト|悠真 ユウマ|陽翔 ハルト|湊 ミナト|蓮 レン""");

    /** Female given names, older generations first, recent ones last. */
    static final Name[] FEMALE_GIVEN = names("""
            千代子 チヨコ|静子 シズコ|富子 トミコ|正子 マサコ|春子 ハルコ|冨美子 フミコ|文子 フミコ|清子 キヨコ|
            敏子 トシコ|光子 ミツコ|良子 ヨシコ|節子 セツコ|幸子 サチコ|和子 カズコ|花子 ハナコ|秋子 アキコ|洋子 ヨウコ|
            恵子 ケイコ|京子 キョウコ|悦子 エツコ|弘子 ヒロコ|美智子 ミチコ|久美子 クミコ|陽子 ヨウコ|裕子 ユウコ|
            貴子 タカコ|順子 ジュンコ|純子 ジュンコ|恵美子 エミコ|由美子 ユミコ|典子 ノリコ|紀子 ノリコ|智子 トモコ|
            朋子 トモコ|直美 ナオミ|明美 アケミ|真由美 マユミ|由美 ユミ|友美 トモミ|理恵 リエ|亜希子 アキコ|美穂 ミホ|
            香織 カオリ|沙織 サオリ|美樹 ミキ|美香 ミカ|優子 ユウコ|恵 メグミ|愛 アイ|舞 マイ|麻衣 マイ|彩 アヤ|
            千尋 チヒロ|奈々 ナナ|美咲 ミサキ|さくら サクラ|結衣 ユイ|陽菜 ヒナ|葵 アオイ|凛 リン|結菜 ユイナ|芽依 メイ|
            紬 ツムギ|陽葵 ヒマリ""");

    /** The ward's own towns: 豊島区. */
    static final Town[] WARD_TOWNS = {
            new Town("1700001", "豊島区", "西巣鴨", 4),
            new Town("1700002", "豊島区", "巣鴨", 5),
            new Town("1700003", "豊島区", "駒込", 7),
            new Town("1700004", "豊島区", "北大塚", 3),
            new Town("1700005", "豊島区", "南大塚", 3),
            new Town("1700011", "豊島区", "池袋本町", 4),
            new Town("1700012", "豊島区", "上池袋", 4),
            new Town("1700013", "豊島区", "東池袋", 5),
            new Town("1710014", "豊島区", "池袋", 4),
            new Town("1710021", "豊島区", "西池袋", 5),
            new Town("1710022", "豊島区", "南池袋", 4),
            new Town("1710031", "豊島区", "目白", 5),
            new Town("1710032", "豊島区", "雑司が谷", 3),
            new Town("1710033", "豊島区", "高田", 3),
            new Town("1710041", "豊島区", "千川", 2),
            new Town("1710042", "豊島区", "高松", 3),
            new Town("1710043", "豊島区", "要町", 3),
            new Town("1710044", "豊島区", "千早", 4),
            new Town("1710051", "豊島区", "長崎", 6),
            new Town("1710052", "豊島区", "南長崎", 6),
    };

    /** Towns of other wards, for members living in a facility outside the ward (住所地特例). */
    static final Town[] OTHER_TOWNS = {
            new Town("1600022", "新宿区", "新宿", 7),
            new Town("1690075", "新宿区", "高田馬場", 4),
            new Town("1620825", "新宿区", "神楽坂", 6),
            new Town("1500002", "渋谷区", "渋谷", 4),
            new Town("1510053", "渋谷区", "代々木", 5),
            new Town("1130033", "文京区", "本郷", 7),
            new Town("1120012", "文京区", "大塚", 6),
            new Town("1140002", "北区", "王子", 6),
            new Town("1150045", "北区", "赤羽", 3),
            new Town("1730004", "板橋区", "板橋", 4),
            new Town("1760001", "練馬区", "練馬", 4),
            new Town("1640001", "中野区", "中野", 6),
            new Town("1660002", "杉並区", "高円寺北", 4),
            new Town("1540004", "世田谷区", "太子堂", 5),
            new Town("1100005", "台東区", "上野", 7),
            new Town("1350016", "江東区", "東陽", 7),
            new Town("1410031", "品川区", "西五反田", 8),
            new Town("1440051", "大田区", "西蒲田", 8),
            new Town("1200034", "足立区", "千住", 5),
            new Town("1240012", "葛飾区", "立石", 8),
    };

    static final String[] KANJI_NUMERALS = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

    static final String[] CIRCLED = {"①", "②", "③", "④", "⑤"};

    static final String[] BUILDING_PREFIXES = {"", "", "", "メゾン", "コーポ", "ハイツ", "グラン", "パレス", "シティハイツ",
            "パークハウス", "ライオンズマンション", "ドミール"};

    static final String[] BUILDING_NAMES = {"青葉", "桜", "若葉", "緑", "富士見", "日の出", "山田", "さくら", "ひまわり",
            "目白台", "池袋", "大塚", "巣鴨", "けやき", "朝日", "白百合", "千早", "松風"};

    static final String[] BUILDING_SUFFIXES = {"荘", "荘", "ハイツ", "マンション", "レジデンス", "コート", "ビル", "ハウス", "",
            "第二", "アパート"};

    static final String[] FACILITY_KINDS = {"特別養護老人ホーム", "介護老人保健施設", "グループホーム", "有料老人ホーム"};

    static final String[] FACILITY_NAMES = {"さくら苑", "ひだまりの里", "やすらぎ園", "青葉の杜", "陽だまり", "緑風荘",
            "寿楽苑", "みどりの家"};

    /** Full-width katakana to half-width (voiced sounds become two characters); other characters stay. */
    static String toHalfWidthKana(String fullWidth) {
        StringBuilder out = new StringBuilder(fullWidth.length() + 4);
        for (int i = 0; i < fullWidth.length(); i++) {
            char c = fullWidth.charAt(i);
            String half = HALF_WIDTH_KANA.get(c);
            if (half == null) {
                out.append(c);
            } else {
                out.append(half);
            }
        }
        return out.toString();
    }

    private static Map<Character, String> halfWidthKanaTable() {
        Map<Character, String> table = new HashMap<>();
        for (char h = '\uFF61'; h <= '\uFF9D'; h++) {
            String full = Normalizer.normalize(String.valueOf(h), Normalizer.Form.NFKC);
            if (full.length() == 1) {
                table.putIfAbsent(full.charAt(0), String.valueOf(h));
            }
        }
        for (char h = '\uFF66'; h <= '\uFF9D'; h++) {
            for (char mark : new char[] {'\uFF9E', '\uFF9F'}) {
                String half = String.valueOf(h) + mark;
                String full = Normalizer.normalize(half, Normalizer.Form.NFKC);
                if (full.length() == 1) {
                    table.putIfAbsent(full.charAt(0), half);
                }
            }
        }
        return table;
    }

    private static Name[] names(String list) {
        String[] entries = list.replace("\n", "").split("\\|");
        Name[] names = new Name[entries.length];
        for (int k = 0; k < entries.length; k++) {
            String[] parts = entries[k].strip().split(" ");
            if (parts.length != 2) {
                throw new IllegalStateException("bad name entry: " + entries[k]);
            }
            names[k] = new Name(parts[0], parts[1], toHalfWidthKana(parts[1]));
        }
        return names;
    }
}
