package jp.kenshin.outreach.results;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import jp.kenshin.outreach.fileimport.CsvImportFile;
import jp.kenshin.outreach.fileimport.FileFormat;
import jp.kenshin.outreach.fileimport.FileImports;
import jp.kenshin.outreach.fileimport.FileRefusedException;
import jp.kenshin.outreach.fileimport.ImportIssue;
import jp.kenshin.outreach.fileimport.ImportKind;
import jp.kenshin.outreach.fileimport.ImportOutcome;
import jp.kenshin.outreach.fileimport.ImportProperties;
import jp.kenshin.outreach.fileimport.ImportReport;
import jp.kenshin.outreach.fileimport.ImportRuns;
import jp.kenshin.outreach.fileimport.ImportStatus;
import jp.kenshin.outreach.fileimport.ImportTally;
import jp.kenshin.outreach.fileimport.ParallelRows;
import jp.kenshin.outreach.fileimport.ZipImportFile;
import jp.kenshin.outreach.infrastructure.BinaryCopyWriter;
import jp.kenshin.outreach.privacy.PersonalCipher;
import jp.kenshin.outreach.privacy.PersonalDataService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;

/**
 * Imports checkup results into a cycle, in either form of checkup-results.md: the CSV file, or the
 * standard XML archive (a zip of HL7 CDA documents). Both forms are read into {@link ResultRow}s and
 * from there take one path: each result is matched to a member of the cycle's year (by 整理番号 or by
 * 受診券整理番号; the XML form has the ticket number only), its birth date and sex must agree with that
 * person, and the matched results are stored by one step. The same person and result year twice (in
 * the file, or against an earlier import) keeps the earlier exam date and says so.
 * <p>
 * A file is taken whole or not at all, like the members file: one rejected row, or one rejected
 * document of an archive, refuses the whole file unless the caller accepts rejections, and then
 * everything else is stored. Either way every row or document is read, so the report lists every
 * rejection.
 * <p>
 * Once an import has committed, {@link AttendanceRecorded} is published with the members whose checkup
 * of the cycle's own fiscal year this import inserted (not those it only kept, updated or found on
 * record). It is published after the import's transaction has committed, outside it, so a plain
 * {@code @EventListener} and a {@code @TransactionalEventListener(fallbackExecution = true)} both see
 * the committed results; a refused or failed import publishes nothing. (When a caller runs the import
 * inside a transaction of its own, the import joins it, and the event comes while that transaction
 * is still open: an AFTER_COMMIT listener then waits for the caller's commit.)
 */
@Service
public class ResultsImportService {

    /** Results matched, checked and staged together: one look-up, one read through the door (one audit record). */
    private static final int BATCH = 5000;

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final FileImports fileImports;
    private final PersonalCipher cipher;
    private final PersonalDataService personalData;
    private final ApplicationEventPublisher events;
    private final ImportProperties properties;
    private final ResultRowParser parser = new ResultRowParser();

