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
    org.camunda.bpm.engine.HistoryService history;
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
     * The deletion's read of a year's instances finds what the engine's own queries find (the business key, its
     * prefixes, the variable), with the same roots, callers and ends, and nothing of another year.
     * The history rows are planted, since the engine admits no business key or variable a process does not declare.
     */
    @Test
    void theInstancesOfAYearAreThoseTheEnginesQueriesFind() {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            plant("hp-root", "2091", null, null, true);
            plant("hp-child", null, "hp-root", "hp-root", true);
            plant("hp-running", "2091", null, null, false);
            plant("hp-case", "CC2091N000001", null, null, true);
            plant("hp-inquiry", "IQ2091N000002", null, null, false);
            plant("hp-other-case", "CC2092N000001", null, null, true);
            plant("hp-like-but-not", "CC2091X000001", null, null, true);
            plant("hp-other-year", "2092", null, null, true);
            plant("hp-incident", null, null, null, true);
            variable("hp-incident", "integer", 2091L, null);
            plant("hp-export", null, null, null, false);
            variable("hp-export", "long", 2091L, null);
            plant("hp-double", null, null, null, true);
            variable("hp-double", "double", null, 2091.0);
            plant("hp-other-incident", null, null, null, true);
            variable("hp-other-incident", "integer", 2092L, null);
            plant("hp-root-with-variable", "2091", null, null, true);
            variable("hp-root-with-variable", "integer", 2091L, null);

            List<HistoryPurge.Instance> found = purge.instances("2091", List.of("CC2091N%", "IQ2091N%"), "fiscalYear", 2091);

            java.util.Set<String> engine = new java.util.TreeSet<>();
            history.createHistoricProcessInstanceQuery().processInstanceBusinessKey("2091").list().forEach(i -> engine.add(i.getId()));
            for (String pattern : List.of("CC2091N%", "IQ2091N%")) {
                history.createHistoricProcessInstanceQuery().processInstanceBusinessKeyLike(pattern).list()
                        .forEach(i -> engine.add(i.getId()));
            }
            history.createHistoricProcessInstanceQuery().variableValueEquals("fiscalYear", 2091).list()
                    .forEach(i -> engine.add(i.getId()));
            assertThat(engine).as("the engine's queries").containsExactly("hp-case", "hp-incident", "hp-inquiry", "hp-root",
                    "hp-root-with-variable", "hp-running");
            // the engine's query for an int takes integers only (the product's guard admits the year only as one); the
            // deletion takes the year in any numeric type as well
            java.util.Set<String> expected = new java.util.TreeSet<>(engine);
            expected.addAll(List.of("hp-export", "hp-double"));
            assertThat(found).extracting(HistoryPurge.Instance::id).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
            assertThat(found).filteredOn(HistoryPurge.Instance::ended).extracting(HistoryPurge.Instance::id)
                    .containsExactlyInAnyOrder("hp-case", "hp-double", "hp-incident", "hp-root", "hp-root-with-variable");
            for (HistoryPurge.Instance instance : found) {
                var entity = history.createHistoricProcessInstanceQuery().processInstanceId(instance.id()).singleResult();
                assertThat(instance.definitionKey()).isEqualTo(entity.getProcessDefinitionKey());
                assertThat(instance.ended()).as(instance.id()).isEqualTo(entity.getEndTime() != null);
                assertThat(instance.root()).isEqualTo(entity.getRootProcessInstanceId() == null ? entity.getId()
                        : entity.getRootProcessInstanceId());
                assertThat(instance.superId()).isEqualTo(entity.getSuperProcessInstanceId());
            }
            status.setRollbackOnly();
        });
    }

    private void plant(String id, String businessKey, String root, String superId, boolean ended) {
        jdbc.update("""
                insert into act_hi_procinst (id_, proc_inst_id_, business_key_, proc_def_key_, proc_def_id_, start_time_, end_time_,
                  root_proc_inst_id_, super_process_instance_id_, state_)
                values (?, ?, ?, 'history-purge-planted', 'history-purge-planted:1:x', now(), ?, ?, ?, ?)""",
                id, id, businessKey, ended ? new java.sql.Timestamp(System.currentTimeMillis()) : null, root == null ? id : root,
                superId, ended ? "COMPLETED" : "ACTIVE");
    }

    private void variable(String instance, String type, Long longValue, Double doubleValue) {
        jdbc.update("""
                insert into act_hi_varinst (id_, proc_inst_id_, execution_id_, name_, var_type_, long_, double_, text_,
                  root_proc_inst_id_, state_)
                values (?, ?, ?, 'fiscalYear', ?, ?, ?, ?, ?, 'CREATED')""",
                instance + "-var", instance, instance, type, longValue, doubleValue,
                longValue != null ? longValue.toString() : null, instance);
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
