package jp.kenshin.outreach.calling;

/** The bands retries rotate through, so a person who is out in the day is tried in the evening or on Saturday. */
public enum TimeBand {
    WEEKDAY_DAYTIME("平日日中"),
    WEEKDAY_EVENING("平日夕方"),
    SATURDAY("土曜"),
    /** a call recorded outside calling hours (only reports show it) */
    OUTSIDE_HOURS("時間外");

    private final String label;

    TimeBand(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
