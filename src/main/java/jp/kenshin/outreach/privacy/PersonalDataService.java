package jp.kenshin.outreach.privacy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import jp.kenshin.outreach.audit.AuditAction;
import jp.kenshin.outreach.audit.AuditLog;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The one door to personal data. Every read of a personal field goes through here: it checks who
 * asks, for which purpose, on which fiscal year's contract, writes an audit record (allowed or
 * refused) and returns the purpose's fields and no others. Nothing else opens the sealed records.
 *
 * <p>Need-to-know (issue 11): the ward's staff read what their work needs, one person or many. Anyone else (a
 * contractor user) reads one person at a time, the person of a task they hold ({@link WorkInHand}), within a read
 * budget per hour and per day ({@link DoorProperties}); past it the door refuses and the ward is alerted once per
 * user and window ({@link ReadBudgetExceeded}). The mailing's and the analysis's own system reads stay as they are.
 */
@Service
public class PersonalDataService {

    /** Why the data is read: the task or process it serves, and a free reason (ids, not personal values). */
    public record AccessContext(String taskId, String processInstanceId, String reason) {
        public static AccessContext of(String reason) {
            return new AccessContext(null, null, reason);
        }
    }

    /** One person as a purpose sees them: the member id and the purpose's fields by their Japanese names. */
    public record PersonView(long memberId, Map<String, String> fields) {
    }

    /** Writes an export file (CSV, PDF, ...) from the views, given the fields in their order. */
    public interface ExportWriter {
        void write(List<ViewField> fields, List<PersonView> people, OutputStream out) throws IOException;
    }

    public record ExportResult(int count, String sha256) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final PersonalCipher cipher;
    private final Designations designations;
    private final AuditLog audit;
    private final ExportApprovals exportApprovals;
    private final YearKeys yearKeys;
    private final ObjectProvider<WorkInHand> workInHand;
    private final ReadBudget budget;
    private final DoorProperties limits;
    private final ApplicationEventPublisher events;
    private final org.springframework.transaction.support.TransactionTemplate readOnly;

    public PersonalDataService(JdbcTemplate jdbc, PersonalCipher cipher, Designations designations, AuditLog audit,
            ExportApprovals exportApprovals, YearKeys yearKeys, ObjectProvider<WorkInHand> workInHand, ReadBudget budget,
            DoorProperties limits, ApplicationEventPublisher events, Clock clock,
            org.springframework.transaction.PlatformTransactionManager transactions) {
        this.clock = clock;
        this.readOnly = new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.yearKeys = yearKeys;
        this.workInHand = workInHand;
        this.budget = budget;
        this.limits = limits;
        this.events = events;
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.designations = designations;
        this.audit = audit;
        this.exportApprovals = exportApprovals;
    }

    /** The persons asked for by a query instead of ids: the targets of a selection run, optionally of one group. */
    public record PersonQuery(long selectionRunId, String targetGroup) {
    }

    /** The member ids a query names (ids only: nothing personal is read to answer it). */
    public List<Long> memberIds(PersonQuery query) {
        return jdbc.queryForList("""
                select member_id from selection_entry where run_id = ? and eligible
                  and (cast(? as varchar) is null or target_group = ?) order by member_id""",
                Long.class, query.selectionRunId(), query.targetGroup(), query.targetGroup());
    }

    /** Reads the purpose's fields of the given members of a fiscal year, or refuses (403) with the reason. */
    public List<PersonView> read(Requester who, Purpose purpose, int fiscalYear, List<Long> memberIds, AccessContext why) {
        Set<ViewField> fields = purpose.fields();
        admit(who, purpose, fiscalYear, memberIds, fields, why, "READ");
        if (!who.in(Requester.WARD_STAFF)) {
            needToKnow(who, purpose, fiscalYear, memberIds, fields, why, "READ");
            spend(who, purpose, fiscalYear, memberIds, fields, why, "READ", memberIds.size());
        }
        List<PersonView> views = load(purpose, fiscalYear, memberIds, fields);
        recordAllowed(who, AuditAction.READ, subject(purpose, fiscalYear, ids(views), fields), why);
        return views;
    }

    /**
     * Reads the persons a query names (the targets of a selection run): a bulk read, for the ward's staff only. Anyone
     * else is refused, and the refusal is on record with the run asked for.
     */
    public List<PersonView> readQuery(Requester who, Purpose purpose, int fiscalYear, PersonQuery query, AccessContext why) {
        admit(who, purpose, fiscalYear, List.of(), purpose.fields(), why, "READ");
        if (!who.in(Requester.WARD_STAFF)) {
            refuse(who, "READ", purpose, fiscalYear, List.of(), purpose.fields(), why, "ユーザー " + who.userId()
                    + "：抽出結果（選定 " + query.selectionRunId() + "）の一括の閲覧は区の職員に限ります。委託先は担当するタスクの対象者を一人ずつ閲覧してください");
        }
        List<Long> ids = memberIds(query);
        if (ids.isEmpty() || ids.size() > 10_000) {
            throw new IllegalArgumentException("selectionRunId: 1 人から 10,000 人までの抽出結果を指定してください（該当 " + ids.size() + " 人）");
        }
        return read(who, purpose, fiscalYear, ids, why);
    }

    /**
     * Refuses an access for a reason the caller's rule gives (say, an inquiry note its author did not write): the
     * refusal is on record like any other, and the caller gets {@link AccessRefusedException} (403).
     */
    public void refuse(Requester who, String action, Purpose purpose, int fiscalYear, List<Long> memberIds, AccessContext why,
            String reason) {
        refuse(who, action, purpose, fiscalYear, memberIds, Set.of(), why, reason);
    }

