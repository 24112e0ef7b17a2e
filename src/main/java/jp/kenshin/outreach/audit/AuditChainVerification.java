package jp.kenshin.outreach.audit;

/**
 * The result of walking the audit chain: intact with its head hash, or the first broken record.
 */
public record AuditChainVerification(boolean intact, long records, Long firstBrokenSeq, String reason, String headHash) {

    static AuditChainVerification intact(long records, String headHash) {
        return new AuditChainVerification(true, records, null, null, headHash);
    }

    static AuditChainVerification broken(long records, long seq, String reason) {
        return new AuditChainVerification(false, records, seq, reason, null);
    }
}
