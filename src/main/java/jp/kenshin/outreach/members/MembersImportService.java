package jp.kenshin.outreach.members;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.sql.Connection;
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

    /** What a member's sealed record is bound to: the fiscal year and the ward's person number. */
    public static String binding(int fiscalYear, String personNo) {
        return "member:" + fiscalYear + ":" + personNo;
    }
}
