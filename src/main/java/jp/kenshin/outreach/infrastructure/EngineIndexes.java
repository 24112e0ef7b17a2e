package jp.kenshin.outreach.infrastructure;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Indexes of our own on the engine's tables, for the queries the operators' work lists make at 50,000 open call tasks
 * (Camunda's guide on performance leaves such indexes to the installation). They are created after the engine has
 * created its schema, which on a new installation is after Flyway: hence at start, not in a migration. {@code if not
 * exists} makes a second start, or a second node, a no-op.
 *
 * <ul>
 * <li>{@code kenshin_task_by_priority}: the order of the call pool (架電：いまかける and the lead's lists: priority, then
 * due time, then Tasklist's newest first), so the engine's {@code select distinct … order by … limit 15} reads the first
 * rows of the index instead of sorting every open task.</li>
 * <li>{@code kenshin_task_by_parent}: the engine looks up a task's subtasks ({@code select * from ACT_RU_TASK where
 * PARENT_TASK_ID_ = ?}) for every task it deletes, and its schema has no index on that column: each look-up read every
 * open task (29 ms at 65,000 tasks), so ending 72,000 running call cases (a deletion, the cut-off, this year's results
 * ending the calls of those who attended) took half an hour instead of a minute.</li>
 * </ul>
 */
@Component
@Order(5)
class EngineIndexes implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(EngineIndexes.class);

    static final String TASK_BY_PRIORITY = "create index if not exists kenshin_task_by_priority on act_ru_task "
            + "(priority_ desc, due_date_ asc, create_time_ desc)";
    static final String TASK_BY_PARENT = "create index if not exists kenshin_task_by_parent on act_ru_task (parent_task_id_)";

    private final JdbcTemplate jdbc;

    EngineIndexes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (String index : java.util.List.of(TASK_BY_PRIORITY, TASK_BY_PARENT)) {
            try {
                jdbc.execute(index);
            } catch (DataAccessException e) {
                // two nodes starting at once: the other one created it
                log.info("Engine index not created here ({}): {}", e.getClass().getSimpleName(), index);
            }
        }
    }
}
