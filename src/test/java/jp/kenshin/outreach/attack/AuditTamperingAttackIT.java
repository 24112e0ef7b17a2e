package jp.kenshin.outreach.attack;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import jp.kenshin.outreach.IntegrationTest;
import jp.kenshin.outreach.TestUsers;
import jp.kenshin.outreach.audit.AuditEntry;
import jp.kenshin.outreach.audit.AuditHash;
import jp.kenshin.outreach.audit.AuditLog;
import jp.kenshin.outreach.audit.AuditProperties;
import jp.kenshin.outreach.audit.VerifyAuditLogCommand;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Issue 11, the audit log: an attacker with a plain JDBC connection to the database as superuser (what
 * anyone on the machine has with the embedded PostgreSQL) switches off the append-only triggers, then
 * cuts the newest records or rewrites one and recomputes the chain with the application's own hash.
 * Verification, over HTTP for the auditor and with the command-line verifier, names what was done.
 * Each attack puts the stolen rows back afterwards; the context is dropped after the class all the same.
 */
@IntegrationTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class AuditTamperingAttackIT {

    private static final int FY = 2093;

    @Autowired
    TestRestTemplate anonymous;
    @Autowired
    IdentityService identity;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AuditLog audit;
    @Autowired
    AuditProperties auditProperties;

    @BeforeEach
    void users() {
        TestUsers.ensure(identity, "tamperoperator", "contractor-operator");
        TestUsers.ensure(identity, "tamperauditor", "auditor");
        TestUsers.ensure(identity, "tamperward", "ward-staff");
    }

    private TestRestTemplate as(String user) {
        return anonymous.withBasicAuth(user, TestUsers.password(user));
    }

    /** Some real activity: an operator asks the door for a person of a year they hold no designation for; each refusal is a record. */
    private List<Long> activity(int reads) {
        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < reads; i++) {
            ResponseEntity<String> refused = as("tamperoperator").postForEntity("/api/personal-data/CALL",
                    Map.of("fiscalYear", FY, "memberIds", List.of(100 + i), "taskId", "task-" + i), String.class);
            assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
            seqs.add(jdbc.queryForObject("select max(seq) from audit_log", Long.class));
        }
        return seqs;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> verifyOverHttp() {
        ResponseEntity<Map> verification = as("tamperauditor").getForEntity("/api/audit/verify", Map.class);
        assertThat(verification.getStatusCode()).isEqualTo(HttpStatus.OK);
        return verification.getBody();
    }

    private record CommandResult(int exit, String out) {
    }

    /** The command-line verifier, given the database, the signing key file and the anchor file. */
    private CommandResult verifyWithTheCommand() {
        HikariDataSource hikari = (HikariDataSource) dataSource;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("--signing-key-file=" + auditProperties.signingKeyFile(),
                "--anchor-file=" + auditProperties.anchorFile(), hikari.getJdbcUrl(), hikari.getUsername()));
        if (hikari.getPassword() != null) {
            args.add(hikari.getPassword());
        }
        int exit = VerifyAuditLogCommand.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CommandResult(exit, out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
    }

    /** The attacker's own connection, as superuser, with the append-only triggers switched off for it. */
    private Connection attacker() throws SQLException {
        HikariDataSource hikari = (HikariDataSource) dataSource;
        Connection connection = DriverManager.getConnection(hikari.getJdbcUrl(), hikari.getUsername(), hikari.getPassword());
        try (Statement statement = connection.createStatement()) {
            statement.execute("set session_replication_role = replica"); // triggers off for this session (superuser only)
            statement.execute("create temporary table stolen as select * from audit_log with no data");
        }
        return connection;
    }

    /** Takes the records from seq on aside (to put them back after the attack). */
    private static void setAside(Connection attacker, long fromSeq) throws SQLException {
        try (PreparedStatement statement = attacker.prepareStatement("insert into stolen select * from audit_log where seq >= ?")) {
            statement.setLong(1, fromSeq);
            statement.executeUpdate();
        }
    }

    /** Puts the records set aside back as they were. */
    private static void putBack(Connection attacker, long fromSeq) throws SQLException {
        try (PreparedStatement delete = attacker.prepareStatement("delete from audit_log where seq >= ?");
                Statement insert = attacker.createStatement()) {
            delete.setLong(1, fromSeq);
            delete.executeUpdate();
            insert.executeUpdate("insert into audit_log select * from stolen");
        }
    }

    private String anchorFile() throws Exception {
        return Files.readString(auditProperties.anchorFile(), StandardCharsets.US_ASCII);
    }

    @Test
    void cuttingTheNewestRecordsIsNamedFromTheAnchor() throws Exception {
        List<Long> seqs = activity(5);
        AuditLog.Head anchored = audit.anchorHeadIfNew("scheduled"); // what the scheduled job does every interval
        assertThat(anchored.seq()).isEqualTo(seqs.get(4));
        assertThat(anchorFile()).contains("seq=" + anchored.seq() + " hash=" + anchored.hash());
        long newest = activity(1).get(0);
        assertThat(verifyOverHttp()).containsEntry("intact", true);

        long cutFrom = seqs.get(3);
        try (Connection attacker = attacker()) {
            setAside(attacker, cutFrom);
            try (PreparedStatement cut = attacker.prepareStatement("delete from audit_log where seq >= ?")) {
                cut.setLong(1, cutFrom);
                assertThat(cut.executeUpdate()).isEqualTo(3);
            }
            // the chain that is left is intact and signed: only the anchor outside the database knows better
            Map<String, Object> verification = verifyOverHttp();
            assertThat(verification).containsEntry("intact", false);
            assertThat(((Number) verification.get("firstBrokenSeq")).longValue()).isEqualTo(cutFrom);
            String named = "記録 " + cutFrom + "〜" + anchored.seq() + " が失われています（記録 " + anchored.seq() + " は ";
            assertThat((String) verification.get("reason")).contains(named);
            String anchoredAt = anchorFile().lines().filter(l -> l.contains("seq=" + anchored.seq() + " ")).findFirst().orElseThrow()
                    .split(" ")[0].substring("at=".length());
            assertThat((String) verification.get("reason")).contains(anchoredAt + " に固定済み");

            CommandResult command = verifyWithTheCommand();
            assertThat(command.exit()).isEqualTo(1);
            assertThat(command.out()).contains(named, anchoredAt);

            putBack(attacker, cutFrom);
        }
        assertThat(jdbc.queryForObject("select max(seq) from audit_log", Long.class)).isEqualTo(newest);
        assertThat(verifyOverHttp()).containsEntry("intact", true);
    }

    @Test
    void aRecordRewrittenWithTheChainRecomputedIsNamedByItsSignature() throws Exception {
        List<Long> seqs = activity(4);
        long rewritten = seqs.get(1);
        assertThat(verifyOverHttp()).containsEntry("intact", true);
        try (Connection attacker = attacker()) {
            setAside(attacker, rewritten);
            // the attacker puts the refusal on someone else and recomputes every hash after it, as the application would
            try (PreparedStatement edit = attacker.prepareStatement("update audit_log set user_id = 'someone-else' where seq = ?")) {
                edit.setLong(1, rewritten);
                assertThat(edit.executeUpdate()).isEqualTo(1);
            }
            recomputeFrom(attacker, rewritten);
            assertThat(jdbc.queryForObject("select user_id from audit_log where seq = ?", String.class, rewritten))
                    .isEqualTo("someone-else");

            Map<String, Object> verification = verifyOverHttp();
            assertThat(verification).containsEntry("intact", false);
            assertThat(((Number) verification.get("firstBrokenSeq")).longValue()).isEqualTo(rewritten);
            assertThat((String) verification.get("reason")).contains("記録 " + rewritten + " の署名が一致しません");
            CommandResult command = verifyWithTheCommand();
            assertThat(command.exit()).isEqualTo(1);
            assertThat(command.out()).contains("最初の問題は記録 " + rewritten, "記録 " + rewritten + " の署名が一致しません");

            // dropping the signatures instead does not help either
            try (Statement strip = attacker.createStatement()) {
                strip.executeUpdate("update audit_log set signature = null where seq >= " + rewritten);
            }
            verification = verifyOverHttp();
            assertThat(verification).containsEntry("intact", false);
            assertThat((String) verification.get("reason")).contains("記録 " + rewritten + " に署名がありません");

            putBack(attacker, rewritten);
        }
        assertThat(verifyOverHttp()).containsEntry("intact", true);
    }

    /** What the attacker runs: every hash from seq on recomputed with the application's own AuditHash. */
    private void recomputeFrom(Connection attacker, long fromSeq) throws SQLException {
        String prev = jdbc.queryForObject("select hash from audit_log where seq < ? order by seq desc limit 1", String.class, fromSeq);
        List<AuditEntry> entries = audit.read(fromSeq - 1, Integer.MAX_VALUE);
        try (PreparedStatement update = attacker.prepareStatement("update audit_log set prev_hash = ?, hash = ? where seq = ?")) {
            for (AuditEntry e : entries) {
                String hash = AuditHash.of(e, prev);
                update.setString(1, prev);
                update.setString(2, hash);
                update.setLong(3, e.seq());
                update.executeUpdate();
                prev = hash;
            }
        }
    }

    @Test
    void anUntouchedLogVerifiesIntactOverHttpAndWithTheCommand() {
        List<Long> seqs = activity(2);
        audit.anchorHeadIfNew("scheduled");
        Map<String, Object> verification = verifyOverHttp();
        assertThat(verification).containsEntry("intact", true);
        assertThat(((Number) verification.get("headSeq")).longValue()).isEqualTo(seqs.get(1));
        assertThat(((Number) verification.get("anchorsChecked")).intValue()).isPositive();
        assertThat(((Number) verification.get("records")).longValue())
                .isEqualTo(jdbc.queryForObject("select count(*) from audit_log", Long.class));
        assertThat(jdbc.queryForObject("select count(*) from audit_log where signature is null", Long.class)).isZero();
        CommandResult command = verifyWithTheCommand();
        assertThat(command.exit()).as(command.out()).isZero();
        assertThat(command.out()).contains("改ざんされていません", "最新は記録 " + seqs.get(1));
    }

    @Test
    void aTenMegabyteReasonOrSummaryIsRefusedWith400AndNothingIsKept() {
        long records = jdbc.queryForObject("select count(*) from audit_log", Long.class);
        long incidents = jdbc.queryForObject("select count(*) from incident", Long.class);
        String huge = "x".repeat(10 * 1024 * 1024);

        long started = System.nanoTime();
        ResponseEntity<Map> reason = as("tamperward").postForEntity("/api/personal-data/NOTICE",
                Map.of("fiscalYear", FY, "memberIds", List.of(1), "reason", huge), Map.class);
        assertThat(reason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) reason.getBody().get("message")).contains("reason").doesNotContain("xxxx");
        ResponseEntity<Map> summary = as("tamperward").postForEntity("/api/incidents", Map.of("fiscalYear", FY, "category", "紛失",
                "occurredOn", FY + "-07-01", "affectedCount", 0, "summary", huge), Map.class);
        assertThat(summary.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) summary.getBody().get("message")).contains("summary").doesNotContain("xxxx");
        assertThat((System.nanoTime() - started) / 1_000_000).as("ms for both").isLessThan(5_000);

        assertThat(jdbc.queryForObject("select count(*) from audit_log", Long.class)).isEqualTo(records);
        assertThat(jdbc.queryForObject("select count(*) from incident", Long.class)).isEqualTo(incidents);
        assertThat(jdbc.queryForObject("select coalesce(max(length(detail)), 0) from audit_log", Integer.class))
                .isLessThanOrEqualTo(AuditLog.MAX_DETAIL);
    }

    @Test
    void theComplianceReportPrintsTheHeadItCitesAndAnchorsIt() throws Exception {
        activity(1);
        AuditLog.Head head = audit.head();
        ResponseEntity<byte[]> pdf = as("tamperauditor").getForEntity("/api/deletions/" + FY + "/compliance-report.pdf", byte[].class);
        assertThat(pdf.getStatusCode()).isEqualTo(HttpStatus.OK);
        String text;
        try (var document = Loader.loadPDF(pdf.getBody())) {
            text = new PDFTextStripper().getText(document).replaceAll("\\s+", "");
        }
        assertThat(text).contains("最新記録" + head.seq() + "、ハッシュ" + head.hash(), "改ざん・欠落なし");
        assertThat(audit.head()).as("the report appends nothing").isEqualTo(head);
        assertThat(anchorFile().lines().filter(line -> line.contains(" seq=" + head.seq() + " hash=" + head.hash() + " ")
                && line.contains(" reason=compliance-report-" + FY + " "))).hasSize(1);
    }
}
