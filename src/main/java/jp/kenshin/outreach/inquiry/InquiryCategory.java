package jp.kenshin.outreach.inquiry;

/** What the caller asked about. */
public enum InquiryCategory {
    HOW_TO_TAKE("受診方法"),
    CLINICS("実施医療機関"),
    COST("費用"),
    ALREADY_TAKEN("受診済み"),
    ADDRESS_CHANGE("住所変更"),
    STOP_CONTACT("今後の連絡停止"),
    COMPLAINT("苦情"),
    PRIVACY("個人情報の取扱い"),
    OTHER("その他");

    private final String label;

    InquiryCategory(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static InquiryCategory parse(Object code) {
        if (code == null || code.toString().isBlank()) {
            throw new IllegalArgumentException("問い合わせの分類（inquiryCategory）が指定されていません");
        }
        try {
            return valueOf(code.toString().trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("問い合わせの分類（inquiryCategory）の値は使えません。使える値: "
                    + java.util.Arrays.toString(values()));
        }
    }
}
