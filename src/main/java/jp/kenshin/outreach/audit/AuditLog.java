package jp.kenshin.outreach.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit log of accesses to personal data. It only appends (the database refuses UPDATE, DELETE
 * and TRUNCATE on it): each record is committed in a transaction of its own, so a refusal is on
 * record even when the caller's work rolls back, and carries the hash of its content and of the
 * record before it.
 */
@Component
public class AuditLog {

    private static final long CHAIN_LOCK = 0x6175646974L; // "audit": one writer at a time keeps the chain linear

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate ownTransaction;

    public AuditLog(JdbcTemplate jdbc, DataSource dataSource, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** What is recorded; seq, time and hashes are added here. */
    public record Access(String userId, String userGroups, String action, String purpose, Integer fiscalYear,
            List<Long> memberIds, String fields, String taskId, String processInstanceId, boolean allowed, String detail,
            Integer exportCount, String exportSha256) {
    }

    public AuditEntry append(Access access) {
        return ownTransaction.execute(status -> {
            jdbc.queryForList("select pg_advisory_xact_lock(?)", CHAIN_LOCK);
            List<String> last = jdbc.queryForList("select hash from audit_log order by seq desc limit 1", String.class);
            String prev = last.isEmpty() ? AuditHash.GENESIS : last.get(0);
            long seq = jdbc.queryForObject("select nextval('audit_log_seq_seq')", Long.class);
            Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
            AuditEntry draft = new AuditEntry(seq, at, access.userId(), access.userGroups(), access.action(), access.purpose(),
                    access.fiscalYear(), List.copyOf(access.memberIds()), access.fields(), access.taskId(),
                    access.processInstanceId(), access.allowed() ? "ALLOWED" : "REFUSED", access.detail(),
                    access.exportCount(), access.exportSha256(), prev, null);
            String hash = AuditHash.of(draft, prev);
            jdbc.update(connection -> {
                var ps = connection.prepareStatement("""
                        insert into audit_log (seq, at, user_id, user_groups, action, purpose, fiscal_year, member_ids, fields,
                          task_id, process_instance_id, outcome, detail, export_count, export_sha256, prev_hash, hash)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
                ps.setLong(1, seq);
                ps.setTimestamp(2, Timestamp.from(at));
                ps.setString(3, draft.userId());
                ps.setString(4, draft.userGroups());
                ps.setString(5, draft.action());
                ps.setString(6, draft.purpose());
                ps.setObject(7, draft.fiscalYear());
                ps.setArray(8, connection.createArrayOf("bigint", draft.memberIds().toArray()));
                ps.setString(9, draft.fields());
                ps.setString(10, draft.taskId());
                ps.setString(11, draft.processInstanceId());
                ps.setString(12, draft.outcome());
                ps.setString(13, draft.detail());
                ps.setObject(14, draft.exportCount());
                ps.setString(15, draft.exportSha256());
                ps.setString(16, prev);
                ps.setString(17, hash);
                return ps;
            });
            return new AuditEntry(seq, at, draft.userId(), draft.userGroups(), draft.action(), draft.purpose(),
                    draft.fiscalYear(), draft.memberIds(), draft.fields(), draft.taskId(), draft.processInstanceId(),
                    draft.outcome(), draft.detail(), draft.exportCount(), draft.exportSha256(), prev, hash);
        });
    }

    public List<AuditEntry> read(long afterSeq, int limit) {
        return jdbc.query("select * from audit_log where seq > ? order by seq limit ?",
                (rs, n) -> AuditChainWalker.read(rs), afterSeq, limit);
    }

    /** Walks the whole chain and names the first broken record. */
    public AuditChainVerification verify() {
        try (Connection connection = dataSource.getConnection()) {
            return AuditChainWalker.walk(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the audit log (SQL state " + e.getSQLState() + ")", e);
        }
    }
}
