package jp.kenshin.outreach;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.List;

/** Small CSV files written by hand for edge cases (fictitious people only). */
public final class TestFiles {

    public static final String MEMBERS_HEADER = "整理番号,国保記号番号,受診券整理番号,カナ氏名,漢字氏名,生年月日,性別,郵便番号,漢字住所,漢字方書,"
            + "電話番号,住所地特例フラグ,マル学・マル遠区分,資格取得年月日,資格喪失年月日,旧住民番号,資格証区分";

    public static final String RESULTS_HEADER = "年度,整理番号,受診券整理番号,生年月日,性別,実施年月日,健診機関番号,身長,体重,BMI,腹囲,"
            + "収縮期血圧,拡張期血圧,中性脂肪,HDLコレステロール,LDLコレステロール,空腹時血糖,HbA1c,保健指導レベル";

    private TestFiles() {
    }

    /** A members row with the given person number, birth date, phone and qualification dates; the rest fictitious. */
    public static String member(String personNo, String birth, String sex, String phone, String from, String until) {
        return personNo + ",12-" + personNo + ",,テスト タロウ,試験 太郎," + birth + "," + sex
                + ",1700013,東京都豊島区東池袋一丁目1番1号,," + phone + ",0,0," + from + "," + until + ",99999,1";
    }

    public static String result(int year, String personNo, String birth, String sex, String examDate) {
        return year + "," + personNo + ",," + birth + "," + sex + "," + examDate + ",1310000001,170.1,65.2,22.5,80,"
                + "120,78,110,55,120,95,5.6,1";
    }

    public static InputStream csv(Charset charset, String header, List<String> rows) {
        StringBuilder text = new StringBuilder(header).append("\r\n");
        rows.forEach(r -> text.append(r).append("\r\n"));
        return new ByteArrayInputStream(text.toString().getBytes(charset));
    }
}
