package jp.kenshin.outreach.audit;

/**
 * What an audit record says was done. The stored text of each is its name: records already in the log carry these
 * names, and their hashes and signatures cover them, so a constant is never renamed (AuditActionTest pins them).
 */
public enum AuditAction {
    /** The door returned a purpose's fields of some members (allowed or refused). */
    READ,
    /** A desk lookup of a caller by ticket number, name and birth date. */
    LOOKUP,
    /** The desk linked a caller the lookup found to an inquiry. */
    LINK_CALLER,
    /** A file of a purpose's fields was written for hand-over (with its count and SHA-256). */
    EXPORT,
    /** A call or inquiry note was opened. */
    READ_NOTE,
    /** A call or inquiry note was sealed. */
    WRITE_NOTE,
    /** An import checked that a row names the right person. */
    IDENTITY_CHECK,
    /** The hold-out draw of a selection read the persons' keys. */
    HOLDOUT_DRAW,
    /** The effect analysis read attendance and results. */
    ANALYSIS_READ,
    /** The deletion's scan for personal values left in clear. */
    DELETION_SCAN,
    /** A fiscal year's data deleted and its key destroyed. */
    DELETION,
    /** The signed record that seals the records written before signing was introduced. */
    LEGACY_SEAL;

    /** The text stored in {@code audit_log.action}. */
    public String stored() {
        return name();
    }
}
