package jp.kenshin.outreach.members;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import jp.kenshin.outreach.fileimport.CsvImportFile;
import jp.kenshin.outreach.fileimport.FileRefusedException;
import jp.kenshin.outreach.fileimport.ImportIssue;
import jp.kenshin.outreach.fileimport.ImportKind;
import jp.kenshin.outreach.fileimport.ImportOutcome;
import jp.kenshin.outreach.fileimport.ImportProperties;
import jp.kenshin.outreach.fileimport.ImportReport;
import jp.kenshin.outreach.fileimport.ImportRuns;
import jp.kenshin.outreach.fileimport.ImportStatus;
import jp.kenshin.outreach.infrastructure.BinaryCopyWriter;
import jp.kenshin.outreach.privacy.PersonalCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

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

    private static final Logger log = LoggerFactory.getLogger(MembersImportService.class);

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ImportRuns importRuns;
    private final ImportProperties importProperties;
    private final PersonalCipher cipher;
    private final MemberRowParser parser;

    public MembersImportService(DataSource dataSource, JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
            ImportRuns importRuns, ImportProperties importProperties, PersonalCipher cipher, PhoneProperties phone) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
        this.importRuns = importRuns;
        this.importProperties = importProperties;
        this.cipher = cipher;
        this.parser = new MemberRowParser(new PhoneNumbers(phone.missingZeroAreaCodes()));
    }

    public ImportReport importMembers(int fiscalYear, InputStream in, String fileName, String encodingName,
            boolean acceptRejections) {
        long importId = importRuns.start(ImportKind.MEMBERS, fiscalYear, fileName, acceptRejections);
        ImportRuns.IssueSink issues = importRuns.issueSink(importId);
        Counts counts = new Counts();
        ImportOutcome outcome;
        try {
            Charset encoding = importProperties.encodingOrDefault(encodingName);
            counts.encoding = encoding.name();
            outcome = transaction.execute(status -> {
                ImportOutcome result = load(fiscalYear, importId, in, encoding, acceptRejections, issues, counts);
                if (result.status() != ImportStatus.COMMITTED) {
                    status.setRollbackOnly();
                }
                return result;
            });
        } catch (FileRefusedException e) {
            outcome = counts.outcome(ImportStatus.REFUSED, e.getMessage(), issues);
        } catch (RuntimeException e) {
            log.error("Members import {} failed: {}", importId, e.getClass().getName());
            outcome = counts.outcome(ImportStatus.FAILED, "処理中に異常が発生しました（" + e.getClass().getSimpleName() + "）", issues);
        }
        issues.flush();
        importRuns.finish(importId, outcome);
        log.info("Members import {} for fiscal year {}: {} ({} read, {} accepted, {} rejected)", importId, fiscalYear,
                outcome.status(), outcome.rowsRead(), outcome.rowsAccepted(), outcome.rowsRejected());
        return importRuns.find(importId, importProperties.rejectionReportLimit()).orElseThrow();
    }

    private ImportOutcome load(int fiscalYear, long importId, InputStream in, Charset encoding, boolean acceptRejections,
            ImportRuns.IssueSink issues, Counts counts) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        jdbc.execute("""
                create temporary table member_stage (
                  line integer, person_no varchar(15), sex smallint, age_at_fy_end smallint, qualified_from date,
                  qualified_until date, special_address boolean, away_code smallint, phone_usable boolean,
                  has_ticket boolean, ticket_index bytea, personal bytea) on commit drop""");
        try (CsvImportFile file = CsvImportFile.open(in, encoding, MemberColumns.COLUMN_SET);
                BinaryCopyWriter copy = new BinaryCopyWriter(connection, "copy member_stage from stdin (format binary)")) {
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
                String binding = binding(fiscalYear, row.personNo());
                copy.startRow(12)
                        .int4(row.line())
                        .text(row.personNo())
                        .int2(row.sex())
                        .int2(MemberRow.ageAtFiscalYearEnd(row.birthDate(), fiscalYear))
                        .date(row.qualifiedFrom())
                        .date(row.qualifiedUntil())
                        .bool(row.specialAddress())
                        .int2(row.awayCode())
                        .bool(row.phoneUsable())
                        .bool(row.ticketNumber() != null)
                        .bytes(row.ticketNumber() == null ? null
                                : cipher.blindIndex(fiscalYear, "ticket", row.ticketNumber()))
                        .bytes(cipher.seal(fiscalYear, binding, row.personal()));
            }
            copy.finish();
            counts.sha256 = file.sha256();
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
            return counts.outcome(ImportStatus.REFUSED, "不備のある行が" + issues.rejectedRows()
                    + "行あるため、ファイル全体を取り込みませんでした（不備行を除いて受理する指定もできます）", issues);
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
        return counts.outcome(ImportStatus.COMMITTED, null, issues);
    }

    /** What a member's sealed record is bound to: the fiscal year and the ward's person number. */
    public static String binding(int fiscalYear, String personNo) {
        return "member:" + fiscalYear + ":" + personNo;
    }

    private static final class Counts {
        String encoding;
        String sha256;
        int read;
        int unusablePhones;
        int inserted;
        int updated;
        List<String> dropped = List.of();
        List<String> ignored = List.of();

        ImportOutcome outcome(ImportStatus status, String reason, ImportRuns.IssueSink issues) {
            boolean committed = status == ImportStatus.COMMITTED;
            return new ImportOutcome(status, reason, encoding, sha256, read,
                    committed ? inserted + updated : 0, issues.rejectedRows(), committed ? inserted : 0,
                    committed ? updated : 0, unusablePhones, issues.notices(), dropped, ignored);
        }
    }
}
