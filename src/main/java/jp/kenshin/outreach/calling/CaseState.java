package jp.kenshin.outreach.calling;

/** Where a call case stands; every state but OPEN ends the calls, with its reason. */
public enum CaseState {
    OPEN("架電中"),
    REACHED("通話済み"),
    DECLINED("受診しない"),
    HAD_CHECKUP_ELSEWHERE("他で受診済み"),
    UNREACHABLE("不通（架電回数満了）"),
    WRONG_NUMBER("番号違い"),
    OPTED_OUT("連絡停止"),
    ATTENDED("受診済み（健診結果）"),
    /** Still open at the results cut-off: the year's calls ended there (not an outcome of a call). */
    ENDED_AT_CUT_OFF("結果の締切日で架電終了");

    private final String label;

    CaseState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
