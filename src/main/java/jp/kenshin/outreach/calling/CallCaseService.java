package jp.kenshin.outreach.calling;

import java.time.Instant;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.kenshin.outreach.members.MemberPhones;
import jp.kenshin.outreach.privacy.PersonalDataService;
import jp.kenshin.outreach.privacy.PersonalDataService.AccessContext;
import jp.kenshin.outreach.privacy.PersonalDataService.SealedNote;
import jp.kenshin.outreach.privacy.Purpose;
import jp.kenshin.outreach.privacy.Requester;
import jp.kenshin.outreach.selection.TargetSelectionService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The call cases of phone outreach: who is phoned (the frozen list's NOTICE_AND_CALL targets with a usable
 * number who have not opted out or attended), each call made, and how each case ended. Ids and codes
 * only; the person's fields and the notes go through the door.
 */
@Service
public class CallCaseService {

    private static final Logger log = LoggerFactory.getLogger(CallCaseService.class);

    /** A case as the engine and the reports see it: ids, codes and counts. */
    public record CallCase(String id, int fiscalYear, long memberId, CaseState state, int attempts, String processInstanceId) {
    }

    /** One call made. */
    public record Attempt(int attemptNo, CallOutcome outcome, TimeBand band, String operator, Instant calledAt,
            Instant callbackAt, String taskId) {
    }

    /** What the call form shows: the CALL fields of the person, the script, and the calls so far with their notes. */
    public record CallView(CallCase callCase, Map<String, String> person, List<Attempt> attempts, List<String> notes) {
    }

    private static final String CASES = "select id, fiscal_year, member_id, state, attempts, process_instance_id from call_case";

    private final JdbcTemplate jdbc;
    private final PersonalDataService door;
    private final CallingHours hours;
    private final TargetSelectionService selection;
    private final MemberPhones phones;

    public CallCaseService(JdbcTemplate jdbc, PersonalDataService door, CallingHours hours, TargetSelectionService selection,
            MemberPhones phones) {
        this.jdbc = jdbc;
        this.door = door;
        this.hours = hours;
        this.selection = selection;
        this.phones = phones;
    }

    /**
     * Opens a case for every NOTICE_AND_CALL target of the year's frozen list whose number is usable and who
     * has neither opted out nor attended this year. Repeating it opens only what is missing.
     *
     * @return the number of cases of the year
     */
    @Transactional
    public int openCases(int fiscalYear) {
        Long frozen = selection.frozenRun(fiscalYear);
        if (frozen == null) {
            throw new IllegalStateException(fiscalYear + " 年度の対象者リストが確定していません");
        }
        // case ids look like CC2026N0000123: the letter keeps them from ever reading like an insurance number
        // (12-0000123) or a ticket number, so a scan of the engine's tables for personal values stays meaningful
        int opened = jdbc.update("""
                insert into call_case (id, fiscal_year, member_id)
                select 'CC' || ? || 'N' || lpad(nextval('call_case_seq')::text, 7, '0'), ?, e.member_id
                from selection_entry e join member m on m.id = e.member_id
                where e.run_id = ? and e.eligible and e.target_group = 'NOTICE_AND_CALL' and m.phone_usable
                  and not exists (select 1 from contact_opt_out o where o.fiscal_year = ? and o.member_id = e.member_id)
                  and not exists (select 1 from checkup_result r where r.member_id = e.member_id and r.result_year = ?)
                  and not exists (select 1 from call_case c where c.fiscal_year = ? and c.member_id = e.member_id)
                order by e.member_id""", fiscalYear, fiscalYear, frozen, fiscalYear, fiscalYear, fiscalYear);
        if (opened > 0) {
            jdbc.execute("analyze call_case"); // for the starter's and the desk's queries that follow at once
        }
        int cases = count(fiscalYear);
        log.info("Phone outreach {}: {} call cases opened, {} in all", fiscalYear, opened, cases);
        return cases;
    }

    public int count(int fiscalYear) {
        return jdbc.queryForObject("select count(*) from call_case where fiscal_year = ?", Integer.class, fiscalYear);
    }

