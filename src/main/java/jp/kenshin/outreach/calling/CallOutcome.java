package jp.kenshin.outreach.calling;

/** What an operator records after a call; the code goes to the engine, the label to the form and reports. */
public enum CallOutcome {
    WILL_BOOK("通話：受診予約する", true),
    ALREADY_BOOKED("通話：予約済み", true),
    DECLINED("通話：受診しない", true),
    HAD_CHECKUP_ELSEWHERE("通話：職場などで受診済み", true),
    NO_ANSWER("応答なし", false),
    BUSY("話し中", false),
    ANSWERING_MACHINE("留守番電話", false),
    WRONG_NUMBER("番号違い", false),
    DO_NOT_CALL("架電停止の申出", true),
    CALLBACK_REQUESTED("かけ直し希望（日時指定）", true);

    private final String label;
    private final boolean reached;

    CallOutcome(String label, boolean reached) {
        this.label = label;
        this.reached = reached;
    }

    public String label() {
        return label;
    }

    /** The codes of the outcomes in which the person was spoken to (for queries). */
    public static String[] reachedCodes() {
        return java.util.Arrays.stream(values()).filter(CallOutcome::reached).map(Enum::name).toArray(String[]::new);
    }

    /** Whether the person was spoken to. */
    public boolean reached() {
        return reached;
    }

    /** The outcome for a code, or a refusal naming the field and the allowed codes (never the value given). */
    public static CallOutcome parse(Object code) {
        if (code == null || code.toString().isBlank()) {
            throw new IllegalArgumentException("架電結果（callOutcome）が指定されていません");
        }
        try {
            return valueOf(code.toString().trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("架電結果（callOutcome）の値は使えません。使える値: "
                    + java.util.Arrays.toString(values()));
        }
    }
}
