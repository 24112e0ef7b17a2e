package jp.kenshin.outreach.members;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import jp.kenshin.outreach.fileimport.CsvImportFile;
import jp.kenshin.outreach.fileimport.ImportIssue;
import jp.kenshin.outreach.fileimport.ImportKind;
import jp.kenshin.outreach.fileimport.ImportOutcome;
import jp.kenshin.outreach.fileimport.FileImports;
import jp.kenshin.outreach.fileimport.ImportTally;
import jp.kenshin.outreach.fileimport.ImportReport;
import jp.kenshin.outreach.fileimport.ImportRuns;
import jp.kenshin.outreach.fileimport.ImportStatus;
import jp.kenshin.outreach.infrastructure.BinaryCopyWriter;
import jp.kenshin.outreach.privacy.PersonalCipher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;

/**
 * Imports an extract of the ward's NHI members for one fiscal year (members.md).
 *
 * <p>The file is streamed: rows are checked, their personal fields sealed under the year's key,
 * and written with a binary COPY into a temporary table; duplicates of 整理番号 are found by the
 * database; then the people are inserted or updated by 整理番号 in one statement. All of it is one
 * transaction: a file with rejected rows is refused whole (nothing stays) unless the caller accepts
 * it with its rejections. The import's record and its rejected rows are kept either way.
 */
@Service
public class MembersImportService {


    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final FileImports fileImports;
    private final PersonalCipher cipher;
    private final MemberRowParser parser;

