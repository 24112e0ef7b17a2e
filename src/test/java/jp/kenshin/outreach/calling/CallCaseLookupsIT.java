package jp.kenshin.outreach.calling;

import static org.assertj.core.api.Assertions.assertThat;

import jp.kenshin.outreach.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The look-ups every call makes read an index, not the year's cases: the case of a process instance is found on each
 * call task created (the queue's listener), each call form opened and each case closed.
 */
@IntegrationTest
class CallCaseLookupsIT {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void theCaseOfAProcessInstanceIsFoundThroughAnIndex() {
        String plan = new TransactionTemplate(transactions).execute(status -> {
            // the planner may read a small table whole; with sequential scans off it shows whether an index serves at all
            jdbc.execute("set local enable_seqscan = off");
            return String.join("\n", jdbc.queryForList(
                    "explain select id, state from call_case where process_instance_id = 'an-instance'", String.class));
        });

        assertThat(plan).contains("call_case_by_process");
    }
}
