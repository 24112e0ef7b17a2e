package jp.kenshin.outreach.privacy;

/** The fields a purpose's view can carry, by their Japanese names in DESIGN.md. */
public enum ViewField {
    INSURANCE_NUMBER("国保記号番号"),
    BIRTH_DATE("生年月日"),
    SEX("性別"),
    TICKET_NUMBER("受診券整理番号"),
    KANA_NAME("カナ氏名"),
    KANJI_NAME("漢字氏名"),
    POSTAL_CODE("郵便番号"),
    ADDRESS("漢字住所"),
    ADDRESS_DETAIL("漢字方書"),
    PHONE("電話番号"),
    CHECKUP_RESULTS("健診結果");

    private final String label;

    ViewField(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
