package jp.kenshin.outreach.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit log of accesses to personal data. It only appends (the database refuses UPDATE, DELETE
 * and TRUNCATE on it): each record is committed in a transaction of its own, so a refusal is on
 * record even when the caller's work rolls back, and carries the hash of its content and of the
 * record before it, and a signature over that hash with a key the database does not hold
 * ({@link AuditSigningKey}). The head is anchored outside the database ({@link AuditAnchors}) at an
 * interval and by every document that cites it, so that verification names records cut off the end.
 */
@Component
public class AuditLog {

    /** The action of the signed record that seals the records written before signing was introduced. */
    public static final String LEGACY_SEAL = AuditAction.LEGACY_SEAL.stored();

    /** The cap on the free text of a record ({@code detail}): a reason, not a document. */
    public static final int MAX_DETAIL = 500;
    /** Members one record names at most; {@link #appendInParts} splits a larger access into several records. */
    public static final int MAX_MEMBER_IDS = 100_000;

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    private static final long CHAIN_LOCK = 0x6175646974L; // "audit": one writer at a time keeps the chain linear

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate ownTransaction;
    private final AuditSigningKey key;
    private final AuditAnchors anchors;
    private final Clock clock;
    private volatile Long lastAnchoredSeq;

    public AuditLog(JdbcTemplate jdbc, DataSource dataSource, PlatformTransactionManager transactionManager,
            AuditSigningKey key, AuditProperties properties, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.key = key;
        this.anchors = new AuditAnchors(properties.anchorFile(), key, clock);
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * What is recorded: who did what, to which data, in which work, with what outcome, and for an export its file;
     * seq, time, hashes and signature are added here.
     */
    public record Access(Who who, AuditAction action, Subject subject, Context context, Outcome outcome, Export export) {

        public Access {
            java.util.Objects.requireNonNull(who, "who");
            java.util.Objects.requireNonNull(action, "action");
            subject = subject == null ? Subject.NONE : subject;
            context = context == null ? Context.NONE : context;
            java.util.Objects.requireNonNull(outcome, "outcome");
            export = export == null ? Export.NONE : export;
        }

        /** Refuses a field over its cap (IllegalArgumentException naming the field, never echoing it). */
        public void checkLengths() {
            requireLength("userId", who.userId(), 64);
            requireLength("userGroups", who.groups(), 1000);
            requireLength("purpose", subject.purpose(), 20);
            requireLength("fields", subject.fields(), 2000);
            requireLength("taskId", context.taskId(), 64);
            requireLength("processInstanceId", context.processInstanceId(), 64);
            requireLength("detail", outcome.detail(), MAX_DETAIL);
            requireLength("exportSha256", export.sha256(), 64);
            if (subject.memberIds().size() > MAX_MEMBER_IDS) {
                throw new IllegalArgumentException("監査記録の memberIds は 100,000 件までです");
            }
        }
    }

    /** Who acted: a user id (or {@code system:…}) and their groups, comma-separated. */
    public record Who(String userId, String groups) {
        public static Who system(String userId) {
            return new Who(userId, "");
        }
    }

    /** Which data: the purpose (or none), the fiscal year, the members' ids and the fields' labels, comma-separated. */
    public record Subject(String purpose, Integer fiscalYear, List<Long> memberIds, String fields) {
        public static final Subject NONE = new Subject(null, null, List.of(), "");

        public Subject {
            memberIds = memberIds == null ? List.of() : memberIds;
        }

        public static Subject ofYear(int fiscalYear) {
            return new Subject(null, fiscalYear, List.of(), "");
        }
    }

    /** In which work: the engine's task and process instance, either may be absent. */
    public record Context(String taskId, String processInstanceId) {
        public static final Context NONE = new Context(null, null);
    }

    /** Allowed or refused, with the reason (a refusal's) or the stated purpose of the work (an allowed access's). */
    public record Outcome(boolean allowed, String detail) {
        public static Outcome allowed(String detail) {
            return new Outcome(true, detail);
        }

        public static Outcome refused(String reason) {
            return new Outcome(false, reason);
        }
    }

    /** A file handed over: how many persons, and its SHA-256. */
    public record Export(Integer count, String sha256) {
        public static final Export NONE = new Export(null, null);
    }

    /** The newest record as it is anchored: seq, hash, signature and time. */
    public record Head(long seq, String hash, String signature, Instant at) {
    }

    /**
     * Refuses a free text over its cap before anything is written: an IllegalArgumentException that names
     * the field and the cap (the API answers 400), never the value.
     */
    public static void requireLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new IllegalArgumentException(field + " は " + max + " 文字までです（" + value.length() + " 文字）");
        }
    }

    /**
     * Appends one record in a transaction of its own. A free field over its cap is refused before anything
     * is written (IllegalArgumentException naming the field) - except the detail of a refusal, which is
     * the door's own text: a refusal must always be on record, so its detail is cut to the cap instead.
     */
    public AuditEntry append(Access access) {
        Access checked = access;
        String detail = access.outcome().detail();
        if (!access.outcome().allowed() && detail != null && detail.length() > MAX_DETAIL) {
            String note = "…（以下略、全 " + detail.length() + " 文字）";
            checked = new Access(access.who(), access.action(), access.subject(), access.context(),
                    Outcome.refused(detail.substring(0, MAX_DETAIL - note.length()) + note), access.export());
        }
        checked.checkLengths();
        Access toAppend = checked;
        return ownTransaction.execute(status -> {
            lockChain();
            return appendLocked(toAppend);
        });
    }

    /**
     * Appends an access that may name more members than one record holds (a whole year's members, read by the
     * system for a holdout draw or a deletion scan): one record per {@value #MAX_MEMBER_IDS} members, all in one
     * transaction, each detail ending with its part ("（記録 2/3）"). An access within the cap is one record, as
     * with {@link #append}. Only for allowed accesses without an export (an export's count must not be repeated).
     */
    public List<AuditEntry> appendInParts(Access access) {
        List<Long> ids = access.subject().memberIds();
        if (ids.size() <= MAX_MEMBER_IDS) {
            return List.of(append(access));
        }
        if (!access.outcome().allowed() || access.export().count() != null) {
            throw new IllegalArgumentException("分割して記録できるのは出力を伴わない許可済みのアクセスだけです");
        }
        int parts = (ids.size() + MAX_MEMBER_IDS - 1) / MAX_MEMBER_IDS;
        List<Access> checked = new ArrayList<>(parts);
        for (int part = 0; part < parts; part++) {
            List<Long> slice = ids.subList(part * MAX_MEMBER_IDS, Math.min(ids.size(), (part + 1) * MAX_MEMBER_IDS));
            String suffix = "（記録 " + (part + 1) + "/" + parts + "）";
            String base = access.outcome().detail() == null ? "" : access.outcome().detail();
            String detail = (base.length() + suffix.length() > MAX_DETAIL ? base.substring(0, MAX_DETAIL - suffix.length()) : base)
                    + suffix;
            Subject subject = access.subject();
            Access one = new Access(access.who(), access.action(),
                    new Subject(subject.purpose(), subject.fiscalYear(), List.copyOf(slice), subject.fields()),
                    access.context(), Outcome.allowed(detail), access.export());
            one.checkLengths();
            checked.add(one);
        }
        return ownTransaction.execute(status -> {
            lockChain();
            List<AuditEntry> entries = new ArrayList<>(parts);
            for (Access one : checked) {
                entries.add(appendLocked(one));
            }
            return entries;
        });
    }

    private void lockChain() {
        jdbc.queryForList("select pg_advisory_xact_lock(?)", CHAIN_LOCK);
    }

    /** Appends one signed record; the caller's transaction holds the chain lock. */
    private AuditEntry appendLocked(Access access) {
        List<String> last = jdbc.queryForList("select hash from audit_log order by seq desc limit 1", String.class);
        String prev = last.isEmpty() ? AuditHash.GENESIS : last.get(0);
        long seq = jdbc.queryForObject("select nextval('audit_log_seq_seq')", Long.class);
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        AuditEntry draft = new AuditEntry(seq, at, access.who().userId(), access.who().groups(), access.action().stored(),
                access.subject().purpose(), access.subject().fiscalYear(), List.copyOf(access.subject().memberIds()),
                access.subject().fields(), access.context().taskId(), access.context().processInstanceId(),
                access.outcome().allowed() ? "ALLOWED" : "REFUSED", access.outcome().detail(),
                access.export().count(), access.export().sha256(), prev, null);
        String hash = AuditHash.of(draft, prev);
        String signature = key.signRecord(seq, hash);
        jdbc.update(connection -> {
            var ps = connection.prepareStatement("""
                    insert into audit_log (seq, at, user_id, user_groups, action, purpose, fiscal_year, member_ids, fields,
                      task_id, process_instance_id, outcome, detail, export_count, export_sha256, prev_hash, hash, signature)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
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
            ps.setString(18, signature);
            return ps;
        });
        return new AuditEntry(seq, at, draft.userId(), draft.userGroups(), draft.action(), draft.purpose(),
                draft.fiscalYear(), draft.memberIds(), draft.fields(), draft.taskId(), draft.processInstanceId(),
                draft.outcome(), draft.detail(), draft.exportCount(), draft.exportSha256(), prev, hash);
    }

    public List<AuditEntry> read(long afterSeq, int limit) {
        return jdbc.query("select * from audit_log where seq > ? order by seq limit ?",
                (rs, n) -> AuditChainWalker.read(rs), afterSeq, limit);
    }

    /**
     * The newest records first, optionally of one action and one user, older than {@code beforeSeq} when given (the
     * next page): the auditors' page.
     */
    public List<AuditEntry> latest(AuditAction action, String userId, Long beforeSeq, int limit) {
        return jdbc.query("select * from audit_log where (?::varchar is null or action = ?) and (?::varchar is null or user_id = ?)"
                + " and (?::bigint is null or seq < ?) order by seq desc limit ?", (rs, n) -> AuditChainWalker.read(rs),
                action == null ? null : action.stored(), action == null ? null : action.stored(), userId, userId, beforeSeq, beforeSeq,
                limit);
    }

    /** How many records there are of one action and one user (either or both may be null: all). */
    public long count(AuditAction action, String userId) {
        return jdbc.queryForObject("select count(*) from audit_log where (?::varchar is null or action = ?)"
                + " and (?::varchar is null or user_id = ?)", Long.class,
                action == null ? null : action.stored(), action == null ? null : action.stored(), userId, userId);
    }

    /** The newest record, or null while the log is empty. */
    public Head head() {
        List<Head> head = jdbc.query("select seq, hash, signature, at from audit_log order by seq desc limit 1",
                (rs, n) -> new Head(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant()));
        return head.isEmpty() ? null : head.get(0);
    }

    /**
     * Anchors the newest record in the file outside the database and returns it (null while the log is
     * empty). {@code reason} is a short token: scheduled, startup, certificate-2026, compliance-report-2026.
     */
    public Head anchorHead(String reason) {
        Head head = head();
        if (head == null || head.signature() == null) {
            return head;
        }
        anchors.append(head.seq(), head.hash(), head.signature(), reason);
        lastAnchoredSeq = head.seq();
        return head;
    }

    /**
     * The head a document cites (a deletion certificate, a compliance report), anchored at this moment. A
     * document is not refused when the anchor file cannot be written (a deletion has destroyed its key by
     * then): the failure is logged and the next scheduled anchor covers the head.
     */
    public Head citeHead(String reason) {
        try {
            return anchorHead(reason);
        } catch (java.io.UncheckedIOException e) {
            log.error("Cannot anchor the audit log's head for {} ({}): the next scheduled anchor covers it", reason,
                    e.getCause() == null ? e.getClass().getSimpleName() : e.getCause().getClass().getSimpleName());
            return head();
        }
    }

    /**
     * Anchors the head unless it is anchored last already, by this node or by another node that shares the anchor
     * file (the scheduled anchor, which every node runs): each head is anchored once.
     */
    public Head anchorHeadIfNew(String reason) {
        Head head = head();
        if (head == null || head.signature() == null || Long.valueOf(head.seq()).equals(lastAnchoredSeq)) {
            return head;
        }
        anchors.appendIfNew(head.seq(), head.hash(), head.signature(), reason);
        lastAnchoredSeq = head.seq();
        return head;
    }

    /**
     * Records written before signing was introduced (an older database) carry no signature. When their
     * hash chain is intact, one signed {@value #LEGACY_SEAL} record is appended after them: its signature
     * covers their chain, so from then on they cannot be rewritten unnoticed either. A broken legacy
     * chain is not sealed (verification keeps naming it). Returns the seq of the last sealed record, if any.
     */
    public Long sealUnsignedRecords() {
        return ownTransaction.execute(status -> {
            lockChain();
            Long unsigned = jdbc.queryForObject("select max(seq) from audit_log where signature is null", Long.class);
            if (unsigned == null || Boolean.TRUE.equals(jdbc.queryForObject(
                    "select exists (select 1 from audit_log where action = ?)", Boolean.class, LEGACY_SEAL))) {
                return null;
            }
            Long signed = jdbc.queryForObject("select min(seq) from audit_log where signature is not null", Long.class);
            if (signed != null && signed < unsigned) {
                log.error("The audit log has unsigned records after signed ones (up to seq {}): not sealed, verification names them",
                        unsigned);
                return null;
            }
            String[] prev = {AuditHash.GENESIS};
            long[] count = {0};
            Long[] first = {null};
            Long[] broken = {null};
            jdbc.query("select * from audit_log where seq <= ? order by seq", rs -> {
                AuditEntry entry = AuditChainWalker.read(rs);
                if (broken[0] == null && (!entry.prevHash().equals(prev[0]) || !AuditHash.of(entry, prev[0]).equals(entry.hash()))) {
                    broken[0] = entry.seq();
                }
                first[0] = first[0] == null ? entry.seq() : first[0];
                prev[0] = entry.hash();
                count[0]++;
            }, unsigned);
            if (broken[0] != null) {
                log.error("The unsigned audit records are not intact at seq {}: not sealed, verification names it", broken[0]);
                return null;
            }
            appendLocked(new Access(Who.system("system"), AuditAction.LEGACY_SEAL, Subject.NONE, Context.NONE, Outcome.allowed(
                    "署名導入前の記録 " + count[0] + " 件（記録 " + first[0] + "〜" + unsigned + "、最後のハッシュ " + prev[0]
                            + "）を、連鎖が保たれていることを確かめて封印"), Export.NONE));
            log.warn("Sealed {} audit records written before signing (up to seq {})", count[0], unsigned);
            return unsigned;
        });
    }

    /** Walks the whole chain, checks every signature and the anchors outside the database, and names what fails. */
    public AuditChainVerification verify() {
        AuditAnchors.Read anchored = anchors.read();
        try (Connection connection = dataSource.getConnection()) {
            return AuditChainWalker.walk(connection, key, anchored);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the audit log (SQL state " + e.getSQLState() + ")", e);
        }
    }
}
