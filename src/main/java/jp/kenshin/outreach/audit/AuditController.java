package jp.kenshin.outreach.audit;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log for the auditors (and nobody else: see SecurityConfiguration), and its verification. */
@RestController
@RequestMapping("/api/audit")
class AuditController {

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
}
