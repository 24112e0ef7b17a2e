package jp.kenshin.outreach.audit;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Walks the audit log in order and checks each record's hash and its link to the previous one. */
public final class AuditChainWalker {

    private AuditChainWalker() {
    }

    public static AuditChainVerification walk(Connection connection) throws SQLException {
        String prev = AuditHash.GENESIS;
        long count = 0;
        connection.setAutoCommit(false); // a cursor, so a long log is not held in memory
        try (PreparedStatement statement = connection.prepareStatement("select * from audit_log order by seq")) {
            statement.setFetchSize(1000);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    AuditEntry entry = read(rs);
                    count++;
                    if (!entry.prevHash().equals(prev)) {
                        return AuditChainVerification.broken(count, entry.seq(),
                                "記録 " + entry.seq() + " の直前ハッシュが前の記録のハッシュと一致しません（記録の削除または挿入）");
                    }
                    String expected = AuditHash.of(entry, prev);
                    if (!expected.equals(entry.hash())) {
                        return AuditChainVerification.broken(count, entry.seq(),
                                "記録 " + entry.seq() + " の内容がハッシュと一致しません（改ざん）");
                    }
                    prev = entry.hash();
                }
            }
        } finally {
            connection.rollback();
        }
        return AuditChainVerification.intact(count, prev);
    }

    static AuditEntry read(ResultSet rs) throws SQLException {
        Array ids = rs.getArray("member_ids");
        List<Long> memberIds = new ArrayList<>();
        for (Object id : (Object[]) ids.getArray()) {
            memberIds.add(((Number) id).longValue());
        }
        Integer fiscalYear = (Integer) rs.getObject("fiscal_year");
        Integer exportCount = (Integer) rs.getObject("export_count");
        return new AuditEntry(rs.getLong("seq"), rs.getTimestamp("at").toInstant(), rs.getString("user_id"),
                rs.getString("user_groups"), rs.getString("action"), rs.getString("purpose"), fiscalYear, memberIds,
                rs.getString("fields"), rs.getString("task_id"), rs.getString("process_instance_id"), rs.getString("outcome"),
                rs.getString("detail"), exportCount, rs.getString("export_sha256"), rs.getString("prev_hash"),
                rs.getString("hash"));
    }
}
