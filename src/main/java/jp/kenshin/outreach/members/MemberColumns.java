package jp.kenshin.outreach.members;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import jp.kenshin.outreach.fileimport.ColumnSet;

/** The columns of the members file (shared/formats/members.md). */
public final class MemberColumns {

    public static final String PERSON_NO = "整理番号";
    public static final String INSURANCE_NUMBER = "国保記号番号";
    public static final String TICKET_NUMBER = "受診券整理番号";
    public static final String KANA_NAME = "カナ氏名";
    public static final String KANJI_NAME = "漢字氏名";
    public static final String BIRTH_DATE = "生年月日";
    public static final String SEX = "性別";
    public static final String POSTAL_CODE = "郵便番号";
    public static final String ADDRESS = "漢字住所";
    public static final String ADDRESS_DETAIL = "漢字方書";
    public static final String PHONE = "電話番号";
    public static final String SPECIAL_ADDRESS = "住所地特例フラグ";
    public static final String AWAY = "マル学・マル遠区分";
    public static final String QUALIFIED_FROM = "資格取得年月日";
    public static final String QUALIFIED_UNTIL = "資格喪失年月日";

    /** Known columns that no purpose needs: read only to be dropped. */
    public static final List<String> DROPPED = List.of("資格証区分", "資格取得事由", "資格取得届出日", "資格喪失事由",
            "資格喪失届出日", "保険証回収日", "旧国保記号番号", "旧住民番号", "旧記号番号有効日");

    public static final List<String> REQUIRED = List.of(PERSON_NO, INSURANCE_NUMBER, KANA_NAME, KANJI_NAME, BIRTH_DATE,
            SEX, POSTAL_CODE, ADDRESS, QUALIFIED_FROM);

    public static final ColumnSet COLUMN_SET;

    static {
        Set<String> known = new LinkedHashSet<>(List.of(PERSON_NO, INSURANCE_NUMBER, TICKET_NUMBER, KANA_NAME, KANJI_NAME,
                BIRTH_DATE, SEX, POSTAL_CODE, ADDRESS, ADDRESS_DETAIL, PHONE, SPECIAL_ADDRESS, AWAY, QUALIFIED_FROM,
                QUALIFIED_UNTIL));
        known.addAll(DROPPED);
        COLUMN_SET = new ColumnSet(known, REQUIRED, List.of(), Set.copyOf(DROPPED));
    }

    private MemberColumns() {
    }
}