    /** Whether any open case waits for its process (the partial index answers it). */
    public boolean anyToStart() {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from call_case where process_instance_id is null and state = 'OPEN')", Boolean.class));
    }

    /**
     * Open cases whose process has not been started yet, oldest first, locked for the caller's transaction;
     * cases another starter has locked are skipped, so starters in parallel take different cases.
     */
    public List<CallCase> casesToStart(int limit) {
        return jdbc.query(CASES + """
                 where process_instance_id is null and state = 'OPEN' order by fiscal_year, id limit ?
                for update skip locked""",
                (rs, i) -> caseOf(rs), limit);
    }

    /**
     * Locks the open, started cases among these for the caller's transaction, in id order, to end their calls, and
     * returns each one's process instance id. A second caller (the sweep of another node, or an import's message at
     * the same moment) waits for the first one's commit and then finds the cases ended, so the stop message goes to
     * each case once.
     */
    public Map<String, String> lockOpenCases(Collection<String> caseIds) {
        Map<String, String> open = new java.util.LinkedHashMap<>();
        if (caseIds.isEmpty()) {
            return open;
        }
        jdbc.query("""
                select id, process_instance_id from call_case where id = any (?) and state = 'OPEN' and process_instance_id is not null
                order by id for update""", rs -> {
                    open.put(rs.getString(1), rs.getString(2));
                }, (Object) caseIds.toArray(String[]::new));
        return open;
    }

    /**
     * Whether this transaction holds the cluster-wide lock of a background task (a PostgreSQL advisory lock, released
     * at commit); false at once when another node holds it.
     */
    public boolean tryBackgroundLock(long lock) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select pg_try_advisory_xact_lock(?)", Boolean.class, lock));
    }

    /** Records the process started for each case (in the transaction that started them). */
    public void markStarted(Map<String, String> processInstanceByCase) {
        List<Object[]> rows = new ArrayList<>();
        processInstanceByCase.forEach((caseId, pid) -> rows.add(new Object[] {pid, caseId}));
        jdbc.batchUpdate("update call_case set process_instance_id = ? where id = ? and process_instance_id is null", rows);
    }

    public CallCase find(String caseId) {
        return jdbc.query(CASES + " where id = ?", (rs, i) -> caseOf(rs), caseId).stream().findFirst()
                .orElseThrow(() -> new IllegalArgumentException("架電ケース " + caseId + " はありません"));
    }

    /** The case a phone-outreach instance works on. */
    public CallCase findByProcess(String processInstanceId) {
        return jdbc.query(CASES + " where process_instance_id = ?", (rs, i) -> caseOf(rs), processInstanceId).stream().findFirst()
                .orElseThrow(() -> new IllegalArgumentException("プロセス " + processInstanceId + " の架電ケースはありません"));
    }

    /** The open cases of these members (to end their calls). */
    public List<String> openCasesOf(int fiscalYear, Collection<Long> memberIds) {
        if (memberIds.isEmpty()) {
            return List.of();
        }
        return jdbc.queryForList("""
                select id from call_case where fiscal_year = ? and state = 'OPEN' and process_instance_id is not null
                  and member_id = any (?) order by id""", String.class, fiscalYear, memberIds.toArray(Long[]::new));
    }

    /**
     * Open cases that should already have ended: the person has a checkup of the year on record or has
     * opted out. A sweep ends them in case a message was lost (for example a restart right after an import).
     */
    public List<CallCase> casesToStop() {
        return jdbc.query("""
                select id, fiscal_year, member_id, attempts, process_instance_id, reason from (
                  select c.*,
                    case when exists (select 1 from checkup_result r where r.member_id = c.member_id and r.result_year = c.fiscal_year)
                           then 'ATTENDED'
                         when exists (select 1 from contact_opt_out o where o.fiscal_year = c.fiscal_year and o.member_id = c.member_id)
                           then 'OPTED_OUT' end as reason
                  from call_case c where c.state = 'OPEN' and c.process_instance_id is not null) open
                where reason is not null order by id limit 1000""",
                (rs, i) -> new CallCase(rs.getString("id"), rs.getInt("fiscal_year"), rs.getLong("member_id"),
                        CaseState.valueOf(rs.getString("reason")), rs.getInt("attempts"), rs.getString("process_instance_id")));
    }

    /**
     * Records one call of a case, once per task: a second recording of the same task (a retry, or a second
     * operator) changes nothing and returns the first. The note, if any, is sealed through the door. {@code now}
     * is the engine's time, which places the call in its time band.
     */
    @Transactional
    public Attempt recordAttempt(String caseId, String taskId, CallOutcome outcome, Instant callbackAt, Requester operator,
            String note, Instant now, AccessContext why) {
        CallCase callCase = find(caseId);
        if (callCase.state() != CaseState.OPEN) {
            throw new IllegalStateException("架電ケース " + caseId + " はすでに終了しています（" + callCase.state().label() + "）");
        }
        if (outcome == CallOutcome.CALLBACK_REQUESTED && callbackAt == null) {
            throw new IllegalArgumentException("かけ直し希望には希望日時（callbackAt）が必要です");
        }
        Optional<Attempt> recorded = attemptOfTask(taskId);
        if (recorded.isPresent()) {
            return recorded.get();
        }
        if (callbackAt != null && !callbackAt.isAfter(now)) {
            throw new IllegalArgumentException("かけ直しの希望日時は現在より後にしてください");
        }
        int attemptNo = callCase.attempts() + 1;
        String binding = "call-note:" + caseId + ":" + attemptNo;
        byte[] sealed = note == null || note.isBlank() ? null
                : door.sealNote(operator, Purpose.CALL, callCase.fiscalYear(), callCase.memberId(), binding, note.strip(), why);
        TimeBand band = hours.band(now);
        int inserted = jdbc.update("""
                insert into call_attempt (case_id, attempt_no, task_id, outcome, time_band, operator, called_at, callback_at, note)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""",
                caseId, attemptNo, taskId, outcome.name(), band.name(), operator.userId(), Timestamp.from(now),
                callbackAt == null ? null : Timestamp.from(callbackAt), sealed);
        if (inserted == 0) {
            return attemptOfTask(taskId).orElseThrow(() -> new IllegalStateException(
                    "架電ケース " + caseId + " の " + attemptNo + " 回目の架電は別の担当者が記録済みです"));
        }
        jdbc.update("update call_case set attempts = ? where id = ?", attemptNo, caseId);
        return new Attempt(attemptNo, outcome, band, operator.userId(), now, callbackAt, taskId);
    }

    public Optional<Attempt> attemptOfTask(String taskId) {
        return jdbc.query("""
                select attempt_no, outcome, time_band, operator, called_at, callback_at, task_id from call_attempt where task_id = ?""",
                (rs, i) -> attemptOf(rs), taskId).stream().findFirst();
    }

    public List<Attempt> attempts(String caseId) {
        return jdbc.query("""
                select attempt_no, outcome, time_band, operator, called_at, callback_at, task_id from call_attempt
                where case_id = ? order by attempt_no""", (rs, i) -> attemptOf(rs), caseId);
    }

    /** The bands of the calls made so far, in order. */
    public List<TimeBand> bandsTried(String caseId) {
        return attempts(caseId).stream().map(Attempt::band).toList();
    }

    /**
     * Ends a case with its reason (once: a case that already ended keeps its first reason). A wrong number
     * marks the person's phone unusable for the cycle; "do not call" records an opt-out.
     */
    @Transactional
    public boolean close(String caseId, CaseState state, String by) {
        if (state == CaseState.OPEN) {
            throw new IllegalArgumentException("終了理由が指定されていません");
        }
        CallCase callCase = find(caseId);
        int changed = jdbc.update("update call_case set state = ?, closed_at = now() where id = ? and state = 'OPEN'",
                state.name(), caseId);
        if (changed == 0) {
            return false;
        }
        if (state == CaseState.WRONG_NUMBER) {
            phones.markUnusable(callCase.memberId());
        }
        if (state == CaseState.OPTED_OUT) {
            recordOptOut(callCase.fiscalYear(), callCase.memberId(), "CALL", caseId, by);
        }
        return true;
    }

    /**
     * Ends up to {@code limit} cases of the year still open at the results cut-off, in the caller's transaction
     * (state {@link CaseState#ENDED_AT_CUT_OFF}, closed now), and returns them with their process instance ids. The
     * cases are locked first: with {@code skipLocked} a case another transaction holds (an import ending it on
     * attendance, a call being recorded, a second node's batch) is left for a later batch; without it the batch waits
     * for that transaction and takes the case only if it is still open then. A case ended meanwhile is never taken.
     */
    public List<CallCase> endAtCutOff(int fiscalYear, int limit, boolean skipLocked) {
        List<CallCase> ended = jdbc.query("""
                with picked as (
                  select id from call_case where fiscal_year = ? and state = 'OPEN' order by id limit ?
                  for update""" + (skipLocked ? " skip locked" : "") + """
                )
                update call_case c set state = 'ENDED_AT_CUT_OFF', closed_at = now() from picked
                where c.id = picked.id and c.state = 'OPEN'
                returning c.id, c.fiscal_year, c.member_id, c.state, c.attempts, c.process_instance_id""",
                (rs, i) -> caseOf(rs), fiscalYear, limit);
        if (!ended.isEmpty()) {
            // their tasks are ended without the task listeners that would withdraw them from the call queue
            jdbc.update("delete from call_queue where case_id = any (?)", (Object) ended.stream().map(CallCase::id).toArray(String[]::new));
        }
        return ended;
    }

    /** How many cases of the year are still open. */
    public long openCount(int fiscalYear) {
        return jdbc.queryForObject("select count(*) from call_case where fiscal_year = ? and state = 'OPEN'", Long.class, fiscalYear);
    }

    /** Records that a person asked not to be contacted again this cycle; true when it is new. */
    public boolean recordOptOut(int fiscalYear, long memberId, String source, String sourceRef, String by) {
        return jdbc.update("""
                insert into contact_opt_out (fiscal_year, member_id, source, source_ref, recorded_by) values (?, ?, ?, ?, ?)
                on conflict do nothing""", fiscalYear, memberId, source, sourceRef, by) == 1;
    }

    public boolean hasOptedOut(int fiscalYear, long memberId) {
        return jdbc.queryForObject("select count(*) from contact_opt_out where fiscal_year = ? and member_id = ?",
                Integer.class, fiscalYear, memberId) > 0;
    }

    /**
     * The call form's data: the CALL purpose's fields of the case's person and the notes of earlier calls,
     * read through the door in one access (one audit record for the person and purpose).
     */
    public CallView view(Requester who, String caseId, AccessContext why) {
        return view(who, find(caseId), why);
    }

    /** The call form's data of a case already at hand. */
    public CallView view(Requester who, CallCase callCase, AccessContext why) {
        String caseId = callCase.id();
        List<Attempt> attempts = new ArrayList<>();
        List<SealedNote> notes = new ArrayList<>();
        jdbc.query("""
                select attempt_no, outcome, time_band, operator, called_at, callback_at, task_id, note from call_attempt
                where case_id = ? order by attempt_no""",
                rs -> {
                    attempts.add(attemptOf(rs));
                    notes.add(new SealedNote("call-note:" + caseId + ":" + rs.getInt("attempt_no"), rs.getBytes("note")));
                }, caseId);
        PersonalDataService.PersonWithNotes read = door.readWithNotes(who, Purpose.CALL, callCase.fiscalYear(),
                callCase.memberId(), notes, why);
        return new CallView(callCase, read.person().fields(), attempts, read.notes());
    }

    private static CallCase caseOf(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new CallCase(rs.getString("id"), rs.getInt("fiscal_year"), rs.getLong("member_id"),
                CaseState.valueOf(rs.getString("state")), rs.getInt("attempts"), rs.getString("process_instance_id"));
    }

    private static Attempt attemptOf(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp callback = rs.getTimestamp("callback_at");
        return new Attempt(rs.getInt("attempt_no"), CallOutcome.valueOf(rs.getString("outcome")),
                TimeBand.valueOf(rs.getString("time_band")), rs.getString("operator"), rs.getTimestamp("called_at").toInstant(),
                callback == null ? null : callback.toInstant(), rs.getString("task_id"));
    }
}
