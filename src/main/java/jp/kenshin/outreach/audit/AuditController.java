package jp.kenshin.outreach.audit;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log for the auditors (and nobody else: see SecurityConfiguration), and its verification. */
@RestController
@RequestMapping("/api/audit")
class AuditController {

    /** Member ids shown per record on the auditors' page; the count is always whole. */
    static final int IDS_SHOWN = 10;
    static final int MAX_PAGE = 200;

    /** One record as the auditors' page lists it: ids and counts only (the first member ids, and how many there are). */
    record Row(long seq, Instant at, String userId, String userGroups, String action, String purpose, Integer fiscalYear,
            int memberCount, List<Long> memberIds, String fields, String taskId, String processInstanceId, String outcome,
            String detail, Integer exportCount) {
    }

    /** A page of the newest records: how many match the filter, and the seq to ask {@code beforeSeq} for the next page. */
    record Page(List<Row> records, long matching, Long nextBeforeSeq, List<String> actions) {
    }

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping
    List<AuditEntry> read(@RequestParam(defaultValue = "0") long afterSeq, @RequestParam(defaultValue = "1000") int limit) {
        return audit.read(afterSeq, Math.min(limit, 10_000));
    }

    @GetMapping("/verify")
    AuditChainVerification verify() {
        return audit.verify();
    }

    /**
     * The newest records first, {@code size} a page (at most 200), optionally of one action and one user; {@code beforeSeq}
     * (the previous page's {@code nextBeforeSeq}) gives the next, older page.
     */
    @GetMapping("/latest")
    Page latest(@RequestParam(required = false) String action, @RequestParam(required = false) String user,
            @RequestParam(required = false) Long beforeSeq, @RequestParam(defaultValue = "50") int size) {
        AuditAction wanted = action(action);
        String userId = user == null || user.isBlank() ? null : user.strip();
        if (userId != null && userId.length() > 64) {
            throw new IllegalArgumentException("利用者（user）は 64 文字以内で指定してください");
        }
        if (size < 1 || size > MAX_PAGE) {
            throw new IllegalArgumentException("件数（size）は 1〜" + MAX_PAGE + " で指定してください");
        }
        List<AuditEntry> entries = audit.latest(wanted, userId, beforeSeq, size + 1);
        boolean more = entries.size() > size;
        List<Row> rows = entries.stream().limit(size).map(AuditController::row).toList();
        return new Page(rows, audit.count(wanted, userId), more ? rows.get(rows.size() - 1).seq() : null,
                Arrays.stream(AuditAction.values()).map(AuditAction::stored).toList());
    }

    private static AuditAction action(String action) {
        if (action == null || action.isBlank()) {
            return null;
        }
        return Arrays.stream(AuditAction.values()).filter(a -> a.stored().equals(action.strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("操作（action）の値は使えません。使える値: "
                        + Arrays.toString(AuditAction.values())));
    }

    private static Row row(AuditEntry e) {
        List<Long> ids = e.memberIds() == null ? List.of() : e.memberIds();
        return new Row(e.seq(), e.at(), e.userId(), e.userGroups(), e.action(), e.purpose(), e.fiscalYear(), ids.size(),
                ids.subList(0, Math.min(ids.size(), IDS_SHOWN)), e.fields(), e.taskId(), e.processInstanceId(), e.outcome(),
                e.detail(), e.exportCount());
    }
}
