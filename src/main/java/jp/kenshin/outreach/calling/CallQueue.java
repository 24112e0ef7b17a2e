package jp.kenshin.outreach.calling;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The calls waiting to be taken: one row per open, unassigned call task (ids and times only), kept in step with the
 * engine by the call task's listener. 次の電話 takes the first callable row of the operator's years by priority, due
 * time and creation, with {@code FOR UPDATE SKIP LOCKED}: two operators never take the same row, and neither waits for
 * the other. The engine's task stays the truth: a row whose task was assigned or ended elsewhere is dropped when met.
 */
@Service
public class CallQueue {

    private final JdbcTemplate jdbc;

    CallQueue(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The task is open and offered: its row, inserted or brought up to date (priority, due, follow-up). The year is the
     * case's own, taken in the same statement.
     */
    public void offer(String taskId, String caseId, int priority, Date due, Date callableFrom, Date created) {
        jdbc.update("""
                insert into call_queue (task_id, case_id, fiscal_year, priority, due_at, callable_from, created_at)
                select ?, id, fiscal_year, ?, ?, ?, coalesce(?, now()) from call_case where id = ?
                on conflict (task_id) do update set priority = excluded.priority, due_at = excluded.due_at,
                    callable_from = excluded.callable_from""",
                taskId, priority, timestamp(due), timestamp(callableFrom), timestamp(created), caseId);
    }

    /** The task was assigned, completed or deleted: it is no longer waiting. */
    public void withdraw(String taskId) {
        jdbc.update("delete from call_queue where task_id = ?", taskId);
    }

    /**
     * Takes the next callable call of these years, in the caller's transaction: the row is deleted and stays locked
     * until the transaction ends, so the claim that follows in the same transaction either commits with it or gives
     * the row back.
     */
    public Optional<String> take(List<Integer> fiscalYears, Instant now) {
        if (fiscalYears.isEmpty()) {
            return Optional.empty();
        }
        List<String> taken = jdbc.queryForList("""
                delete from call_queue where task_id = (
                    select task_id from call_queue
                    where fiscal_year = any (?) and (callable_from is null or callable_from <= ?)
                    order by fiscal_year, priority desc, due_at, created_at, task_id
                    limit 1 for update skip locked)
                returning task_id""", String.class, fiscalYears.toArray(Integer[]::new), Timestamp.from(now));
        return taken.stream().findFirst();
    }

    /** How many calls wait in these years, callable now or later. */
    public long waiting(int fiscalYear) {
        return jdbc.queryForObject("select count(*) from call_queue where fiscal_year = ?", Long.class, fiscalYear);
    }

    /** Whether the queue holds any row at all (an installation that ran before this table existed holds none). */
    public boolean isEmpty() {
        return !Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from call_queue)", Boolean.class));
    }

    private static Timestamp timestamp(Date date) {
        return date == null ? null : new Timestamp(date.getTime());
    }
}
