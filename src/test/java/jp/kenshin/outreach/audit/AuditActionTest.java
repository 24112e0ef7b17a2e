package jp.kenshin.outreach.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The actions' stored names are part of every record's hash and signature, and the log already holds them: renaming
 * or dropping a constant would leave rows no code names. New actions are added at the end of this list.
 */
class AuditActionTest {

    @Test
    void theStoredNamesAreThoseTheLogAlreadyHolds() {
        assertThat(Arrays.stream(AuditAction.values()).map(AuditAction::stored)).containsExactly("READ", "LOOKUP",
                "LINK_CALLER", "EXPORT", "READ_NOTE", "WRITE_NOTE", "IDENTITY_CHECK", "HOLDOUT_DRAW", "ANALYSIS_READ",
                "DELETION_SCAN", "DELETION", "LEGACY_SEAL");
        assertThat(AuditLog.LEGACY_SEAL).isEqualTo("LEGACY_SEAL");
    }
}
