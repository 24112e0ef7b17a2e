package jp.kenshin.outreach.results;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import jp.kenshin.outreach.fileimport.CsvImportFile;
import jp.kenshin.outreach.fileimport.FileRefusedException;
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
import jp.kenshin.outreach.privacy.PersonalDataService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;

/**
 * Imports checkup results in the CSV form (checkup-results.md) into a cycle: each row is matched to
 * a member of the cycle's year by 整理番号 or 受診券整理番号, and its birth date and sex must agree
 * with that person. The same person and result year twice keeps the earlier exam date and says so.
 * The file is taken whole or not at all, like the members file.
 */
@Service
public class ResultsImportService {

    private static final int BATCH = 1000;

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final FileImports fileImports;
    private final PersonalCipher cipher;
    private final PersonalDataService personalData;
    private final ResultRowParser parser = new ResultRowParser();

    public ResultsImportService(DataSource dataSource, JdbcTemplate jdbc, FileImports fileImports, PersonalCipher cipher,
            PersonalDataService personalData) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.fileImports = fileImports;
        this.cipher = cipher;
        this.personalData = personalData;
    }

    public ImportReport importResults(int cycleYear, InputStream in, String fileName, String encodingName,
            boolean acceptRejections) {
        return fileImports.run(ImportKind.RESULTS, cycleYear, fileName, encodingName, acceptRejections,
                (importId, encoding, issues, tally) -> load(cycleYear, importId, in, encoding, acceptRejections, issues, tally));
    }

    private ImportOutcome load(int cycleYear, long importId, InputStream in, Charset encoding, boolean acceptRejections,
            ImportRuns.IssueSink issues, ImportTally counts) {
        Integer members = jdbc.queryForObject("select count(*) from member where fiscal_year = ?", Integer.class, cycleYear);
        if (members == null || members == 0) {
            throw new FileRefusedException(0, cycleYear + "年度の被保険者がまだ取り込まれていません。先に被保険者ファイルを取り込んでください");
        }
        TicketLookup tickets = new TicketLookup(cycleYear);
        jdbc.execute("""
                create temporary table result_stage (
                  line integer, member_id bigint, result_year integer, exam_date date, institution_no varchar(10),
                  items bytea) on commit drop""");
        try (CsvImportFile file = CsvImportFile.open(in, encoding, ResultColumns.COLUMN_SET)) {
            counts.encoding = file.encoding().name();
            counts.ignored = file.unknownColumns();
            List<ResultRow> batch = new ArrayList<>(BATCH);
            for (CsvImportFile.Row source : file) {
                counts.read++;
                ResultRowParser.Parsed parsed = parser.parse(source);
                if (parsed.row() == null) {
                    issues.addAll(parsed.issues());
                    continue;
                }
                batch.add(parsed.row());
                if (batch.size() == BATCH) {
                    matchAndStage(cycleYear, importId, batch, tickets, issues);
                    batch.clear();
                }
            }
            matchAndStage(cycleYear, importId, batch, tickets, issues);
            counts.sha256 = file.sha256();
        }
        if (issues.rejectedRows() > 0 && !acceptRejections) {
            return counts.refusedForRejections(issues);
        }
        // The same person and year twice in the file: keep the earlier exam date, and say so.
        issues.addAll(jdbc.query("""
                select line, kept_line from (
                  select line, first_value(line) over w as kept_line from result_stage
                  window w as (partition by member_id, result_year order by exam_date, line)) s
                where line <> kept_line order by line""",
                (rs, n) -> ImportIssue.notice(rs.getInt("line"), ResultColumns.EXAM_DATE,
                        "同じ人・同じ年度の結果が" + rs.getInt("kept_line") + "行目にもあり、実施日の早い方を採りました")));
        jdbc.update("""
                delete from result_stage s using (
                  select line, first_value(line) over w as kept_line from result_stage
                  window w as (partition by member_id, result_year order by exam_date, line)) d
                where s.line = d.line and d.line <> d.kept_line""");
        // Already on record with an earlier (or the same) exam date: the record stays.
        issues.addAll(jdbc.query("""
                select s.line from result_stage s join checkup_result r
                  on r.member_id = s.member_id and r.result_year = s.result_year
                where r.exam_date <= s.exam_date order by s.line""",
                (rs, n) -> ImportIssue.notice(rs.getInt("line"), ResultColumns.EXAM_DATE,
                        "同じ人・同じ年度の結果が登録済みで、その実施日の方が早いため登録済みの結果を残しました")));
        Map<String, Object> upsert = jdbc.queryForMap("""
                with upserted as (
                  insert into checkup_result (cycle_year, member_id, result_year, exam_date, institution_no, items, source, import_id)
                  select ?, member_id, result_year, exam_date, institution_no, items, 'CSV', ? from result_stage
                  on conflict (member_id, result_year) do update set exam_date = excluded.exam_date,
                    institution_no = excluded.institution_no, items = excluded.items, source = excluded.source,
                    import_id = excluded.import_id
                  where excluded.exam_date < checkup_result.exam_date
                  returning (xmax = 0) as inserted)
                select count(*) filter (where inserted) as inserted, count(*) filter (where not inserted) as updated
                from upserted""", cycleYear, importId);
        counts.inserted = ((Number) upsert.get("inserted")).intValue();
        counts.updated = ((Number) upsert.get("updated")).intValue();
        counts.accepted = jdbc.queryForObject("select count(*) from result_stage", Integer.class);
        return counts.outcome(ImportStatus.COMMITTED, null, issues);
    }

    private record Candidate(long id, String personNo, int sex) {
    }

    /** Matches a batch of rows to members (one query), then stages the matched ones with one COPY. */
    private void matchAndStage(int cycleYear, long importId, List<ResultRow> batch, TicketLookup tickets,
            ImportRuns.IssueSink issues) {
        if (batch.isEmpty()) {
            return;
        }
        List<String> personNos = batch.stream().map(ResultRow::personNo).filter(p -> p != null).toList();
        // the blind index of each row named by ticket number alone, computed once
        Map<ResultRow, String> ticketKeys = new java.util.IdentityHashMap<>();
        List<byte[]> ticketIndexes = new ArrayList<>();
        HexFormat hex = HexFormat.of();
        for (ResultRow r : batch) {
            if (r.personNo() == null) {
                byte[] index = cipher.blindIndex(cycleYear, "ticket", r.ticketNumber());
                ticketIndexes.add(index);
                ticketKeys.put(r, hex.formatHex(index));
            }
        }
        Map<String, Candidate> byPersonNo = new HashMap<>();
        Map<String, Candidate> byTicket = new HashMap<>();
        if (!ticketIndexes.isEmpty()) {
            tickets.ensureBuilt();
        }
        jdbc.query("""
                select m.id, m.person_no, m.sex, m.ticket_index from member m
                where m.fiscal_year = ? and m.person_no = any (?)
                union
                select m.id, m.person_no, m.sex, m.ticket_index from ticket_lookup t join member m on m.id = t.id
                where t.ticket_index = any (?)""",
                ps -> {
                    ps.setInt(1, cycleYear);
                    ps.setArray(2, ps.getConnection().createArrayOf("varchar", personNos.toArray(new String[0])));
                    ps.setArray(3, ps.getConnection().createArrayOf("bytea", ticketIndexes.toArray(new byte[0][])));
                },
                rs -> {
                    Candidate candidate = new Candidate(rs.getLong("id"), rs.getString("person_no"), rs.getInt("sex"));
                    byPersonNo.put(candidate.personNo(), candidate);
                    byte[] ticketIndex = rs.getBytes("ticket_index");
                    if (ticketIndex != null) {
                        byTicket.put(hex.formatHex(ticketIndex), candidate);
                    }
                });
        // Birth dates are personal: they come through the door, which records the check.
        Map<Long, java.time.LocalDate> births = personalData.birthDatesForIdentityCheck(cycleYear,
                byPersonNo.values().stream().map(Candidate::id).distinct().toList(), "健診結果取込 " + importId);
        List<Object[]> staged = new ArrayList<>(batch.size());
        for (ResultRow row : batch) {
            Candidate person = row.personNo() != null ? byPersonNo.get(row.personNo())
                    : byTicket.get(ticketKeys.get(row));
            String column = row.personNo() != null ? ResultColumns.PERSON_NO : ResultColumns.TICKET_NUMBER;
            if (person == null) {
                issues.add(ImportIssue.rejected(row.line(), column, cycleYear + "年度の被保険者に該当者がいません"));
                continue;
            }
            if (!row.birthDate().equals(births.get(person.id()))) {
                issues.add(ImportIssue.rejected(row.line(), ResultColumns.BIRTH_DATE, "該当者の生年月日と一致しません（別人の可能性）"));
                continue;
            }
            if (row.sex() != person.sex()) {
                issues.add(ImportIssue.rejected(row.line(), ResultColumns.SEX, "該当者の性別と一致しません（別人の可能性）"));
                continue;
            }
            staged.add(new Object[] {row, person.id(), row.items().isEmpty() ? null
                    : cipher.seal(cycleYear, PersonalCipher.resultBinding(cycleYear, person.id(), row.resultYear()), serialize(row.items()))});
        }
        if (staged.isEmpty()) {
            return;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (BinaryCopyWriter copy = new BinaryCopyWriter(connection, "copy result_stage from stdin (format binary)")) {
            for (Object[] entry : staged) {
                ResultRow row = (ResultRow) entry[0];
                copy.startRow(6)
                        .int4(row.line())
                        .int8((Long) entry[1])
                        .int4(row.resultYear())
                        .date(row.examDate())
                        .text(row.institutionNo())
                        .bytes((byte[]) entry[2]);
            }
            copy.finish();
        }
    }

    /**
     * The year's ticket blind indexes, indexed, for one import only (a temporary table): built the
     * first time a row names a person by ticket number alone.
     */
    private final class TicketLookup {
        private final int cycleYear;
        private boolean built;

        TicketLookup(int cycleYear) {
            this.cycleYear = cycleYear;
            jdbc.execute("create temporary table ticket_lookup (id bigint, ticket_index bytea) on commit drop");
        }

        void ensureBuilt() {
            if (built) {
                return;
            }
            jdbc.update("insert into ticket_lookup select id, ticket_index from member where fiscal_year = ? and ticket_index is not null",
                    cycleYear);
            jdbc.execute("create index on ticket_lookup (ticket_index)");
            jdbc.execute("analyze ticket_lookup");
            built = true;
        }
    }


    private static byte[] serialize(Map<String, String> items) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        items.forEach((name, value) -> out.writeBytes((name + "=" + value + "\n").getBytes(StandardCharsets.UTF_8)));
        return out.toByteArray();
    }
}
