package jp.kenshin.outreach.fileimport;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The record of every import and its rejected rows. Written in transactions of their own, so the
 * report of a refused file survives while the file's data is rolled back.
 */
@Repository
public class ImportRuns {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;

    public ImportRuns(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public long start(ImportKind kind, int fiscalYear, String fileName, boolean acceptRejections) {
        return start(kind, FileFormat.CSV, fiscalYear, fileName, acceptRejections);
    }

    public long start(ImportKind kind, FileFormat format, int fiscalYear, String fileName, boolean acceptRejections) {
        return ownTransaction.execute(status -> jdbc.queryForObject("""
                insert into import_run (kind, file_format, fiscal_year, file_name, accept_rejections, status)
                values (?, ?, ?, ?, ?, 'RUNNING') returning id""",
                Long.class, kind.name(), format.name(), fiscalYear, fileName, acceptRejections));
    }

    /** Collects issues and writes them in batches, in a transaction of their own. */
    public IssueSink issueSink(long importId) {
        return new IssueSink(importId);
    }

    public void finish(long importId, ImportOutcome outcome) {
        ownTransaction.executeWithoutResult(status -> jdbc.update("""
                update import_run set status = ?, refusal_reason = ?, encoding = ?, sha256 = ?, rows_read = ?,
                  rows_accepted = ?, rows_rejected = ?, inserted = ?, updated = ?, unusable_phones = ?, notices = ?,
                  dropped_columns = ?, ignored_columns = ?, finished_at = now()
                where id = ?""",
                outcome.status().name(), outcome.refusalReason(), outcome.encoding(), outcome.sha256(), outcome.rowsRead(),
                outcome.rowsAccepted(), outcome.rowsRejected(), outcome.inserted(), outcome.updated(),
                outcome.unusablePhones(), outcome.notices(), String.join(",", outcome.droppedColumns()),
                String.join(",", outcome.ignoredColumns()), importId));
    }

    public Optional<ImportReport> find(long importId, int issueLimit) {
        List<ImportReport> reports = jdbc.query("select * from import_run where id = ?", (rs, n) -> {
            Timestamp finished = rs.getTimestamp("finished_at");
            return new ImportReport(rs.getLong("id"), ImportKind.valueOf(rs.getString("kind")),
                    FileFormat.valueOf(rs.getString("file_format")), rs.getInt("fiscal_year"),
                    rs.getString("file_name"), rs.getString("encoding"), rs.getString("sha256"),
                    rs.getBoolean("accept_rejections"), ImportStatus.valueOf(rs.getString("status")),
                    rs.getString("refusal_reason"), rs.getInt("rows_read"), rs.getInt("rows_accepted"),
                    rs.getInt("rows_rejected"), rs.getInt("inserted"), rs.getInt("updated"),
                    rs.getInt("unusable_phones"), rs.getInt("notices"), split(rs.getString("dropped_columns")),
                    split(rs.getString("ignored_columns")), rs.getTimestamp("started_at").toInstant(),
                    finished == null ? null : finished.toInstant(), List.of());
        }, importId);
        if (reports.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(reports.get(0).withIssues(issues(importId, 0, issueLimit)));
    }

    public List<ImportIssue> issues(long importId, int offset, int limit) {
        return jdbc.query("""
                select line, document_name, column_name, severity, reason from import_issue where import_id = ?
                order by line, severity, column_name offset ? limit ?""",
                (rs, n) -> new ImportIssue(rs.getInt("line"), rs.getString("document_name"), rs.getString("column_name"),
                        ImportIssue.Severity.valueOf(rs.getString("severity")), rs.getString("reason")),
                importId, offset, limit);
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    /** Buffers issues and flushes them in batches; counts them by severity. */
    public final class IssueSink {
        private static final int BATCH = 1000;
        private final long importId;
        private final List<ImportIssue> buffer = new ArrayList<>();
        private int rejectedRows;
        private int notices;
        private int lastRejectedLine = -1;

        IssueSink(long importId) {
            this.importId = importId;
        }

        public void add(ImportIssue issue) {
            if (issue.severity() == ImportIssue.Severity.REJECTED) {
                if (issue.line() != lastRejectedLine) {
                    rejectedRows++;
                    lastRejectedLine = issue.line();
                }
            } else {
                notices++;
            }
            buffer.add(issue);
            if (buffer.size() >= BATCH) {
                flush();
            }
        }

        public void addAll(List<ImportIssue> issues) {
            issues.forEach(this::add);
        }

        public int rejectedRows() {
            return rejectedRows;
        }

        public int notices() {
            return notices;
        }

        public void flush() {
            if (buffer.isEmpty()) {
                return;
            }
            List<Object[]> rows = buffer.stream()
                    .map(i -> new Object[] {importId, i.line(), i.document(), i.column(), i.severity().name(), i.reason()})
                    .toList();
            ownTransaction.executeWithoutResult(status -> jdbc.batchUpdate("""
                    insert into import_issue (import_id, line, document_name, column_name, severity, reason)
                    values (?, ?, ?, ?, ?, ?)""", rows));
            buffer.clear();
        }
    }
}
