package jp.kenshin.outreach.members;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import jp.kenshin.outreach.fileimport.CsvImportFile;
import jp.kenshin.outreach.fileimport.ImportIssue;
import jp.kenshin.outreach.fileimport.ImportKind;
import jp.kenshin.outreach.fileimport.ImportOutcome;
import jp.kenshin.outreach.fileimport.FileImports;
import jp.kenshin.outreach.fileimport.ImportTally;
import jp.kenshin.outreach.fileimport.ParallelRows;
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
 * <p>The file is streamed: a reading thread decodes, parses and checks the rows; this thread seals
 * each accepted row's personal fields under the year's key and writes it with a binary COPY. The
 * first extract of a year goes straight into {@code member}, and the year's unique index of 整理番号
 * is built after it (V33, ADR 0013); a later one is staged and then updates people by 整理番号 and
 * adds the new ones. A second row with the same 整理番号 is rejected, naming the first line. All of
 * it is one transaction: a file with rejected rows is refused whole (nothing stays) unless the
 * caller accepts it with its rejections.
 * The import's record and its rejected rows are kept either way.
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
        // One import of a year at a time.
        jdbc.queryForList("select pg_advisory_xact_lock(?, ?)", LOCK_NAMESPACE, fiscalYear);
        String personIndex = personIndexName(fiscalYear);
        boolean indexed = Boolean.TRUE.equals(jdbc.queryForObject("select to_regclass(?) is not null", Boolean.class, personIndex));
        // A year's first extract goes straight into member, and the year's unique index of 整理番号 is built after it with
        // one sort: kept up row by row, its random keys cost more than the rows (V33). A later extract (or a year whose
        // index is there, left by a deleted year) is staged, then updates people by 整理番号 and adds the new ones.
        boolean direct = !indexed && !Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from member where fiscal_year = ?)", Boolean.class, fiscalYear));
        String target;
        long copied;
        if (direct) {
            // Building an index waits for every open writer of member, and holds writers off until commit: two such
            // imports of two years would wait for each other. They take their turns.
            jdbc.queryForList("select pg_advisory_xact_lock(?, ?)", LOCK_NAMESPACE, INDEX_BUILD_LOCK);
            target = "member";
        } else {
            jdbc.execute("create temporary table member_stage (like member including defaults) on commit drop");
            target = "member_stage";
        }
        try (CsvImportFile file = CsvImportFile.open(in, encoding, MemberColumns.COLUMN_SET);
                BinaryCopyWriter copy = new BinaryCopyWriter(connection, "copy " + target + " (" + COPY_COLUMNS
                        + ") from stdin (format binary)");
                ParallelRows<MemberRowParser.Parsed> rows = new ParallelRows<>(file, parser::parse, 1000)) {
            counts.encoding = file.encoding().name();
            counts.dropped = file.droppedColumns();
            counts.ignored = file.unknownColumns();
            for (List<MemberRowParser.Parsed> batch = rows.next(); batch != null; batch = rows.next()) {
                PersonalCipher.Year keys = cipher.year(fiscalYear); // looked up once a batch, not once a value
                for (MemberRowParser.Parsed parsed : batch) {
                    counts.read++;
                    if (!parsed.accepted()) {
                        issues.addAll(parsed.issues());
                        continue;
                    }
                    MemberRow row = parsed.row();
                    if (row.phoneRecorded() && !row.phoneUsable()) {
                        counts.unusablePhones++;
                    }
                    write(copy, fiscalYear, importId, seal(keys, row));
                }
            }
            copied = copy.finish();
            counts.sha256 = file.sha256();
        }
        if (direct) {
            // Building the unique index checks for a 整理番号 twice; only when it fails are the duplicate lines looked for.
            if (!buildPersonIndex(connection, fiscalYear)) {
                copied -= rejectDuplicates(target, fiscalYear, importId, issues);
                jdbc.execute(createPersonIndex(fiscalYear));
            }
        } else {
            rejectDuplicates(target, fiscalYear, importId, issues);
        }
        if (issues.rejectedRows() > 0 && !acceptRejections) {
            return counts.refusedForRejections(issues);
        }
        if (direct) {
            counts.inserted = (int) copied;
        } else {
            // the year as a literal: the planner uses the year's partial index only for a year it can see
            counts.updated = jdbc.update("""
                    update member m set sex = s.sex, age_at_fy_end = s.age_at_fy_end, qualified_from = s.qualified_from,
                      qualified_until = s.qualified_until, special_address = s.special_address, away_code = s.away_code,
                      phone_usable = s.phone_usable, has_ticket = s.has_ticket, ticket_index = s.ticket_index,
                      personal = s.personal, import_id = s.import_id, source_line = s.source_line
                    from member_stage s where m.fiscal_year = %d and m.person_index = s.person_index""".formatted(fiscalYear));
            counts.inserted = jdbc.update("insert into member (" + COPY_COLUMNS + ") select " + COPY_COLUMNS
                    + " from member_stage s where not exists"
                    + " (select 1 from member m where m.fiscal_year = " + fiscalYear + " and m.person_index = s.person_index)");
            if (!indexed) {
                jdbc.execute(createPersonIndex(fiscalYear)); // a year with members but no index: only if one was dropped by hand
            }
        }
        counts.accepted = counts.inserted + counts.updated;
        // fresh statistics with the new rows, committed with them: a selection and the opening of call cases may follow
        // at once, and planned for the table autovacuum last saw (empty) the cases' anti-joins became nested loops over
        // every member (a 200,000-member year's cases were still opening after 4 minutes)
        jdbc.execute("analyze member");
        return counts.outcome(ImportStatus.COMMITTED, null, issues);
    }

    /**
     * A second row with the same 整理番号 is rejected, naming the line of the first, and removed. Checked
     * on the rows this import wrote (the year's rows for a first extract, else the stage).
     */
    private int rejectDuplicates(String table, int fiscalYear, long importId, ImportRuns.IssueSink issues) {
        String duplicates = """
                select id, source_line, first_line from (
                  select id, source_line, min(source_line) over (partition by person_index) as first_line from %s
                  where fiscal_year = ? and import_id = ?) d
                where source_line <> first_line""".formatted(table);
        List<Long> ids = new ArrayList<>();
        jdbc.query(duplicates + " order by source_line", rs -> {
            ids.add(rs.getLong("id"));
            issues.add(ImportIssue.rejected(rs.getInt("source_line"), MemberColumns.PERSON_NO,
                    "同じ整理番号が" + rs.getInt("first_line") + "行目にもあります"));
        }, fiscalYear, importId);
        if (!ids.isEmpty()) {
            jdbc.update("delete from " + table + " where id = any (?)",
                    ps -> ps.setArray(1, ps.getConnection().createArrayOf("bigint", ids.toArray())));
        }
        return ids.size();
    }

    /** The name of a year's unique index of 整理番号 (V33), quoted. */
    static String personIndexName(int fiscalYear) {
        return "\"member_person_" + fiscalYear + "\"";
    }

    private static String createPersonIndex(int fiscalYear) {
        return "create unique index " + personIndexName(fiscalYear) + " on member (person_index) where fiscal_year = " + fiscalYear;
    }

    /** Builds the year's unique index of 整理番号 under a savepoint: false, and no index, when a 整理番号 is there twice. */
    private boolean buildPersonIndex(Connection connection, int fiscalYear) {
        try {
            Savepoint savepoint = connection.setSavepoint();
            try (Statement statement = connection.createStatement()) {
                statement.execute(createPersonIndex(fiscalYear));
                connection.releaseSavepoint(savepoint);
                return true;
            } catch (SQLException e) {
                if (!"23505".equals(e.getSQLState())) {
                    throw e;
                }
                connection.rollback(savepoint);
                return false;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Building the index of 整理番号 failed (SQL state " + e.getSQLState() + ")", e);
        }
    }

    private static final int LOCK_NAMESPACE = 0x6b656e73; // "kens": advisory locks of the members import
    /** The lock of the imports that build a year's index (no fiscal year is 0). */
    private static final int INDEX_BUILD_LOCK = 0;

    /** The columns of a member row as stored: clear facts for selection, the keyed indexes of 整理番号 and ticket number, the sealed record. */
    private record SealedMember(MemberRow row, int age, byte[] personIndex, byte[] ticketIndex, byte[] personal) {
    }

    /** Seals a row on this thread: the keyed indexes of 整理番号 and ticket number, and the record bound to the first. */
    private static SealedMember seal(PersonalCipher.Year keys, MemberRow row) {
        int fiscalYear = keys.fiscalYear();
        byte[] personIndex = keys.personIndex(row.personNo());
        return new SealedMember(row, MemberRow.ageAtFiscalYearEnd(row.birthDate(), fiscalYear), personIndex,
                row.ticketNumber() == null ? null : keys.blindIndex("ticket", row.ticketNumber()),
                keys.seal(PersonalCipher.memberBinding(fiscalYear, personIndex), row.personal()));
    }

    private static final String COPY_COLUMNS = "fiscal_year, person_index, sex, age_at_fy_end, qualified_from, qualified_until, "
            + "special_address, away_code, phone_usable, has_ticket, ticket_index, personal, import_id, source_line";

    private static void write(BinaryCopyWriter copy, int fiscalYear, long importId, SealedMember m) {
        MemberRow row = m.row();
        copy.startRow(14)
                .int4(fiscalYear)
                .bytes(m.personIndex())
                .int2(row.sex())
                .int2(m.age())
                .date(row.qualifiedFrom())
                .date(row.qualifiedUntil())
                .bool(row.specialAddress())
                .int2(row.awayCode())
                .bool(row.phoneUsable())
                .bool(row.ticketNumber() != null)
                .bytes(m.ticketIndex())
                .bytes(m.personal())
                .int8(importId)
                .int4(row.line());
    }

}
