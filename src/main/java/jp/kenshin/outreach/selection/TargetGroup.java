package jp.kenshin.outreach.selection;

/** The outreach a target gets: a postcard only, or a postcard and phone calls. */
public enum TargetGroup {
    NOTICE_ONLY("通知のみ"),
    NOTICE_AND_CALL("通知＋電話");

    private final String label;

    TargetGroup(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
