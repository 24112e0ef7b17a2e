package jp.kenshin.outreach.compliance;

/** Designations of an approved year changed: the ward must review them again before hand-over reopens. */
public record DesignationsChanged(int fiscalYear) {
}
