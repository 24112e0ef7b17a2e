package jp.kenshin.outreach.audit;

import java.time.Instant;
import java.util.List;

/**
 * One access to personal data, allowed or refused: who, when, what for, which persons (member ids),
 * which fields, for which task or process, and the outcome. Never a personal value.
 */
public record AuditEntry(long seq, Instant at, String userId, String userGroups, String action, String purpose,
        Integer fiscalYear, List<Long> memberIds, String fields, String taskId, String processInstanceId,
        String outcome, String detail, Integer exportCount, String exportSha256, String prevHash, String hash) {
}
