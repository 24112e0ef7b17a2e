package jp.kenshin.outreach.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import jp.kenshin.outreach.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

@IntegrationTest
class AuditLogIT {

    @Autowired
    AuditLog audit;
    @Autowired
    JdbcTemplate jdbc;

    private AuditEntry append(String user) {
        return audit.append(new AuditLog.Access(new AuditLog.Who(user, "contractor-operator"), AuditAction.READ,
                new AuditLog.Subject("CALL", 2071, List.of(1L, 2L), "電話番号"), new AuditLog.Context("task-1", "process-1"),
                AuditLog.Outcome.allowed("test"), null));
    }

    @Test
    void theDatabaseRefusesToChangeOrDeleteARecord() {
        AuditEntry entry = append("someone");
        assertThatThrownBy(() -> jdbc.update("update audit_log set user_id = 'other' where seq = ?", entry.seq()))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from audit_log where seq = ?", entry.seq()))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.execute("truncate audit_log")).hasMessageContaining("append-only");
    }

    @Test
    void aFreeFieldOverItsCapIsRefusedBeforeAnythingIsWrittenButARefusalIsAlwaysRecorded() {
        long before = jdbc.queryForObject("select count(*) from audit_log", Long.class);
        String long600 = "理由".repeat(300);
        AuditLog.Who ward = new AuditLog.Who("someone", "ward-staff");
        AuditLog.Subject subject = new AuditLog.Subject("NOTICE", 2071, List.of(1L), "氏名");
        assertThatThrownBy(() -> audit.append(new AuditLog.Access(ward, AuditAction.READ, subject, null,
                AuditLog.Outcome.allowed(long600), null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("detail").hasMessageNotContaining("理由理由");
        assertThatThrownBy(() -> audit.append(new AuditLog.Access(ward, AuditAction.READ, subject,
                new AuditLog.Context("t".repeat(65), null), AuditLog.Outcome.allowed("ok"), null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("taskId");
        assertThat(jdbc.queryForObject("select count(*) from audit_log", Long.class)).isEqualTo(before);

        AuditEntry refusal = audit.append(new AuditLog.Access(new AuditLog.Who("someone", "contractor-operator"), AuditAction.READ,
                new AuditLog.Subject("CALL", 2071, List.of(1L), "氏名"), null, AuditLog.Outcome.refused(long600), null));
        assertThat(refusal.detail()).hasSize(AuditLog.MAX_DETAIL).endsWith("（以下略、全 600 文字）");
        assertThat(jdbc.queryForObject("select count(*) from audit_log", Long.class)).isEqualTo(before + 1);
    }

    @Test
    void theChainIsIntactAndATamperedRecordIsNamed() {
        AuditEntry first = append("alice");
        AuditEntry second = append("bob");
        append("carol");
        assertThat(second.prevHash()).isEqualTo(first.hash());
        AuditChainVerification before = audit.verify();
        assertThat(before.intact()).isTrue();

        jdbc.execute("alter table audit_log disable trigger audit_log_no_update_or_delete");
        try {
            jdbc.update("update audit_log set member_ids = '{1,2,3}' where seq = ?", second.seq());
        } finally {
            jdbc.execute("alter table audit_log enable trigger audit_log_no_update_or_delete");
        }
        AuditChainVerification after = audit.verify();
        assertThat(after.intact()).isFalse();
        assertThat(after.firstBrokenSeq()).isEqualTo(second.seq());
        assertThat(after.reason()).contains("記録 " + second.seq());

        // put it back, so the chain of the shared test database stays intact for the other tests
        jdbc.execute("alter table audit_log disable trigger audit_log_no_update_or_delete");
        try {
            jdbc.update("update audit_log set member_ids = '{1,2}' where seq = ?", second.seq());
        } finally {
            jdbc.execute("alter table audit_log enable trigger audit_log_no_update_or_delete");
        }
        assertThat(audit.verify().intact()).isTrue();
    }
}
