package jp.kenshin.outreach.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.kenshin.outreach.IntegrationTest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The purge by root leaves nothing of an ended root and the instance it called in any history table, byte array or
 * authorization, and takes nothing of another root.
 */
@IntegrationTest
class HistoryPurgeIT {

    @Autowired
    HistoryPurge purge;
    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    IdentityService identity;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    private static final class DeletionReason {
        static final String TEST = "test";
    }

    @Test
    void anEndedRootAndWhatItCalledLeaveNoRowAndAnotherRootKeepsAll() {
        repository.createDeployment().name("history-purge-test")
                .addModelInstance("history-purge-child.bpmn", Bpmn.createExecutableProcess("history-purge-child")
                        .camundaHistoryTimeToLive(1).startEvent().userTask("Task_Work").camundaCandidateGroups("ward-staff")
                        .userTask("Task_Waits").camundaCandidateGroups("ward-staff")
                        .endEvent().done())
                .addModelInstance("history-purge-parent.bpmn", Bpmn.createExecutableProcess("history-purge-parent")
                        .camundaHistoryTimeToLive(1).startEvent().callActivity("CallActivity_Child").calledElement("history-purge-child")
                        .endEvent().done())
                .deploy();
        String purged = runToEnd();
        String other = runToEnd();
        List<String> purgedInstances = instancesOf(purged);
        assertThat(purgedInstances).hasSize(2);
        assertThat(rowsOf(purgedInstances)).as("history before the purge").contains("act_hi_actinst", "act_hi_taskinst",
                "act_hi_procinst");
        List<String> before = rowsOf(instancesOf(other));

        long deleted = new TransactionTemplate(transactions).execute(status -> purge.purgeRoots(List.of(purged)));

        assertThat(deleted).isPositive();
        assertThat(rowsOf(purgedInstances)).isEmpty();
        assertThat(rowsOf(instancesOf(other))).isEqualTo(before);
        // a second purge of the same root finds nothing (a rerun of a deletion)
        Long again = new TransactionTemplate(transactions).execute(status -> purge.purgeRoots(List.of(purged)));
        assertThat(again).isZero();
    }

    @Test
    void everyHistoryTableAndTheByteArraysTheyReferenceArePurgedTheInstancesLast() {
        List<String> statements = purge.statements();

        List<String> historyTables = jdbc.queryForList("select table_name from information_schema.columns "
                + "where table_schema = current_schema() and table_name like 'act\\_hi\\_%' and column_name = 'root_proc_inst_id_'",
                String.class);
        assertThat(historyTables).contains("act_hi_op_log", "act_hi_job_log", "act_hi_decinst", "act_hi_varinst");
        for (String table : historyTables) {
            assertThat(statements).contains("delete from " + table + " where root_proc_inst_id_ = any (?)");
        }
        assertThat(statements).anyMatch(q -> q.contains("select job_exception_stack_id_ from act_hi_job_log"))
                .anyMatch(q -> q.contains("select bytearray_id_ from act_hi_varinst"))
                .anyMatch(q -> q.contains("select content_id_ from act_hi_attachment"))
                .contains("delete from act_ge_bytearray where root_proc_inst_id_ = any (?)",
                        "delete from act_ru_authorization where root_proc_inst_id_ = any (?)");
        assertThat(statements.get(statements.size() - 1)).isEqualTo("delete from act_hi_procinst where root_proc_inst_id_ = any (?)");
        // the byte arrays go while the rows that reference them are still there
        assertThat(statements.indexOf("delete from act_ge_bytearray where root_proc_inst_id_ = any (?)"))
                .isLessThan(statements.indexOf("delete from act_hi_varinst where root_proc_inst_id_ = any (?)"));
    }

    /**
     * A parent that calls a child whose first task a signed-in user completes; then, at the second, the parent is
     * cancelled, as the deletion cancels what still runs. (At the history level audit the engine writes no job log,
     * incident or operation log, and its guard admits no variable of bytes and no attachment: the purge's statements for
     * those tables and byte arrays find nothing here, and the full cycle's deletion test checks them on a real year.)
     */
    private String runToEnd() {
        String root = runtime.startProcessInstanceByKey("history-purge-parent").getId();
        String child = runtime.createProcessInstanceQuery().superProcessInstanceId(root).singleResult().getId();
        identity.setAuthentication("purge-tester", List.of("ward-staff"));
        try {
            Task task = tasks.createTaskQuery().processInstanceId(child).singleResult();
            tasks.claim(task.getId(), "purge-tester");
            tasks.complete(task.getId());
        } finally {
            identity.clearAuthentication();
        }
        runtime.deleteProcessInstance(root, DeletionReason.TEST);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(root).count()).isZero();
        return root;
    }

    private List<String> instancesOf(String root) {
        return jdbc.queryForList("select id_ from act_hi_procinst where root_proc_inst_id_ = ? order by id_", String.class, root);
    }

    /** "table" once per row that belongs to these instances, by root, instance or (for byte arrays) reference. */
    private List<String> rowsOf(List<String> instances) {
        String[] ids = instances.toArray(new String[0]);
        List<String> rows = new ArrayList<>();
        for (Map<String, Object> column : jdbc.queryForList("""
                select table_name, column_name from information_schema.columns where table_schema = current_schema()
                and (table_name like 'act\\_hi\\_%' or table_name in ('act_ge_bytearray', 'act_ru_authorization'))
                and column_name in ('proc_inst_id_', 'root_proc_inst_id_') order by table_name, column_name""")) {
            String table = (String) column.get("table_name");
            int n = jdbc.queryForObject("select count(*) from " + table + " where " + column.get("column_name") + " = any (?)",
                    Integer.class, (Object) ids);
            for (int i = 0; i < n; i++) {
                rows.add(table);
            }
        }
        for (String reference : List.of("select bytearray_id_ from act_hi_varinst",
                "select job_exception_stack_id_ from act_hi_job_log")) {
            // byte arrays a remaining history row still references (none may dangle either)
            rows.addAll(jdbc.queryForList("select 'act_ge_bytearray(referenced)' from act_ge_bytearray where id_ in (" + reference
                    + " where root_proc_inst_id_ = any (?))", String.class, (Object) ids));
        }
        return rows;
    }
}