    public ResultsImportService(DataSource dataSource, JdbcTemplate jdbc, FileImports fileImports, PersonalCipher cipher,
            PersonalDataService personalData, ApplicationEventPublisher events, ImportProperties properties) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.fileImports = fileImports;
        this.cipher = cipher;
        this.personalData = personalData;
        this.events = events;
        this.properties = properties;
    }

    /** The CSV form: a file in the given encoding (default CP932). */
    public ImportReport importResults(int cycleYear, InputStream in, String fileName, String encodingName,
            boolean acceptRejections) {
        return run(FileFormat.CSV, cycleYear, fileName, encodingName, acceptRejections, (encoding, counts, issues, rows) -> {
            // a reading thread decodes and checks the rows while this one matches, seals and stages them
            try (CsvImportFile file = CsvImportFile.open(in, encoding, ResultColumns.COLUMN_SET);
                    ParallelRows<ResultRowParser.Parsed> checked = new ParallelRows<>(file, parser::parse, 1000)) {
                counts.encoding = file.encoding().name();
                counts.ignored = file.unknownColumns();
                for (List<ResultRowParser.Parsed> batch = checked.next(); batch != null; batch = checked.next()) {
                    for (ResultRowParser.Parsed parsed : batch) {
                        counts.read++;
                        if (parsed.row() == null) {
                            issues.addAll(parsed.issues());
                        } else {
                            rows.accept(parsed.row());
                        }
                    }
                }
                counts.sha256 = file.sha256();
            }
        });
    }

    /**
     * The standard XML form: a zip archive whose checkup documents are the files {@code DATA/h*.xml}
     * (at any depth: the archive's root folder is usually named like the archive); the index, summary,
     * claims and schema files are not read. Each document's XML declares its own encoding.
     */
    public ImportReport importArchive(int cycleYear, InputStream in, String fileName, boolean acceptRejections) {
        return run(FileFormat.XML, cycleYear, fileName, null, acceptRejections, (encoding, counts, issues, rows) -> {
            CdaResultParser cda = new CdaResultParser();
            ZipImportFile.Summary summary = new ZipImportFile(properties.archive()).read(in, ResultsImportService::isCheckupDocument,
                    (ordinal, path, content) -> {
                        counts.read++;
                        String name = ZipImportFile.printable(path.substring(path.lastIndexOf('/') + 1));
                        CdaResultParser.Parsed parsed = cda.parse(ordinal, name, content);
                        issues.addAll(parsed.issues());
                        if (parsed.row() != null) {
                            rows.accept(parsed.row());
                        }
                    });
            if (summary.selected() == 0) {
                throw new FileRefusedException(0, "アーカイブの DATA フォルダに健診結果の文書（h で始まる XML ファイル）がありません");
            }
            counts.sha256 = summary.sha256();
        });
    }

    /** A checkup document of a standard archive: {@code .../DATA/h*.xml}, case aside. */
    static boolean isCheckupDocument(String path) {
        String[] segments = path.split("/");
        if (segments.length < 2) {
            return false;
        }
        String file = segments[segments.length - 1].toLowerCase(Locale.ROOT);
        return segments[segments.length - 2].equalsIgnoreCase("DATA") && file.startsWith("h") && file.endsWith(".xml");
    }

    /** Reads a file's results, checking their form; hands each well-formed one on and records the others' issues. */
    @FunctionalInterface
    private interface ResultReader {
        void read(Charset encoding, ImportTally counts, ImportRuns.IssueSink issues, Consumer<ResultRow> rows);
    }

    private ImportReport run(FileFormat format, int cycleYear, String fileName, String encodingName, boolean acceptRejections,
            ResultReader reader) {
        List<Long> attended = new ArrayList<>();
        ImportReport report = fileImports.run(ImportKind.RESULTS, format, cycleYear, fileName, encodingName, acceptRejections,
                (importId, encoding, issues, counts) -> {
                    if (format == FileFormat.XML) {
                        counts.encoding = null; // each document declares its own
                    }
                    // one results import of a year at a time, and none while the year is being deleted (ResultsYearData)
                    ResultsYearData.lockYear(jdbc, cycleYear);
                    Staging staging = new Staging(cycleYear, importId, issues);
                    reader.read(encoding, counts, issues, staging::add);
                    staging.flush();
                    if (issues.rejectedRows() > 0 && !acceptRejections) {
                        return format == FileFormat.XML ? counts.refusedForRejectedDocuments(issues)
                                : counts.refusedForRejections(issues);
                    }
                    return store(format, cycleYear, importId, issues, counts, attended, staging.repeats);
                });
        if (report.status() == ImportStatus.COMMITTED && !attended.isEmpty()) {
            events.publishEvent(new AttendanceRecorded(cycleYear, attended));
        }
        return report;
    }

    /**
     * The one store step of both forms, on the staged (matched) results: the same person and year twice
     * keeps the earlier exam date, a result on record with an earlier or the same date stays, the rest is
     * inserted or replaces a later one. Collects the members whose result of the cycle's year was inserted.
     */
    private ImportOutcome store(FileFormat format, int cycleYear, long importId, ImportRuns.IssueSink issues, ImportTally counts,
            List<Long> attended, Repeats repeats) {
        // The same person and year twice in the file: keep the earlier exam date, and say so (one sort of the stage: the
        // later rows are deleted and named by the same statement). Staging saw whether there are any: most files have none.
        issues.addAll(!repeats.any() ? List.of() : jdbc.query("""
                with ranked as (
                  select line, first_value(line) over w as kept_line, first_value(document) over w as kept_document
                  from result_stage
                  window w as (partition by member_id, result_year order by exam_date, line)),
                dropped as (
                  delete from result_stage s using ranked d where s.line = d.line and d.line <> d.kept_line
                  returning s.line, s.document, d.kept_line, d.kept_document)
                select line, document, kept_line, kept_document from dropped order by line""",
                (rs, n) -> ImportIssue.notice(rs.getInt("line"), rs.getString("document"), ResultColumns.EXAM_DATE,
                        "同じ人・同じ年度の結果が"
                                + (format == FileFormat.XML ? "文書 " + rs.getString("kept_document") + " " : rs.getInt("kept_line") + "行目")
                                + "にもあり、実施日の早い方を採りました")));
        // Already on record with an earlier (or the same) exam date: the record stays.
        issues.addAll(jdbc.query("""
                select s.line, s.document from result_stage s join checkup_result r
                  on r.member_id = s.member_id and r.result_year = s.result_year
                where r.exam_date <= s.exam_date order by s.line""",
                (rs, n) -> ImportIssue.notice(rs.getInt("line"), rs.getString("document"), ResultColumns.EXAM_DATE,
                        "同じ人・同じ年度の結果が登録済みで、その実施日の方が早いため登録済みの結果を残しました")));
        // A later one on record is replaced, and the rest inserted: a plain insert of the rows not on record, not an
        // insert ... on conflict, whose speculative insertion of each row cost more than the row (one year's results
        // lock keeps a second import of the year out meanwhile, ResultsYearData). Inserted in member order: the year's
        // members are the newest ids, so each row goes to the end of the unique index instead of a random place in it.
        jdbc.query("""
                with updated as (
                  update checkup_result r set exam_date = s.exam_date, institution_no = s.institution_no, items = s.items,
                    source = ?, import_id = ?
                  from result_stage s
                  where r.member_id = s.member_id and r.result_year = s.result_year and s.exam_date < r.exam_date
                  returning r.member_id),
                inserted as (
                  insert into checkup_result (cycle_year, member_id, result_year, exam_date, institution_no, items, source, import_id)
                  select ?, s.member_id, s.result_year, s.exam_date, s.institution_no, s.items, ?, ? from result_stage s
                  where not exists (select 1 from checkup_result r where r.member_id = s.member_id and r.result_year = s.result_year)
                  order by s.member_id, s.result_year
                  returning member_id, result_year)
                select (select count(*) from inserted) as inserted, (select count(*) from updated) as updated,
                  (select array_agg(member_id order by member_id) from inserted where result_year = ?) as attended""",
                rs -> {
                    counts.inserted = rs.getInt("inserted");
                    counts.updated = rs.getInt("updated");
                    attended.addAll(ids(rs.getArray("attended")));
                },
                format.name(), importId, cycleYear, format.name(), importId, cycleYear);
        counts.accepted = jdbc.queryForObject("select count(*) from result_stage", Integer.class);
        // fresh statistics with the new rows, committed with them: the queries that follow at once (the effect analysis,
        // the cases' ends) must not plan for the table autovacuum last saw, perhaps empty
        jdbc.execute("analyze checkup_result");
        return counts.outcome(ImportStatus.COMMITTED, null, issues);
    }

    private static List<Long> ids(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        Object[] values = (Object[]) array.getArray();
        return Arrays.stream(values).map(v -> ((Number) v).longValue()).toList();
    }

    private record Candidate(long id, int sex) {
    }

    /**
     * The results of one import on their way in: refuses an import into a year without members, then
     * matches the well-formed results batch by batch and stages the matched ones (temporary tables,
     * dropped at commit).
     */
    private final class Staging {
        private final int cycleYear;
        private final long importId;
        private final ImportRuns.IssueSink issues;
        private final TicketLookup tickets;
        private final Repeats repeats = new Repeats();
        private final List<ResultRow> batch = new ArrayList<>(BATCH);

        Staging(int cycleYear, long importId, ImportRuns.IssueSink issues) {
            this.cycleYear = cycleYear;
            this.importId = importId;
            this.issues = issues;
            // whether the year has members at all (a count read every member row: 0.1 s at 200,000, 0.5 s at 1,100,000)
            Boolean members = jdbc.queryForObject("select exists (select 1 from member where fiscal_year = ?)", Boolean.class, cycleYear);
            if (!Boolean.TRUE.equals(members)) {
                throw new FileRefusedException(0, cycleYear + "年度の被保険者がまだ取り込まれていません。先に被保険者ファイルを取り込んでください");
            }
            this.tickets = new TicketLookup(cycleYear);
            jdbc.execute("""
                    create temporary table result_stage (
                      line integer, document varchar(255), member_id bigint, result_year integer, exam_date date,
                      institution_no varchar(10), items bytea) on commit drop""");
        }

        void add(ResultRow row) {
            batch.add(row);
            if (batch.size() == BATCH) {
                flush();
            }
        }

        void flush() {
            matchAndStage();
            batch.clear();
        }

        /** Matches a batch of rows to members (one query), then stages the matched ones with one COPY. */
        private void matchAndStage() {
            if (batch.isEmpty()) {
                return;
            }
            // the keyed index of each row's 整理番号 (or, named by ticket number alone, of its ticket), computed once
            Map<ResultRow, ByteBuffer> personKeys = new IdentityHashMap<>();
            Map<ResultRow, ByteBuffer> ticketKeys = new IdentityHashMap<>();
            List<byte[]> personIndexes = new ArrayList<>();
            List<byte[]> ticketIndexes = new ArrayList<>();
            PersonalCipher.Year keys = cipher.year(cycleYear); // looked up once a batch, not once a value
            for (ResultRow r : batch) {
                if (r.personNo() != null) {
                    byte[] index = keys.personIndex(r.personNo());
                    personIndexes.add(index);
                    personKeys.put(r, ByteBuffer.wrap(index));
                } else {
                    byte[] index = keys.blindIndex("ticket", r.ticketNumber());
                    ticketIndexes.add(index);
                    ticketKeys.put(r, ByteBuffer.wrap(index));
                }
            }
            Map<ByteBuffer, Candidate> byPerson = new HashMap<>();
            Map<ByteBuffer, Candidate> byTicket = new HashMap<>();
            List<PersonalDataService.SealedMember> sealed = new ArrayList<>(batch.size());
            if (!ticketIndexes.isEmpty()) {
                tickets.ensureBuilt();
            }
            // the year as a literal: the planner uses the year's partial index of 整理番号 (V33) only for a year it can see
            jdbc.query("""
                    select m.id, m.person_index, m.sex, m.ticket_index, m.personal from member m
                    where m.fiscal_year = %d and m.person_index = any (?)
                    union all
                    select m.id, m.person_index, m.sex, m.ticket_index, m.personal from ticket_lookup t join member m on m.id = t.id
                    where t.ticket_index = any (?)""".formatted(cycleYear),
                    ps -> {
                        ps.setArray(1, ps.getConnection().createArrayOf("bytea", personIndexes.toArray(new byte[0][])));
                        ps.setArray(2, ps.getConnection().createArrayOf("bytea", ticketIndexes.toArray(new byte[0][])));
                    },
                    rs -> {
                        byte[] personIndex = rs.getBytes("person_index");
                        Candidate candidate = new Candidate(rs.getLong("id"), rs.getInt("sex"));
                        byPerson.put(ByteBuffer.wrap(personIndex), candidate);
                        byte[] ticketIndex = rs.getBytes("ticket_index");
                        if (ticketIndex != null) {
                            byTicket.put(ByteBuffer.wrap(ticketIndex), candidate);
                        }
                        sealed.add(new PersonalDataService.SealedMember(candidate.id(), personIndex, rs.getBytes("personal")));
                    });
            // Birth dates are personal: they are opened through the door, which records the check.
            Map<Long, java.time.LocalDate> births = personalData.birthDatesForIdentityCheck(cycleYear, sealed, "健診結果取込 " + importId);
            List<Object[]> staged = new ArrayList<>(batch.size());
            for (ResultRow row : batch) {
                Candidate person = row.personNo() != null ? byPerson.get(personKeys.get(row))
                        : byTicket.get(ticketKeys.get(row));
                String column = row.personNo() != null ? ResultColumns.PERSON_NO : ResultColumns.TICKET_NUMBER;
                if (person == null) {
                    issues.add(ImportIssue.rejected(row.line(), row.document(), column, cycleYear + "年度の被保険者に該当者がいません"));
                    continue;
                }
                if (!row.birthDate().equals(births.get(person.id()))) {
                    issues.add(ImportIssue.rejected(row.line(), row.document(), ResultColumns.BIRTH_DATE,
                            "該当者の生年月日と一致しません（別人の可能性）"));
                    continue;
                }
                if (row.sex() != person.sex()) {
                    issues.add(ImportIssue.rejected(row.line(), row.document(), ResultColumns.SEX, "該当者の性別と一致しません（別人の可能性）"));
                    continue;
                }
                repeats.saw(person.id(), row.resultYear());
                staged.add(new Object[] {row, person.id(), row.items().isEmpty() ? null
                        : keys.seal(PersonalCipher.resultBinding(cycleYear, person.id(), row.resultYear()), serialize(row.items()))});
            }
            if (staged.isEmpty()) {
                return;
            }
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try (BinaryCopyWriter copy = new BinaryCopyWriter(connection, "copy result_stage from stdin (format binary)")) {
                for (Object[] entry : staged) {
                    ResultRow row = (ResultRow) entry[0];
                    copy.startRow(7)
                            .int4(row.line())
                            .text(row.document())
                            .int8((Long) entry[1])
                            .int4(row.resultYear())
                            .date(row.examDate())
                            .text(row.institutionNo())
                            .bytes((byte[]) entry[2]);
                }
                copy.finish();
            }
        }
    }

    /** Whether a staged person and result year came twice (in the file: a result on record is another matter). */
    private static final class Repeats {
        private final java.util.Set<Long> staged = new java.util.HashSet<>();
        private boolean any;

        void saw(long memberId, int resultYear) {
            any |= !staged.add(memberId << 16 | (resultYear & 0xFFFF));
        }

        boolean any() {
            return any;
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


    /** The UTF-8 of each item name of the formats, encoded once. */
    private static final Map<String, byte[]> ITEM_NAMES = ResultColumns.ITEMS.stream()
            .collect(java.util.stream.Collectors.toUnmodifiableMap(name -> name, name -> name.getBytes(StandardCharsets.UTF_8)));

    /**
     * A result's items as lines of {@code name=value}, in UTF-8 (what the analysis reads back), written into one
     * array: the names' bytes are encoded once.
     */
    static byte[] serialize(Map<String, String> items) {
        byte[] out = new byte[32 * items.size() + 16];
        int length = 0;
        for (Map.Entry<String, String> item : items.entrySet()) {
            byte[] name = ITEM_NAMES.get(item.getKey());
            if (name == null) {
                name = item.getKey().getBytes(StandardCharsets.UTF_8);
            }
            byte[] value = item.getValue().getBytes(StandardCharsets.UTF_8);
            int needed = length + name.length + value.length + 2;
            if (needed > out.length) {
                out = Arrays.copyOf(out, Math.max(needed, out.length * 2));
            }
            System.arraycopy(name, 0, out, length, name.length);
            length += name.length;
            out[length++] = '=';
            System.arraycopy(value, 0, out, length, value.length);
            length += value.length;
            out[length++] = '\n';
        }
        return Arrays.copyOf(out, length);
    }
}
