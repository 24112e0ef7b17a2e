package jp.kenshin.outreach.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jp.kenshin.outreach.ContractGate;
import jp.kenshin.outreach.IntegrationTest;
import jp.kenshin.outreach.PersonalValues;
import jp.kenshin.outreach.audit.AuditLog;
import jp.kenshin.outreach.members.MembersImportService;
import jp.kenshin.outreach.privacy.PersonalDataService;
import jp.kenshin.outreach.selection.SelectionRequest;
import jp.kenshin.outreach.selection.TargetSelectionService;
import jp.kenshin.outreach.synthetic.SyntheticWardGenerator;
import jp.kenshin.outreach.synthetic.SyntheticWardSpec;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A ward of more than 100,000 members: its selection draws the holdout from every member and its deletion scans every
 * member's values, each an access the audit log holds in parts of 100,000 members. Both failed before on the record's cap.
 */
@IntegrationTest
class LargeWardIT {

    private static final int FY = 2178;
    private static final int MEMBERS = AuditLog.MAX_MEMBER_IDS + 500;

    @Autowired
    ProcessEngine engine;
    @Autowired
    ContractService contracts;
    @Autowired
    MembersImportService members;
    @Autowired
    TargetSelectionService selection;
    @Autowired
    DeletionService deletion;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PersonalDataService door;

    @Test
    void aWardOfMoreThanAHundredThousandMembersSelectsItsTargetsAndDeletesItsYear() throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        new SyntheticWardGenerator(new SyntheticWardSpec(2178, MEMBERS, FY, StandardCharsets.UTF_8)).writeMembers(file);
        engine.getRuntimeService().startProcessInstanceByKey("contract-compliance", Integer.toString(FY), Map.of("fiscalYear", FY));
        ContractGate.pass(engine.getIdentityService(), engine.getTaskService(), contracts, FY);
        members.importMembers(FY, new ByteArrayInputStream(file.toByteArray()), "members.csv", "UTF-8", false);
        long before = jdbc.queryForObject("select coalesce(max(seq), 0) from audit_log", Long.class);

        var run = selection.select(new SelectionRequest(FY, LocalDate.of(FY, 4, 1), 0.1, 20260401L, null, null, null));

        assertThat(run).isNotNull();
        assertThat(jdbc.queryForObject("select count(*) from selection_entry e join selection_run r on r.id = e.run_id "
                + "where r.fiscal_year = ?", Long.class, FY)).isEqualTo(MEMBERS);
        assertThat(jdbc.queryForObject("select count(*) from selection_entry e join selection_run r on r.id = e.run_id "
                + "where r.fiscal_year = ? and e.holdout", Long.class, FY)).isPositive();
        assertThat(partsOf("HOLDOUT_DRAW", before)).containsExactly(List.of(100_000L, "（記録 1/2）"), List.of(500L, "（記録 2/2）"));

        // the deletion scan's values are read on two threads (each half of the table's pages under one snapshot):
        // every 整理番号 of the year is among them, from both threads
        Set<String> numbers = PersonalValues.personNumbers(file.toByteArray(), StandardCharsets.UTF_8);
        Set<String> gathered = ConcurrentHashMap.newKeySet();
        Map<String, Long> byThread = new ConcurrentHashMap<>();
        long beforeGathering = jdbc.queryForObject("select max(seq) from audit_log", Long.class);
        door.personalValuesForDeletionScan(FY, value -> {
            gathered.add(value);
            byThread.merge(Thread.currentThread().getName(), 1L, Long::sum);
        }, "test");
        assertThat(numbers).hasSize(MEMBERS);
        // (a set's own look-up: AssertJ's containsAll walks the whole set for each number)
        assertThat(numbers.stream().filter(n -> !gathered.contains(n)).toList()).isEmpty();
        assertThat(byThread).hasSize(2);
        assertThat(byThread.values()).allSatisfy(n -> assertThat(n).isGreaterThan(MEMBERS * 3L));
        assertThat(partsOf("DELETION_SCAN", beforeGathering)).containsExactly(List.of(100_000L, "（記録 1/2）"),
                List.of(500L, "（記録 2/2）"));
        assertThat(jdbc.queryForObject("select count(distinct m) from audit_log, unnest(member_ids) m where action = 'DELETION_SCAN' "
                + "and fiscal_year = ? and seq > ?", Long.class, FY, beforeGathering)).isEqualTo(MEMBERS);

        long beforeDeletion = jdbc.queryForObject("select max(seq) from audit_log", Long.class);
        DeletionService.Certificate certificate = deletion.destroy(FY, "ward", null);

        assertThat(certificate.counts()).containsEntry("member", (long) MEMBERS);
        assertThat(jdbc.queryForObject("select count(*) from member where fiscal_year = ?", Long.class, FY)).isZero();
        assertThat(partsOf("DELETION_SCAN", beforeDeletion)).containsExactly(List.of(100_000L, "（記録 1/2）"),
                List.of(500L, "（記録 2/2）"));
    }

    /** The records of one action of the year after a point in the log: how many members each names, and its part. */
    private List<List<Object>> partsOf(String action, long after) {
        return jdbc.query("select cardinality(member_ids) as n, detail from audit_log where action = ? and fiscal_year = ? "
                + "and seq > ? order by seq", (rs, i) -> List.<Object>of(rs.getLong("n"),
                        rs.getString("detail").substring(rs.getString("detail").lastIndexOf('（'))), action, FY, after);
    }
}