    /** A free note sealed under the year's key, with the binding it was sealed to. */
    public record SealedNote(String binding, byte[] sealed) {
    }

    /** One person as a purpose sees them, with the notes of the case in hand opened in the same access. */
    public record PersonWithNotes(PersonView person, List<String> notes) {
    }

    /**
     * Reads one person's fields for the purpose together with the notes staff wrote about the case in
     * hand: one access, one audit record (the fields and メモ).
     */
    public PersonWithNotes readWithNotes(Requester who, Purpose purpose, int fiscalYear, long memberId, List<SealedNote> notes,
            AccessContext why) {
        Set<ViewField> fields = purpose.fields();
        admit(who, purpose, fiscalYear, List.of(memberId), fields, why, "READ");
        if (!who.in(Requester.WARD_STAFF)) {
            needToKnow(who, purpose, fiscalYear, List.of(memberId), fields, why, "READ");
            spend(who, purpose, fiscalYear, List.of(memberId), fields, why, "READ", 1);
        }
        List<PersonView> views = load(purpose, fiscalYear, List.of(memberId), fields);
        if (views.isEmpty()) {
            throw new IllegalArgumentException("対象者 " + memberId + " は " + fiscalYear + " 年度の被保険者にいません");
        }
        List<String> opened = open(fiscalYear, notes);
        recordAllowed(who, AuditAction.READ, subject(purpose, fiscalYear, List.of(memberId), fields), why);
        return new PersonWithNotes(views.get(0), opened);
    }

    /**
     * Seals a free note staff wrote about a person (what was said on a call or at the desk) under the
     * year's key, so it is destroyed with the year. Admitted like a read of the purpose, recorded as a write.
     */
    public byte[] sealNote(Requester who, Purpose purpose, int fiscalYear, Long memberId, String binding, String text,
            AccessContext why) {
        int length = text.codePointCount(0, text.length());
        if (length > limits.noteMaxLength()) {
            throw new IllegalArgumentException("note（メモ）は " + limits.noteMaxLength() + " 文字以内で入力してください（" + length + " 文字）");
        }
        List<Long> ids = memberId == null ? List.of() : List.of(memberId);
        admit(who, purpose, fiscalYear, ids, Set.of(), why, "WRITE_NOTE");
        byte[] sealed = cipher.seal(fiscalYear, binding, text.getBytes(StandardCharsets.UTF_8));
        recordAllowed(who, AuditAction.WRITE_NOTE, subject(purpose, fiscalYear, ids, Set.of()), why);
        return sealed;
    }

    /** Opens notes sealed by {@link #sealNote} for a purpose, recorded as a read of the notes. */
    public List<String> openNotes(Requester who, Purpose purpose, int fiscalYear, List<Long> memberIds, List<SealedNote> notes,
            AccessContext why) {
        admit(who, purpose, fiscalYear, memberIds, Set.of(), why, "READ_NOTE");
        if (!who.in(Requester.WARD_STAFF) && !memberIds.isEmpty()) {
            spend(who, purpose, fiscalYear, memberIds, Set.of(), why, "READ_NOTE", memberIds.size());
        }
        List<String> opened = open(fiscalYear, notes);
        recordAllowed(who, AuditAction.READ_NOTE, subject(purpose, fiscalYear, memberIds, Set.of()), why);
        return opened;
    }

    /** How the inquiry desk looks a caller up: by this year's ticket number, or by name and birth date. */
    public record CallerLookup(String ticketNumber, String name, LocalDate birthDate) {
        public CallerLookup {
            boolean byTicket = ticketNumber != null && !ticketNumber.isBlank();
            boolean byName = name != null && !name.isBlank() && birthDate != null;
            if (!byTicket && !byName) {
                throw new IllegalArgumentException("受診券整理番号、または氏名と生年月日を入力してください");
            }
        }

        boolean byTicket() {
            return ticketNumber != null && !ticketNumber.isBlank();
        }
    }

    /**
     * Finds a caller for the inquiry desk (purpose INQUIRY): by ticket number through its keyed index,
     * or by name (カナ or 漢字, spaces and widths ignored) and birth date among the members of that age.
     * One audit record, also when nobody is found.
     */
    public List<PersonView> findCaller(Requester who, int fiscalYear, CallerLookup lookup, AccessContext why) {
        Set<ViewField> fields = Purpose.INQUIRY.fields();
        admit(who, Purpose.INQUIRY, fiscalYear, List.of(), fields, why, "LOOKUP");
        WorkInHand.Work inquiry = null;
        if (!who.in(Requester.WARD_STAFF)) {
            inquiry = workHeld(who, Purpose.INQUIRY, fiscalYear, List.of(), fields, why, "LOOKUP");
            countLookup(who, inquiry, fiscalYear, List.of(), fields, why, "LOOKUP");
        }
        List<Long> ids = new ArrayList<>();
        if (lookup.byTicket()) {
            byte[] index = cipher.blindIndex(fiscalYear, "ticket", lookup.ticketNumber().strip());
            ids.addAll(jdbc.queryForList("select id from member where fiscal_year = ? and ticket_index = ? order by id",
                    Long.class, fiscalYear, index));
        } else {
            int age = java.time.Period.between(lookup.birthDate(), LocalDate.of(fiscalYear + 1, 3, 31)).getYears();
            String wanted = comparableName(lookup.name());
            jdbc.query("select id, person_index, personal from member where fiscal_year = ? and age_at_fy_end = ? order by id",
                    rs -> {
                        Map<PersonalField, String> values = cipher.openRecord(fiscalYear,
                                PersonalCipher.memberBinding(fiscalYear, rs.getBytes("person_index")), rs.getBytes("personal"));
                        if (lookup.birthDate().toString().equals(values.get(PersonalField.BIRTH_DATE))
                                && (wanted.equals(comparableName(values.get(PersonalField.KANA_NAME)))
                                    || wanted.equals(comparableName(values.get(PersonalField.KANJI_NAME))))) {
                            ids.add(rs.getLong("id"));
                        }
                    }, fiscalYear, age);
        }
        if (inquiry != null) {
            if (!ids.isEmpty()) {
                spend(who, Purpose.INQUIRY, fiscalYear, List.of(), fields, why, "LOOKUP", ids.size());
            }
            budget.found(inquiry.workRef(), ids);
        }
        List<PersonView> views = ids.isEmpty() ? List.of() : load(Purpose.INQUIRY, fiscalYear, ids, fields);
        recordAllowed(who, AuditAction.LOOKUP, subject(Purpose.INQUIRY, fiscalYear, ids(views), fields), why);
        return views;
    }