    public MembersImportService(DataSource dataSource, JdbcTemplate jdbc, FileImports fileImports, PersonalCipher cipher,
            PhoneProperties phone) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.fileImports = fileImports;
        this.cipher = cipher;
        this.parser = new MemberRowParser(new PhoneNumbers(phone.missingZeroAreaCodes()));
    }

    public ImportReport importMembers(int fiscalYear, InputStream in, String fileName, String encodingName,
            boolean acceptRejections) {
        return fileImports.run(ImportKind.MEMBERS, fiscalYear, fileName, encodingName, acceptRejections,
                (importId, encoding, issues, tally) -> load(fiscalYear, importId, in, encoding, acceptRejections, issues, tally));
    }

    private ImportOutcome load(int fiscalYear, long importId, InputStream in, Charset encoding, boolean acceptRejections,
            ImportRuns.IssueSink issues, ImportTally counts) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        // One import of a year at a time; the first of a year may go straight into the table.
        jdbc.queryForList("select pg_advisory_xact_lock(?, ?)", LOCK_NAMESPACE, fiscalYear);
        boolean firstOfYear = !Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from member where fiscal_year = ?)", Boolean.class, fiscalYear));
        Path spill = createSpillFile();
        try {
            DirectLoad direct = firstOfYear ? new DirectLoad(connection, fiscalYear, importId) : null;
            boolean directDone;
            try (DirectLoad closedOnFailure = direct;
                    CsvImportFile file = CsvImportFile.open(in, encoding, MemberColumns.COLUMN_SET);
                    BinaryCopyWriter staged = new BinaryCopyWriter(Files.newOutputStream(spill))) {
                counts.encoding = file.encoding().name();
                counts.dropped = file.droppedColumns();
                counts.ignored = file.unknownColumns();
                for (CsvImportFile.Row source : file) {
                    counts.read++;
                    MemberRowParser.Parsed parsed = parser.parse(source);
                    if (!parsed.accepted()) {
                        issues.addAll(parsed.issues());
                        continue;
                    }
                    MemberRow row = parsed.row();
                    if (row.phoneRecorded() && !row.phoneUsable()) {
                        counts.unusablePhones++;
                    }
                    SealedMember sealed = seal(fiscalYear, row);
                    writeColumns(staged.startRow(12).int4(row.line()), sealed);
                    if (direct != null) {
                        direct.write(sealed);
                    }
                }
                staged.finish();
                counts.sha256 = file.sha256();
                directDone = direct != null && direct.finish();
            }
            if (directDone) {
                // No 整理番号 twice: the rows are in, without a second pass.
                if (issues.rejectedRows() > 0 && !acceptRejections) {
                    return counts.refusedForRejections(issues);
                }
                counts.inserted = (int) direct.rows();
                counts.accepted = counts.inserted;
                return counts.outcome(ImportStatus.COMMITTED, null, issues);
            }
            if (direct != null) {
                direct.undo();
            }
            jdbc.execute("""
                    create temporary table member_stage (
                      line integer, person_no varchar(15), sex smallint, age_at_fy_end smallint, qualified_from date,
                      qualified_until date, special_address boolean, away_code smallint, phone_usable boolean,
                      has_ticket boolean, ticket_index bytea, personal bytea) on commit drop""");
            try (InputStream rows = Files.newInputStream(spill)) {
                BinaryCopyWriter.copyIn(connection, "copy member_stage from stdin (format binary)", rows);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(spill);
        }
        // A second row with the same 整理番号 is rejected, naming the line of the first.
        List<ImportIssue> duplicates = jdbc.query("""
                select line, first_line from (
                  select line, min(line) over (partition by person_no) as first_line from member_stage) s
                where line <> first_line order by line""",
                (rs, n) -> ImportIssue.rejected(rs.getInt("line"), MemberColumns.PERSON_NO,
                        "同じ整理番号が" + rs.getInt("first_line") + "行目にもあります"));
        issues.addAll(duplicates);
        if (issues.rejectedRows() > 0 && !acceptRejections) {
            return counts.refusedForRejections(issues);
        }
        if (!duplicates.isEmpty()) {
            jdbc.update("""
                    delete from member_stage s using (
                      select line, min(line) over (partition by person_no) as first_line from member_stage) d
                    where s.line = d.line and d.line <> d.first_line""");
        }
        Map<String, Object> upsert = jdbc.queryForMap("""
                with upserted as (
                  insert into member (fiscal_year, person_no, sex, age_at_fy_end, qualified_from, qualified_until,
                    special_address, away_code, phone_usable, has_ticket, ticket_index, personal, import_id)
                  select ?, person_no, sex, age_at_fy_end, qualified_from, qualified_until, special_address, away_code,
                    phone_usable, has_ticket, ticket_index, personal, ? from member_stage
                  on conflict (fiscal_year, person_no) do update set
                    sex = excluded.sex, age_at_fy_end = excluded.age_at_fy_end,
                    qualified_from = excluded.qualified_from, qualified_until = excluded.qualified_until,
                    special_address = excluded.special_address, away_code = excluded.away_code,
                    phone_usable = excluded.phone_usable, has_ticket = excluded.has_ticket,
                    ticket_index = excluded.ticket_index, personal = excluded.personal, import_id = excluded.import_id
                  returning (xmax = 0) as inserted)
                select count(*) filter (where inserted) as inserted, count(*) filter (where not inserted) as updated
                from upserted""", fiscalYear, importId);
        counts.inserted = ((Number) upsert.get("inserted")).intValue();
        counts.updated = ((Number) upsert.get("updated")).intValue();
        counts.accepted = counts.inserted + counts.updated;
        return counts.outcome(ImportStatus.COMMITTED, null, issues);
    }

    private static final int LOCK_NAMESPACE = 0x6b656e73; // "kens": advisory locks of the members import

    /** The columns of a member row as stored: clear facts for selection, the ticket's blind index, the sealed record. */
    private record SealedMember(MemberRow row, int age, byte[] ticketIndex, byte[] personal) {
    }

    private SealedMember seal(int fiscalYear, MemberRow row) {
        return new SealedMember(row, MemberRow.ageAtFiscalYearEnd(row.birthDate(), fiscalYear),
                row.ticketNumber() == null ? null : cipher.blindIndex(fiscalYear, "ticket", row.ticketNumber()),
                cipher.seal(fiscalYear, binding(fiscalYear, row.personNo()), row.personal()));
    }

    /** The eleven columns shared by the stage table and the member table, in their order. */
    private static BinaryCopyWriter writeColumns(BinaryCopyWriter copy, SealedMember m) {
        MemberRow row = m.row();
        return copy.text(row.personNo())
                .int2(row.sex())
                .int2(m.age())
                .date(row.qualifiedFrom())
                .date(row.qualifiedUntil())
                .bool(row.specialAddress())
                .int2(row.awayCode())
                .bool(row.phoneUsable())
                .bool(row.ticketNumber() != null)
                .bytes(m.ticketIndex())
                .bytes(m.personal());
    }

    /**
     * The first extract of a fiscal year goes straight into {@code member} with one COPY, under a
     * savepoint. A 整理番号 twice makes the unique constraint refuse it; then the savepoint is rolled
     * back and the rows take the staged path, which names the duplicate lines.
     */
    private static final class DirectLoad implements AutoCloseable {
        private final Connection connection;
        private final Savepoint savepoint;
        private final BinaryCopyWriter copy;
        private final int fiscalYear;
        private final long importId;
        private boolean failed;
        private long rows;

        DirectLoad(Connection connection, int fiscalYear, long importId) {
            this.connection = connection;
            this.fiscalYear = fiscalYear;
            this.importId = importId;
            try {
                this.savepoint = connection.setSavepoint();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            this.copy = new BinaryCopyWriter(connection, """
                    copy member (fiscal_year, person_no, sex, age_at_fy_end, qualified_from, qualified_until, special_address,
                      away_code, phone_usable, has_ticket, ticket_index, personal, import_id) from stdin (format binary)""");
        }

        void write(SealedMember member) {
            if (failed) {
                return;
            }
            try {
                writeColumns(copy.startRow(13).int4(fiscalYear), member).int8(importId);
            } catch (UncheckedIOException e) {
                failed = true; // the server stopped the COPY (a duplicate); finish() says so
            }
        }

        /** True when every row went in. */
        boolean finish() {
            try {
                if (!failed) {
                    rows = copy.finish();
                    return true;
                }
            } catch (BinaryCopyWriter.CopyFailedException e) {
                if (!"23505".equals(e.sqlState())) {
                    throw e;
                }
            } catch (UncheckedIOException e) {
                // the server had already stopped the COPY
            }
            failed = true;
            copy.close();
            return false;
        }

        long rows() {
            return rows;
        }

        /** Cancels the COPY if the file failed half-way, so the transaction can roll back. */
        @Override
        public void close() {
            copy.close();
        }

        void undo() {
            try {
                connection.rollback(savepoint);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static Path createSpillFile() {
        try {
            Path file = Files.createTempFile("members-import", ".copy");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file; its personal fields are sealed
        }
    }

    /** What a member's sealed record is bound to: the fiscal year and the ward's person number. */
    public static String binding(int fiscalYear, String personNo) {
        return "member:" + fiscalYear + ":" + personNo;
    }
}
