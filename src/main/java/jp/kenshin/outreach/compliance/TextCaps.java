package jp.kenshin.outreach.compliance;

/**
 * Caps on the free texts of the compliance records, which are kept for the life of the contract and
 * longer: a summary is a summary, a written report a few pages. A text over its cap is refused before
 * anything is stored, naming the field and the cap, never echoing the text (the API answers 400).
 */
final class TextCaps {

    static final int SHORT = 2_000;
    static final int REPORT = 20_000;

    private TextCaps() {
    }

    static void check(String field, String label, String value, int max) {
        if (value != null && value.length() > max) {
            throw new IllegalArgumentException(label + "（" + field + "）は " + String.format("%,d", max) + " 文字までです（"
                    + String.format("%,d", value.length()) + " 文字）");
        }
    }
}
