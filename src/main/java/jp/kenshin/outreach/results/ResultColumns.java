package jp.kenshin.outreach.results;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import jp.kenshin.outreach.fileimport.ColumnSet;

/** The columns of the checkup results CSV (shared/formats/checkup-results.md). */
public final class ResultColumns {

    public static final String FISCAL_YEAR = "年度";
    public static final String PERSON_NO = "整理番号";
    public static final String TICKET_NUMBER = "受診券整理番号";
    public static final String BIRTH_DATE = "生年月日";
    public static final String SEX = "性別";
    public static final String EXAM_DATE = "実施年月日";
    public static final String INSTITUTION = "健診機関番号";

    /** Result items: numbers, or empty when not measured. */
    public static final List<String> ITEMS = List.of("身長", "体重", "BMI", "腹囲", "収縮期血圧", "拡張期血圧", "中性脂肪",
            "HDLコレステロール", "LDLコレステロール", "空腹時血糖", "HbA1c", "保健指導レベル");

    public static final ColumnSet COLUMN_SET;

    static {
        Set<String> known = new LinkedHashSet<>(List.of(FISCAL_YEAR, PERSON_NO, TICKET_NUMBER, BIRTH_DATE, SEX, EXAM_DATE,
                INSTITUTION));
        known.addAll(ITEMS);
        COLUMN_SET = new ColumnSet(known, List.of(FISCAL_YEAR, BIRTH_DATE, SEX, EXAM_DATE),
                List.of(List.of(PERSON_NO, TICKET_NUMBER)), Set.of());
    }

    private ResultColumns() {
    }
}
