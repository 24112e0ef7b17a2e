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
    void aWholeLargeWardsAccessIsOnRecordInPartsOfAHundredThousandMembersInOneChain() {
        // a holdout draw or a deletion scan of a ward of 250,001 members: the system reads every member
        List<Long> members = java.util.stream.LongStream.rangeClosed(1, 250_001).boxed().toList();
        List<AuditEntry> parts = audit.appendInParts(new AuditLog.Access(AuditLog.Who.system("system"), AuditAction.HOLDOUT_DRAW,
                new AuditLog.Subject(null, 2072, members, ""), AuditLog.Context.NONE, AuditLog.Outcome.allowed("選定 1"),
                AuditLog.Export.NONE));

        assertThat(parts).hasSize(3);
        assertThat(parts).extracting(AuditEntry::detail).containsExactly("選定 1（記録 1/3）", "選定 1（記録 2/3）", "選定 1（記録 3/3）");
        assertThat(parts.get(1).prevHash()).isEqualTo(parts.get(0).hash());
        assertThat(parts.get(2).prevHash()).isEqualTo(parts.get(1).hash());
        assertThat(jdbc.queryForObject("select sum(cardinality(member_ids)) from audit_log where seq between ? and ?", Long.class,
                parts.get(0).seq(), parts.get(2).seq())).isEqualTo(250_001L);
        assertThat(jdbc.queryForObject("select count(distinct m) from audit_log, unnest(member_ids) m where seq between ? and ?",
                Long.class, parts.get(0).seq(), parts.get(2).seq())).isEqualTo(250_001L);
        assertThat(audit.verify().intact()).isTrue();
        // one record still refuses more than it holds
        assertThatThrownBy(() -> audit.append(new AuditLog.Access(AuditLog.Who.system("system"), AuditAction.HOLDOUT_DRAW,
                new AuditLog.Subject(null, 2072, members, ""), AuditLog.Context.NONE, AuditLog.Outcome.allowed("選定 1"),
                AuditLog.Export.NONE))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("100,000");
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
