package jp.kenshin.outreach.privacy;

/**
 * The personal fields this system keeps, with the Japanese names of DESIGN.md's purpose table.
 * They are stored only encrypted, as one sealed record per person and fiscal year.
 */
public enum PersonalField {
    INSURANCE_NUMBER("国保記号番号"),
    TICKET_NUMBER("受診券整理番号"),
    KANA_NAME("カナ氏名"),
    KANJI_NAME("漢字氏名"),
    BIRTH_DATE("生年月日"),
    POSTAL_CODE("郵便番号"),
    ADDRESS("漢字住所"),
    ADDRESS_DETAIL("漢字方書"),
    PHONE("電話番号"),
    /** The ward's person number: kept sealed, and as a keyed index (person_index) for matching. */
    PERSON_NO("整理番号");

    private final String label;

    PersonalField(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
