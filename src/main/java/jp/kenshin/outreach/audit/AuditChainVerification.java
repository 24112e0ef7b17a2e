package jp.kenshin.outreach.audit;

import java.time.Instant;
import java.util.List;

/**
 * The result of walking the audit chain against its signatures and the anchors kept outside the
 * database: intact, or the first broken record ({@code firstBrokenSeq}) and every problem found
 * (a record altered, a signature that fails, records missing since an anchor). The head is the
 * newest record in the database, whether intact or not. The last anchor ({@code lastAnchorAt}, {@code lastAnchorSeq},
 * {@code lastAnchorHash}) is the newest line of the anchor file outside the database.
 */
public record AuditChainVerification(boolean intact, long records, Long firstBrokenSeq, String reason, String headHash,
        Long headSeq, int anchorsChecked, Instant lastAnchorAt, List<String> problems,
        Long lastAnchorSeq, String lastAnchorHash) {

    public AuditChainVerification {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }
}