    /**
     * Admits the caller an operator chose among those a lookup found: a contractor user may choose only a person the
     * latest lookup of that inquiry found (else the refusal is on record); the ward's staff choose freely.
     */
    public void admitCallerChoice(Requester who, int fiscalYear, String inquiryId, long memberId, AccessContext why) {
        if (!who.in(Requester.WARD_STAFF) && !budget.wasFound(inquiryId, memberId)) {
            refuse(who, "LINK_CALLER", Purpose.INQUIRY, fiscalYear, List.of(memberId), Set.of(), why, "ユーザー " + who.userId()
                    + "：対象者 " + memberId + " は問い合わせ " + inquiryId + " の直前の照会で見つかった人ではありません");
        }
    }

    private List<String> open(int fiscalYear, List<SealedNote> notes) {
        List<String> opened = new ArrayList<>();
        for (SealedNote note : notes) {
            opened.add(note.sealed() == null ? "" : new String(cipher.open(fiscalYear, note.binding(), note.sealed()), StandardCharsets.UTF_8));
        }
        return opened;
    }

    private static String comparableName(String name) {
        if (name == null) {
            return "";
        }
        return java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFKC).replaceAll("[\\s\u3000・]", "");
    }


    /**
     * The print data of the mailing, the one export the contract itself provides for: the NOTICE
     * fields, recorded with the count and the SHA-256 of the file produced.
     */
    public ExportResult exportPrintData(Requester who, int fiscalYear, List<Long> memberIds, AccessContext why,
            OutputStream out, ExportWriter writer) {
        admit(who, Purpose.NOTICE, fiscalYear, memberIds, Purpose.NOTICE.fields(), why, "EXPORT");
        return write(who, Purpose.NOTICE, fiscalYear, memberIds, why, out, writer);
    }

    /**
     * The print data rendered by the system for the mailing (a job, not a person): the NOTICE fields of
     * the given members, recorded with the count and the SHA-256 of each file produced.
     */
    public ExportResult exportPrintDataForMailing(int fiscalYear, List<Long> memberIds, String mailingRef, OutputStream out,
            ExportWriter writer) {
        return exportPrintDataForMailing(fiscalYear, memberIds, mailingRef, List.of(new ExportFile(out, writer))).get(0);
    }

    /** One file of a multi-file export: where it goes and how it is written. */
    public record ExportFile(OutputStream out, ExportWriter writer) {
    }

    /**
     * Several print files of the same persons (say the PDF and the CSV of a batch) from one reading of
     * the data; each file is recorded on its own with its count and SHA-256.
     */
    public List<ExportResult> exportPrintDataForMailing(int fiscalYear, List<Long> memberIds, String mailingRef,
            List<ExportFile> files) {
        Requester system = new Requester("system:mailing", Set.of());
        Set<ViewField> fields = Purpose.NOTICE.fields();
        List<PersonView> views = load(Purpose.NOTICE, fiscalYear, memberIds, fields);
        List<ExportResult> results = new ArrayList<>();
        for (ExportFile file : files) {
            results.add(writeViews(system, Purpose.NOTICE, fiscalYear, views, fields, AccessContext.of(mailingRef), file.out(),
                    file.writer()));
        }
        return results;
    }

    /** Postal codes of members, read by the system to sort the mailing and count its bundles; recorded. */
    public Map<Long, String> postalCodesForMailing(int fiscalYear, List<Long> memberIds, String mailingRef) {
        Map<Long, String> codes = new HashMap<>();
        for (PersonView view : load(Purpose.NOTICE, fiscalYear, memberIds, EnumSet.of(ViewField.POSTAL_CODE))) {
            codes.put(view.memberId(), view.fields().get(ViewField.POSTAL_CODE.label()));
        }
        recordAllowed(new Requester("system:mailing", Set.of()), AuditAction.READ, subject(Purpose.NOTICE, fiscalYear,
                new ArrayList<>(codes.keySet()), EnumSet.of(ViewField.POSTAL_CODE)), AccessContext.of(mailingRef));
        return codes;
    }

    /**
     * Any other export of personal data (provision 5): allowed only with the ward's approval for this
     * requester, year, purpose and number of persons, which it uses up.
     */
    @org.springframework.transaction.annotation.Transactional
    public ExportResult export(Requester who, Purpose purpose, int fiscalYear, List<Long> memberIds, AccessContext why,
            Long approvalId, OutputStream out, ExportWriter writer) {
        admit(who, purpose, fiscalYear, memberIds, purpose.fields(), why, "EXPORT");
        String refused = exportApprovals.use(approvalId, who, fiscalYear, purpose, memberIds.size());
        if (refused != null) {
            recordRefused(who, AuditAction.EXPORT, subject(purpose, fiscalYear, memberIds, purpose.fields()), why, refused);
            throw new AccessRefusedException(refused);
        }
        return write(who, purpose, fiscalYear, memberIds, why, out, writer);
    }

    private ExportResult write(Requester who, Purpose purpose, int fiscalYear, List<Long> memberIds, AccessContext why,
            OutputStream out, ExportWriter writer) {
        Set<ViewField> fields = purpose.fields();
        return writeViews(who, purpose, fiscalYear, load(purpose, fiscalYear, memberIds, fields), fields, why, out, writer);
    }

    private ExportResult writeViews(Requester who, Purpose purpose, int fiscalYear, List<PersonView> views, Set<ViewField> fields,
            AccessContext why, OutputStream out, ExportWriter writer) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (OutputStream file = new DigestOutputStream(new NonClosing(out), sha256)) {
            writer.write(List.copyOf(fields), views, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String hash = HexFormat.of().formatHex(sha256.digest());
        recordAllowed(who, AuditAction.EXPORT, subject(purpose, fiscalYear, ids(views), fields), why,
                new AuditLog.Export(views.size(), hash));
        return new ExportResult(views.size(), hash);
    }

    /**
     * Who of the year's frozen target list took this fiscal year's checkup, and on which day, for the
     * effect analysis (purpose ANALYSIS, field 健診結果): the exam dates of the results of the fiscal year
     * on or before the cut-off date, nothing else of the results. Admitted like any ANALYSIS read (the
     * ward's staff, or an analyst designated and trained for the year); one audit record names the
     * people whose attendance was read and the count.
     *
     * @return exam date by member id, only for the targets who attended by the cut-off date
     */
    public Map<Long, LocalDate> attendanceForAnalysis(Requester who, int fiscalYear, LocalDate cutOff, AccessContext why) {
        Set<ViewField> fields = EnumSet.of(ViewField.CHECKUP_RESULTS);
        admit(who, Purpose.ANALYSIS, fiscalYear, List.of(), fields, why, "ANALYSIS_READ");
        Map<Long, LocalDate> attended = new HashMap<>();
        jdbc.query("""
                select r.member_id, r.exam_date from checkup_result r
                where r.cycle_year = ? and r.result_year = ? and r.exam_date <= ?
                  and r.member_id in (select e.member_id from selection_entry e join selection_run s on s.id = e.run_id
                                      where s.fiscal_year = ? and s.status = 'FROZEN' and e.eligible)""",
                rs -> {
                    attended.put(rs.getLong(1), rs.getDate(2).toLocalDate());
                }, fiscalYear, fiscalYear, java.sql.Date.valueOf(cutOff), fiscalYear);
        List<Long> ids = attended.keySet().stream().sorted().toList();
        String reason = (why == null || why.reason() == null ? "効果分析" : why.reason()) + "：" + fiscalYear + "年度の受診の有無（"
                + cutOff + " までの実施日）、受診 " + ids.size() + " 人";
        recordAllowed(who, AuditAction.ANALYSIS_READ, subject(Purpose.ANALYSIS, fiscalYear, ids, fields),
                new AccessContext(why == null ? null : why.taskId(), why == null ? null : why.processInstanceId(), reason));
        return attended;
    }

    /** The result items the effect analysis's health yield needs (issue 16): the guidance level and its measured inputs. */
    public static final List<String> ANALYSIS_ITEMS = List.of("保健指導レベル", "腹囲", "BMI", "収縮期血圧", "拡張期血圧", "中性脂肪",
            "HDLコレステロール", "空腹時血糖", "HbA1c");

    /**
     * One attendee's result as the analysis sees it: the exam date and only {@link #ANALYSIS_ITEMS} (absent items
     * were not measured).
     */
    public record AnalysisResult(LocalDate examDate, Map<String, String> items) {
    }

    /**
     * What the effect analysis reads of the checkup results (purpose ANALYSIS, field 健診結果): for the year's frozen
     * targets who attended by the cut-off date, the exam date and the items of {@link #ANALYSIS_ITEMS}; and which
     * targets have a result of an earlier fiscal year (attended before, a stratum of the analysis). One audit record
     * names everybody of whom something was read and says what.
     *
     * @param attended result by member id, only for the targets who attended by the cut-off date
     * @param attendedBefore targets with a result of an earlier fiscal year
     */
    public record AnalysisResults(Map<Long, AnalysisResult> attended, Set<Long> attendedBefore) {
    }

    /** The results of the year's targets for the effect analysis; see {@link AnalysisResults}. */
    public AnalysisResults resultsForAnalysis(Requester who, int fiscalYear, LocalDate cutOff, AccessContext why) {
        Set<ViewField> fields = EnumSet.of(ViewField.CHECKUP_RESULTS);
        admit(who, Purpose.ANALYSIS, fiscalYear, List.of(), fields, why, "ANALYSIS_READ");
        Map<Long, AnalysisResult> attended = new HashMap<>();
        Set<Long> before = new java.util.HashSet<>();
        jdbc.query("""
                select r.member_id, r.result_year, r.exam_date, r.items from checkup_result r
                where r.cycle_year = ? and (r.result_year < ? or (r.result_year = ? and r.exam_date <= ?))
                  and r.member_id in (select e.member_id from selection_entry e join selection_run s on s.id = e.run_id
                                      where s.fiscal_year = ? and s.status = 'FROZEN' and e.eligible)""",
                rs -> {
                    long id = rs.getLong("member_id");
                    int year = rs.getInt("result_year");
                    if (year < fiscalYear) {
                        before.add(id);
                        return;
                    }
                    Map<String, String> items = new HashMap<>();
                    byte[] sealed = rs.getBytes("items");
                    if (sealed != null) {
                        String text = new String(cipher.open(fiscalYear, PersonalCipher.resultBinding(fiscalYear, id, year), sealed),
                                StandardCharsets.UTF_8);
                        for (String line : text.split("\n")) {
                            int eq = line.indexOf('=');
                            if (eq > 0 && ANALYSIS_ITEMS.contains(line.substring(0, eq)) && !line.substring(eq + 1).isBlank()) {
                                items.put(line.substring(0, eq), line.substring(eq + 1).strip());
                            }
                        }
                    }
                    attended.put(id, new AnalysisResult(rs.getDate("exam_date").toLocalDate(), Map.copyOf(items)));
                }, fiscalYear, fiscalYear, fiscalYear, java.sql.Date.valueOf(cutOff), fiscalYear);
        Set<Long> read = new TreeSet<>(attended.keySet());
        read.addAll(before);
        String reason = (why == null || why.reason() == null ? "効果分析" : why.reason()) + "：" + fiscalYear + "年度の受診の有無と結果項目（"
                + cutOff + " までの実施日、保健指導レベルと判定に使う項目）、受診 " + attended.size() + " 人；前年度以前の受診の有無、受診あり "
                + before.size() + " 人";
        recordAllowed(who, AuditAction.ANALYSIS_READ, subject(Purpose.ANALYSIS, fiscalYear, List.copyOf(read), fields),
                new AccessContext(why == null ? null : why.taskId(), why == null ? null : why.processInstanceId(), reason));
        return new AnalysisResults(Map.copyOf(attended), Set.copyOf(before));
    }

    /**
     * Birth dates of members, for an import that must check a row names the right person: opened from the rows the
     * import read when it matched the file to the year (each member once). Read by the system on behalf of the
     * import, and recorded like any other access. A row of another year does not open (its binding names the year).
     */
    public Map<Long, LocalDate> birthDatesForIdentityCheck(int fiscalYear, Collection<SealedMember> members, String importRef) {
        Map<Long, LocalDate> dates = new HashMap<>(members.size() * 2);
        PersonalCipher.Year keys = cipher.year(fiscalYear);
        for (SealedMember member : members) {
            if (!dates.containsKey(member.id())) {
                String birth = keys.openField(PersonalCipher.memberBinding(fiscalYear, member.personIndex()), member.personal(),
                        PersonalField.BIRTH_DATE);
                dates.put(member.id(), isoDate(birth));
            }
        }
        recordAllowed(new Requester("system", Set.of()), AuditAction.IDENTITY_CHECK, subject(null, fiscalYear,
                new ArrayList<>(dates.keySet()), EnumSet.of(ViewField.BIRTH_DATE)), AccessContext.of(importRef));
        return dates;
    }

    /**
     * A member's row as the caller read it to match a file to the year (its id, keyed 整理番号 and sealed record): the
     * door opens what the check needs, so the caller reads each member once.
     */
    public record SealedMember(long id, byte[] personIndex, byte[] personal) {
    }

    /**
     * Every personal value of a fiscal year, for the scan that proves its deletion: read by the
     * system for the deletion process, recorded like any other access. Birth dates come in both forms
     * (1960-04-02 and 19600402).
     */
    public void personalValuesForDeletionScan(int fiscalYear, java.util.function.Consumer<String> values, String deletionRef) {
        List<Long> ids = eachRecordOfYearOnTwoThreads(fiscalYear, (id, record) -> record.forEach((field, value) -> {
            if (value != null && !value.isBlank()) {
                values.accept(value);
                if (field == PersonalField.BIRTH_DATE) {
                    values.accept(value.replace("-", ""));
                }
            }
        }));
        recordAllowed(new Requester("system", Set.of()), AuditAction.DELETION_SCAN,
                subject(null, fiscalYear, ids, EnumSet.allOf(ViewField.class)), AccessContext.of(deletionRef));
    }

    /**
     * The 整理番号 of every member of a fiscal year, for the seeded holdout draw of a target selection (the
     * order within a stratum is a hash of the seed and the number, so a draw can be recomputed from the file).
     * Read by the system on behalf of the selection, recorded like any other access.
     */
    public void personNumbersForHoldoutDraw(int fiscalYear, java.util.function.ObjLongConsumer<String> numbers, String selectionRef) {
        List<Long> ids = eachRecordOfYear(fiscalYear, (id, record) -> numbers.accept(record.get(PersonalField.PERSON_NO), id));
        recordAllowed(new Requester("system", Set.of()), AuditAction.HOLDOUT_DRAW,
                subject(null, fiscalYear, ids, EnumSet.noneOf(ViewField.class)), AccessContext.of(selectionRef));
    }

    /** Rows of a year's members fetched this many at a time: a ward of millions is never held in memory at once. */
    private static final int YEAR_FETCH_SIZE = 5_000;

    /**
     * Every member of a year with their opened record, read through a cursor (in a read-only transaction of its own, or
     * the caller's, since PostgreSQL's driver fetches in parts only inside a transaction) with one look-up of the year's
     * key; returns the members' ids, for the caller's audit record.
     */
    private List<Long> eachRecordOfYear(int fiscalYear, java.util.function.BiConsumer<Long, Map<PersonalField, String>> record) {
        PersonalCipher.Year keys = cipher.year(fiscalYear);
        return readOnly.execute(status -> jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<List<Long>>)
                connection -> readRecords(connection, keys, fiscalYear, "true", record)));
    }

    /**
     * Every member of a year with their opened record, as {@link #eachRecordOfYear} but on two threads: the year's ids
     * are split at the middle of their range (an import numbers its rows one after the other), each half read through a
     * cursor of its own in a read-only transaction, the second under the snapshot the first exported (as a parallel
     * {@code pg_dump} does), so that both read the same rows whatever is written meanwhile. {@code record} is called
     * from both threads at once.
     */
    private List<Long> eachRecordOfYearOnTwoThreads(int fiscalYear,
            java.util.function.BiConsumer<Long, Map<PersonalField, String>> record) {
        PersonalCipher.Year keys = cipher.year(fiscalYear);
        try (java.sql.Connection first = readOnlySnapshot(null)) {
            try {
                String snapshot;
                long middle;
                try (java.sql.PreparedStatement statement = first.prepareStatement("select pg_export_snapshot(),"
                        + " (select (min(id) + max(id)) / 2 + 1 from member where fiscal_year = ?)")) {
                    statement.setInt(1, fiscalYear);
                    try (java.sql.ResultSet rs = statement.executeQuery()) {
                        rs.next();
                        snapshot = rs.getString(1);
                        middle = rs.getLong(2); // 0 for a year without members: the second half reads them all
                    }
                }
                // the second half beside this thread's first; the snapshot stays exported while this transaction is
                // open, and the second imports it before reading
                java.util.concurrent.CompletableFuture<List<Long>> second = java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> secondHalf(snapshot, keys, fiscalYear, "id >= " + middle, record), runnable -> {
                            Thread thread = new Thread(runnable, "year-records-" + fiscalYear);
                            thread.setDaemon(true);
                            thread.start();
                        });
                List<Long> ids;
                try {
                    ids = readRecords(first, keys, fiscalYear, "id < " + middle, record);
                } catch (RuntimeException | java.sql.SQLException e) {
                    second.cancel(true);
                    throw e;
                }
                try {
                    ids.addAll(second.join());
                } catch (java.util.concurrent.CompletionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : e;
                }
                return ids;
            } finally {
                first.rollback();
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Reading the members of fiscal year " + fiscalYear + " failed: " + e.getSQLState(), e);
        }
    }

    private List<Long> secondHalf(String snapshot, PersonalCipher.Year keys, int fiscalYear, String half,
            java.util.function.BiConsumer<Long, Map<PersonalField, String>> record) {
        try (java.sql.Connection other = readOnlySnapshot(snapshot)) {
            try {
                return readRecords(other, keys, fiscalYear, half, record);
            } finally {
                other.rollback();
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Reading the members of fiscal year " + fiscalYear + " (second half) failed: "
                    + e.getSQLState(), e);
        }
    }

    /** A pooled connection in a read-only repeatable-read transaction; under an exported snapshot when one is given. */
    private java.sql.Connection readOnlySnapshot(String snapshot) throws java.sql.SQLException {
        java.sql.Connection connection = jdbc.getDataSource().getConnection();
        try {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(java.sql.Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            if (snapshot != null) {
                try (java.sql.Statement statement = connection.createStatement()) {
                    statement.execute("set transaction snapshot '" + snapshot.replace("'", "") + "'");
                }
            }
            return connection;
        } catch (java.sql.SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** The year's members whose id meets {@code half} ("true" for all), each with its opened record, by cursor. */
    private static List<Long> readRecords(java.sql.Connection connection, PersonalCipher.Year keys, int fiscalYear,
            String half, java.util.function.BiConsumer<Long, Map<PersonalField, String>> record) throws java.sql.SQLException {
        List<Long> ids = new ArrayList<>();
        try (java.sql.PreparedStatement statement = connection.prepareStatement(
                "select id, person_index, personal from member where fiscal_year = ? and " + half)) {
            statement.setFetchSize(YEAR_FETCH_SIZE);
            // the sealed records in binary form (the driver asks for it from the first run of a statement only when
            // forced): as text each would come hex-encoded by the server and decoded here
            statement.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(-1);
            statement.setInt(1, fiscalYear);
            try (java.sql.ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    ids.add(id);
                    record.accept(id, keys.openRecord(PersonalCipher.memberBinding(fiscalYear, rs.getBytes(2)), rs.getBytes(3)));
                }
            }
        }
        return ids;
    }

    /** Closes the door on a fiscal year for good: its key is destroyed, so no copy of its data opens again. */
    public void destroyYear(int fiscalYear, String by) {
        yearKeys.destroy(fiscalYear, by);
    }

    /** Where the year keys live (for the certificate: a copy of that folder would still open a copy of the database). */
    public java.nio.file.Path keyStore() {
        return yearKeys.keyStore();
    }

    public boolean isYearDestroyed(int fiscalYear) {
        return yearKeys.isDestroyed(fiscalYear);
    }

    /** The reason the door refuses, or empty when it admits. */
    public Optional<String> refusal(Requester who, Purpose purpose, int fiscalYear) {
        if (who.in(Requester.WARD_STAFF)) {
            return Optional.empty(); // the ward's own staff: everything of its own ward
        }
        boolean groupFits = who.in(Requester.CONTRACTOR_LEAD)
                || who.in(Requester.CONTRACTOR_OPERATOR) && purpose != Purpose.ANALYSIS
                || who.in(Requester.ANALYST) && purpose == Purpose.ANALYSIS;
        if (!groupFits) {
            return Optional.of("ユーザー " + who.userId() + " のグループ（" + String.join("、", new TreeSet<>(who.groups()))
                    + "）では目的 " + purpose + " の個人情報を扱えません");
        }
        LocalDate today = LocalDate.now(clock);
        Optional<Designation> designation = designations.find(fiscalYear, who.userId());
        if (designation.isEmpty()) {
            return Optional.of("ユーザー " + who.userId() + " は " + fiscalYear + " 年度の取扱者に指定されていません");
        }
        if (!designation.get().covers(purpose, today)) {
            return Optional.of("ユーザー " + who.userId() + " は本日、目的 " + purpose + " の取扱者に指定されていません");
        }
        if (!designation.get().trainedBy(today)) {
            return Optional.of("ユーザー " + who.userId() + " の個人情報保護研修の記録がありません（特記事項10）");
        }
        if (!designations.handoverAllowed(fiscalYear)) {
            return Optional.of(fiscalYear + " 年度の契約の確認が済んでいないため、委託先に個人情報を渡せません");
        }
        return Optional.empty();
    }

    private void admit(Requester who, Purpose purpose, int fiscalYear, List<Long> memberIds, Set<ViewField> fields,
            AccessContext why, String action) {
        Optional<String> refused = refusal(who, purpose, fiscalYear);
        if (refused.isPresent()) {
            recordRefused(who, AuditAction.valueOf(action), subject(purpose, fiscalYear, memberIds, fields), why, refused.get());
            throw new AccessRefusedException(refused.get());
        }
    }

    private void refuse(Requester who, String action, Purpose purpose, int fiscalYear, List<Long> memberIds, Set<ViewField> fields,
            AccessContext why, String reason) {
        recordRefused(who, AuditAction.valueOf(action), subject(purpose, fiscalYear, memberIds, fields), why, reason);
        throw new AccessRefusedException(reason);
    }

    /**
     * A contractor user reads one person, the person of a task they hold: the call task's case, or the inquiry whose
     * caller was found. Bulk reads and reads outside a task are refused and recorded.
     */
    private void needToKnow(Requester who, Purpose purpose, int fiscalYear, List<Long> memberIds, Set<ViewField> fields,
            AccessContext why, String action) {
        if (memberIds.size() != 1) {
            refuse(who, action, purpose, fiscalYear, memberIds, fields, why, "ユーザー " + who.userId() + "：複数の対象者（"
                    + memberIds.size() + " 人）の一括の閲覧は区の職員に限ります。委託先は担当するタスクの対象者を一人ずつ閲覧してください");
        }
        WorkInHand.Work work = workHeld(who, purpose, fiscalYear, memberIds, fields, why, action);
        if (work.memberId() == null || work.memberId() != memberIds.get(0).longValue()) {
            refuse(who, action, purpose, fiscalYear, memberIds, fields, why, "ユーザー " + who.userId() + "：対象者 " + memberIds.get(0)
                    + " はタスク " + work.taskId() + "（" + work.workRef() + "）の対象者ではありません");
        }
        if (purpose == Purpose.INQUIRY) {
            countLookup(who, work, fiscalYear, memberIds, fields, why, action);
        }
    }

    private WorkInHand.Work workHeld(Requester who, Purpose purpose, int fiscalYear, List<Long> memberIds, Set<ViewField> fields,
            AccessContext why, String action) {
        if (purpose != Purpose.CALL && purpose != Purpose.INQUIRY) {
            refuse(who, action, purpose, fiscalYear, memberIds, fields, why, "ユーザー " + who.userId() + "：目的 " + purpose
                    + " の個人情報を対象者ごとに閲覧できるのは区の職員だけです");
        }
        String taskId = why == null ? null : why.taskId();
        if (taskId == null || taskId.isBlank()) {
            refuse(who, action, purpose, fiscalYear, memberIds, fields, why, "ユーザー " + who.userId()
                    + "：タスクの指定がありません。委託先は担当するタスク（taskId）の対象者だけを閲覧できます");
        }
        WorkInHand source = workInHand.getIfAvailable();
        WorkInHand.Held held = source == null ? WorkInHand.Held.refused("タスクを確認できません")
                : source.held(who, purpose, taskId);
        if (held.refusal() != null) {
            refuse(who, action, purpose, fiscalYear, memberIds, fields, why, "ユーザー " + who.userId() + "：" + held.refusal());
        }
        if (held.work().fiscalYear() != fiscalYear) {
            refuse(who, action, purpose, fiscalYear, memberIds, fields, why, "ユーザー " + who.userId() + "：タスク " + taskId + " は "
                    + held.work().fiscalYear() + " 年度の業務です（" + fiscalYear + " 年度ではありません）");
        }
        return held.work();
    }

    private void countLookup(Requester who, WorkInHand.Work inquiry, int fiscalYear, List<Long> memberIds, Set<ViewField> fields,
            AccessContext why, String action) {
        if (!budget.lookUp(inquiry.workRef())) {
            refuse(who, action, Purpose.INQUIRY, fiscalYear, memberIds, fields, why, "ユーザー " + who.userId() + "：問い合わせ "
                    + inquiry.workRef() + " での本人照会は " + limits.lookupsPerInquiry() + " 回までです");
        }
    }

    /** Counts the persons against the user's read budget, or refuses past it (alerting the ward once per window). */
    private void spend(Requester who, Purpose purpose, int fiscalYear, List<Long> memberIds, Set<ViewField> fields,
            AccessContext why, String action, int persons) {
        ReadBudget.Spent spent = budget.spend(who.userId(), persons, clock.instant());
        if (spent.admitted()) {
            return;
        }
        if (spent.alertNow()) {
            events.publishEvent(new ReadBudgetExceeded(who.userId(), fiscalYear, spent.window(), spent.windowStart(),
                    spent.personsRead(), spent.limit(), spent.hourCount(), spent.dayCount()));
        }
        refuse(who, action, purpose, fiscalYear, memberIds, fields, why, "ユーザー " + who.userId() + "：個人情報の閲覧の上限（"
                + ("HOUR".equals(spent.window()) ? "1 時間" : "1 日") + "あたり " + spent.limit() + " 人）を超えるため閲覧できません（この"
                + ("HOUR".equals(spent.window()) ? "1 時間" : "日") + "の閲覧 " + spent.personsRead() + " 人）。区に報告されます");
    }

    private List<PersonView> load(Purpose purpose, int fiscalYear, List<Long> memberIds, Set<ViewField> fields) {
        Map<Long, String> results = purpose == Purpose.ANALYSIS ? results(fiscalYear, memberIds) : Map.of();
        List<PersonView> views = new ArrayList<>();
        jdbc.query("select id, person_index, sex, personal from member where fiscal_year = ? and id = any (?) order by id",
                ps -> {
                    ps.setInt(1, fiscalYear);
                    ps.setArray(2, ps.getConnection().createArrayOf("bigint", memberIds.toArray()));
                },
                rs -> {
                    long id = rs.getLong("id");
                    Map<PersonalField, String> values = cipher.openRecord(fiscalYear,
                            PersonalCipher.memberBinding(fiscalYear, rs.getBytes("person_index")), rs.getBytes("personal"));
                    Map<String, String> view = new LinkedHashMap<>();
                    for (ViewField field : fields) {
                        view.put(field.label(), switch (field) {
                            case SEX -> rs.getInt("sex") == 1 ? "1" : "2";
                            case CHECKUP_RESULTS -> results.getOrDefault(id, "");
                            default -> values.getOrDefault(PersonalField.valueOf(field.name()), "");
                        });
                    }
                    views.add(new PersonView(id, view));
                });
        return views;
    }

    private Map<Long, String> results(int fiscalYear, List<Long> memberIds) {
        Map<Long, String> results = new HashMap<>();
        jdbc.query("""
                select member_id, result_year, exam_date, items from checkup_result
                where cycle_year = ? and member_id = any (?) order by member_id, result_year""",
                ps -> {
                    ps.setInt(1, fiscalYear);
                    ps.setArray(2, ps.getConnection().createArrayOf("bigint", memberIds.toArray()));
                },
                rs -> {
                    long id = rs.getLong("member_id");
                    int year = rs.getInt("result_year");
                    byte[] items = rs.getBytes("items");
                    String text = items == null ? "" : new String(cipher.open(fiscalYear,
                            PersonalCipher.resultBinding(fiscalYear, id, year), items), StandardCharsets.UTF_8).replace('\n', ';');
                    results.merge(id, year + "年度 " + rs.getDate("exam_date") + " " + text, (a, b) -> a + " / " + b);
                });
        return results;
    }

    /** An allowed access; its detail is the reason the work states. */
    private void recordAllowed(Requester who, AuditAction action, AuditLog.Subject subject, AccessContext why) {
        recordAllowed(who, action, subject, why, AuditLog.Export.NONE);
    }

    private void recordAllowed(Requester who, AuditAction action, AuditLog.Subject subject, AccessContext why,
            AuditLog.Export export) {
        record(who, action, subject, why, AuditLog.Outcome.allowed(why == null ? null : why.reason()), export);
    }

    private void recordRefused(Requester who, AuditAction action, AuditLog.Subject subject, AccessContext why, String reason) {
        record(who, action, subject, why, AuditLog.Outcome.refused(reason), AuditLog.Export.NONE);
    }

    private void record(Requester who, AuditAction action, AuditLog.Subject subject, AccessContext why,
            AuditLog.Outcome outcome, AuditLog.Export export) {
        // a whole year's members (a holdout draw, a deletion scan) may need several records: one per 100,000
        audit.appendInParts(new AuditLog.Access(new AuditLog.Who(who.userId(), String.join(",", new TreeSet<>(who.groups()))), action,
                subject, why == null ? AuditLog.Context.NONE : new AuditLog.Context(why.taskId(), why.processInstanceId()),
                outcome, export));
    }

    /** The data of a record: the purpose (or none), the year, the members and the fields' labels. */
    private static AuditLog.Subject subject(Purpose purpose, int fiscalYear, List<Long> memberIds, Set<ViewField> fields) {
        return new AuditLog.Subject(purpose == null ? null : purpose.name(), fiscalYear, memberIds,
                fields.stream().map(ViewField::label).collect(Collectors.joining(",")));
    }

    private static List<Long> ids(List<PersonView> views) {
        return views.stream().map(PersonView::memberId).toList();
    }

    /** Lets the door close its writer without closing the caller's stream. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    /** A stored birth date (yyyy-MM-dd). Its failure never quotes the value, as the parser's own would: a birth date is personal. */
    static LocalDate isoDate(String text) {
        if (text == null || text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            throw notADate();
        }
        try {
            return LocalDate.of(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10));
        } catch (java.time.DateTimeException e) {
            throw notADate();
        }
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw notADate();
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static IllegalStateException notADate() {
        return new IllegalStateException("A member's stored birth date is not a date in the form yyyy-MM-dd");
    }
}
