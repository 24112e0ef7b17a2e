package jp.kenshin.outreach.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import jp.kenshin.outreach.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The engine's own statements that ran over every open task at scale read an index of ours once the application started. */
@IntegrationTest
class EngineIndexesIT {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    @Test
    void theSubtaskLookUpOfEveryDeletedTaskAndThePoolsOrderUseAnIndex() {
        // the planner may read a small table whole; with sequential scans off it shows whether an index serves at all
        String subtasks = plan("select * from ACT_RU_TASK where PARENT_TASK_ID_ = 'a-task'");
        String pool = plan("select ID_ from ACT_RU_TASK order by PRIORITY_ desc, DUE_DATE_ asc, CREATE_TIME_ desc limit 15");

        assertThat(subtasks).contains("kenshin_task_by_parent");
        assertThat(pool).contains("kenshin_task_by_priority");
    }

    private String plan(String query) {
        return new TransactionTemplate(transactions).execute(status -> {
            jdbc.execute("set local enable_seqscan = off");
            return String.join("\n", jdbc.queryForList("explain " + query, String.class));
        });
    }
}
