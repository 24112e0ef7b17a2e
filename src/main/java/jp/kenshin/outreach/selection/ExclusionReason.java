package jp.kenshin.outreach.selection;

import java.util.Arrays;

/** The reason codes of the default decision table, with the Japanese staff read. */
public enum ExclusionReason {
    NOT_INSURED("基準日に資格なし"),
    AGE_UNDER_40("年度末年齢40歳未満"),
    AGE_OVER_69("年度末年齢70歳以上"),
    ATTENDED_PREVIOUS_YEAR("前年度受診済み"),
    SPECIAL_ADDRESS("住所地特例"),
    LIVING_AWAY("マル学・マル遠");

    private final String label;

    ExclusionReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The label of a reason code; a code that staff added to the table is shown as it is. */
    public static String labelOf(String code) {
        return Arrays.stream(values()).filter(r -> r.name().equals(code)).map(ExclusionReason::label).findFirst()
                .orElse(code);
    }
}
