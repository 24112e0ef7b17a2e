package jp.kenshin.outreach.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the audit log's head anchored outside the database: at start (after sealing the records of an
 * older database that were written before signing), and every {@code kenshin.audit.anchor-interval}.
 * Every node runs it; nodes that share the anchor file anchor each head once between them (the check and the
 * append happen under the file's lock).
 */
@Component
class AuditAnchoring {

    private static final Logger log = LoggerFactory.getLogger(AuditAnchoring.class);

    private final AuditLog audit;

    AuditAnchoring(AuditLog audit) {
        this.audit = audit;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        Long sealed = audit.sealUnsignedRecords();
        AuditLog.Head head = audit.anchorHead(sealed == null ? "startup" : "legacy-seal");
        if (head != null) {
            log.info("Audit log head anchored at start: seq {}", head.seq());
        }
    }

    @Scheduled(fixedDelayString = "${kenshin.audit.anchor-interval:PT10M}", initialDelayString = "${kenshin.audit.anchor-interval:PT10M}")
    void regularly() {
        try {
            audit.anchorHeadIfNew("scheduled");
        } catch (RuntimeException e) {
            log.error("Cannot anchor the audit log's head ({}): the next interval tries again", e.getClass().getSimpleName());
        }
    }
}
