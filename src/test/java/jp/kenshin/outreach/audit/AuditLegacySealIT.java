package jp.kenshin.outreach.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.sql.DataSource;
import jp.kenshin.outreach.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * An older database whose audit records were written before signing: at the first start they are
 * sealed by one signed record after them, and from then on rewriting them is named too. Played in a
 * schema of its own (a copy of audit_log), so the application's own log is not touched.
 */
@IntegrationTest
class AuditLegacySealIT {

    private static final String SCHEMA = "legacy_audit";

    @Autowired
    DataSource dataSource;
    @Autowired
    AuditSigningKey key;

    private SingleConnectionDataSource legacy;
    private JdbcTemplate jdbc;
    private AuditLog log;
    private Path anchors;

    @BeforeEach
    void anOlderDatabase() throws Exception {
        new JdbcTemplate(dataSource).execute("drop schema if exists " + SCHEMA + " cascade; create schema " + SCHEMA
                + "; create table " + SCHEMA + ".audit_log (like public.audit_log including defaults including constraints);"
                + " create sequence " + SCHEMA + ".audit_log_seq_seq;");
        HikariDataSource hikari = (HikariDataSource) dataSource;
        Connection connection = DriverManager.getConnection(hikari.getJdbcUrl() + (hikari.getJdbcUrl().contains("?") ? "&" : "?")
                + "currentSchema=" + SCHEMA, hikari.getUsername(), hikari.getPassword());
        legacy = new SingleConnectionDataSource(connection, true);
        jdbc = new JdbcTemplate(legacy);
        anchors = Files.createTempFile("legacy-anchors", ".log");
        log = new AuditLog(jdbc, legacy, new DataSourceTransactionManager(legacy), key,
                new AuditProperties(null, Path.of("unused"), anchors, null), java.time.Clock.systemUTC());
        String prev = AuditHash.GENESIS;
        for (int i = 0; i < 3; i++) { // written by the previous version: hash-chained, no signature
            long seq = jdbc.queryForObject("select nextval('audit_log_seq_seq')", Long.class);
            AuditEntry e = new AuditEntry(seq, Instant.now().truncatedTo(ChronoUnit.MICROS), "old-user", "ward-staff", "READ", "NOTICE",
                    2070, List.of(1L), "氏名", null, null, "ALLOWED", "旧版", null, null, prev, null);
            String hash = AuditHash.of(e, prev);
            jdbc.update("""
                    insert into audit_log (seq, at, user_id, user_groups, action, purpose, fiscal_year, member_ids, fields, outcome,
                      detail, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, '{1}', ?, ?, ?, ?, ?)""", seq,
                    java.sql.Timestamp.from(e.at()), e.userId(), e.userGroups(), e.action(), e.purpose(), e.fiscalYear(), e.fields(),
                    e.outcome(), e.detail(), prev, hash);
            prev = hash;
        }
    }

    @AfterEach
    void dropIt() throws Exception {
        legacy.destroy();
        new JdbcTemplate(dataSource).execute("drop schema " + SCHEMA + " cascade");
        Files.deleteIfExists(anchors);
    }

    @Test
    void unsignedRecordsAreNamedUntilSealedAndProtectedOnceSealed() {
        AuditChainVerification unsealed = log.verify();
        assertThat(unsealed.intact()).isFalse();
        assertThat(unsealed.reason()).contains("記録 1〜3 に署名がなく、封印もされていません");

        assertThat(log.sealUnsignedRecords()).isEqualTo(3L);
        assertThat(log.sealUnsignedRecords()).as("sealed once only").isNull();
        assertThat(jdbc.queryForObject("select action from audit_log where seq = 4", String.class)).isEqualTo(AuditLog.LEGACY_SEAL);
        log.anchorHead("legacy-seal");
        log.append(new AuditLog.Access(new AuditLog.Who("new-user", "auditor"), AuditAction.READ, AuditLog.Subject.NONE, null,
                AuditLog.Outcome.allowed("新版"), null));
        AuditChainVerification sealed = log.verify();
        assertThat(sealed.intact()).as(sealed.reason()).isTrue();
        assertThat(sealed.records()).isEqualTo(5);

        // an old record rewritten and the chain recomputed: the seal's signature no longer matches
        jdbc.update("update audit_log set user_id = 'someone-else' where seq = 2");
        String prev = jdbc.queryForObject("select hash from audit_log where seq = 1", String.class);
        for (AuditEntry e : log.read(1, 10)) {
            String hash = AuditHash.of(e, prev);
            jdbc.update("update audit_log set prev_hash = ?, hash = ? where seq = ?", prev, hash, e.seq());
            prev = hash;
        }
        AuditChainVerification rewritten = log.verify();
        assertThat(rewritten.intact()).isFalse();
        assertThat(rewritten.firstBrokenSeq()).isEqualTo(4L);
        assertThat(rewritten.reason()).contains("記録 4 の署名が一致しません", "記録 4 のハッシュが");
    }

    @Test
    void aBrokenLegacyChainIsNotSealed() {
        jdbc.update("update audit_log set user_id = 'someone-else' where seq = 2");
        assertThat(log.sealUnsignedRecords()).isNull();
        assertThat(jdbc.queryForObject("select count(*) from audit_log", Integer.class)).isEqualTo(3);
        AuditChainVerification verification = log.verify();
        assertThat(verification.intact()).isFalse();
        assertThat(verification.firstBrokenSeq()).isEqualTo(2L);
    }
}
