package jp.kenshin.outreach.calling;

/** Published when a person asked not to be contacted again this cycle; the engine adapters end their calls. */
public record ContactOptedOut(int fiscalYear, long memberId) {
}
