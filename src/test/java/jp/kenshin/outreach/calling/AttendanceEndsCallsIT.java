package jp.kenshin.outreach.calling;

import static jp.kenshin.outreach.process.PhoneOutreachVariables.PHONE_OUTREACH_PROCESS_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import jp.kenshin.outreach.IntegrationTest;
import jp.kenshin.outreach.cycle.PhoneOutreachStarter;
import jp.kenshin.outreach.fileimport.ImportReport;
import jp.kenshin.outreach.fileimport.ImportStatus;
import jp.kenshin.outreach.members.MembersImportService;
import jp.kenshin.outreach.privacy.Designations;
import jp.kenshin.outreach.results.ResultsImportService;
import jp.kenshin.outreach.selection.TargetSelectionService;
import jp.kenshin.outreach.synthetic.SyntheticWardGenerator;
import jp.kenshin.outreach.synthetic.SyntheticWardSpec;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A results import that ends hundreds of calls: they end in committed chunks after the import has committed, each
 * case once, its engine instance ended; a case whose instance cannot take the message now stays open for the sweep,
 * and the rest of its chunk still ends.
 */
@IntegrationTest
class AttendanceEndsCallsIT {

    private static final int FY = 2143;
    private static final int MEMBERS = 2_400;

    @Autowired
    ProcessEngine engine;
    @Autowired
    MembersImportService members;
    @Autowired
    ResultsImportService results;
    @Autowired
    TargetSelectionService selection;
    @Autowired
    Designations designations;
    @Autowired
    CallCaseService calls;
    @Autowired
    PhoneOutreachStarter starter;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    jp.kenshin.outreach.privacy.PersonalCipher cipher;

    @Test
    void anImportEndsTheCallsOfEveryAttendeeOnceInChunksAndLeavesWhatCannotEndToTheSweep() throws Exception {
        CallingFixture.prepare(FY, MEMBERS, 0, members, selection, designations, engine.getIdentityService());
        int cases = calls.openCases(FY);
        assertThat(starter.startPending()).isEqualTo(cases);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        new SyntheticWardGenerator(new SyntheticWardSpec(FY, MEMBERS, FY, StandardCharsets.UTF_8)).writeResults(FY, file);

        // one attendee's instance is suspended (an attendee by 整理番号 in the file): it cannot take its message now
        List<byte[]> indexes = new java.util.ArrayList<>();
        try (var parser = org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new java.io.StringReader(file.toString(StandardCharsets.UTF_8)))) {
            for (var record : parser) {
                String no = record.get("整理番号").strip();
                if (!no.isEmpty() && record.get("年度").strip().equals(Integer.toString(FY))) {
                    indexes.add(cipher.personIndex(FY, no));
                }
            }
        }
        String suspendedCase = jdbc.query("""
                select min(c.id) from call_case c join member m on m.id = c.member_id
                where c.fiscal_year = ? and m.fiscal_year = ? and m.person_index = any (?)""",
                ps -> {
                    ps.setInt(1, FY);
                    ps.setInt(2, FY);
                    ps.setArray(3, ps.getConnection().createArrayOf("bytea", indexes.toArray(new byte[0][])));
                },
                rs -> rs.next() ? rs.getString(1) : null);
        assertThat(suspendedCase).isNotNull();
        ImportReport report;
        List<String> attendees;
        String suspendedProcess = calls.find(suspendedCase).processInstanceId();
        engine.getRuntimeService().suspendProcessInstanceById(suspendedProcess);
        try {
            report = results.importResults(FY, new ByteArrayInputStream(file.toByteArray()), "results.csv", "UTF-8", true);
            attendees = jdbc.queryForList("""
                    select c.id from call_case c where c.fiscal_year = ?
                      and exists (select 1 from checkup_result r where r.member_id = c.member_id and r.result_year = ?)
                    order by c.id""", String.class, FY, FY);
        } finally {
            engine.getRuntimeService().activateProcessInstanceById(suspendedProcess);
        }
        assertThat(report.status()).isEqualTo(ImportStatus.COMMITTED);
        assertThat(attendees).contains(suspendedCase);
        assertThat(attendees.size()).as("more attendees with calls than %d chunks hold", 2)
                .isGreaterThan(2 * PhoneOutreachStarter.STOP_CHUNK);

        Map<String, Long> states = states();
        long ended = attendees.size() - 1;
        assertThat(states.get("ATTENDED")).as("every attendee's case ended, but a suspended one").isEqualTo(ended);
        assertThat(states.get("OPEN")).isEqualTo(cases - ended);
        assertThat(endedOnce()).as("each attendee's instance ended once, by the stop, at its attendance end event")
                .isEqualTo(ended);
        assertThat(running()).isEqualTo(cases - ended);

        // the sweep ends what the import could not, once
        int swept = starter.sweep();
        assertThat(swept).isEqualTo(1);
        assertThat(starter.sweep()).as("nothing twice").isZero();
        assertThat(states().get("ATTENDED")).isEqualTo((long) attendees.size());
        assertThat(endedOnce()).isEqualTo(attendees.size());
        assertThat(running()).isEqualTo(cases - attendees.size());

        // the same file again: nothing newly attended, no message sent
        ImportReport again = results.importResults(FY, new ByteArrayInputStream(file.toByteArray()), "results.csv", "UTF-8", true);
        assertThat(again.status()).isEqualTo(ImportStatus.COMMITTED);
        assertThat(endedOnce()).isEqualTo(attendees.size());
    }

    private Map<String, Long> states() {
        Map<String, Long> states = new java.util.HashMap<>(Map.of("OPEN", 0L, "ATTENDED", 0L));
        jdbc.query("select state, count(*) from call_case where fiscal_year = ? group by state",
                rs -> {
                    states.put(rs.getString(1), rs.getLong(2));
                }, FY);
        return states;
    }

    /** Instances of the year that passed the stop's close step exactly once and ended at the attendance end event. */
    private long endedOnce() {
        return jdbc.queryForObject("""
                select count(*) from act_hi_procinst p
                where p.proc_def_key_ = ? and p.business_key_ like ? and p.end_time_ is not null
                  and (select count(*) from act_hi_actinst a where a.proc_inst_id_ = p.id_
                       and a.act_id_ = 'ServiceTask_CloseStoppedCase') = 1
                  and (select count(*) from act_hi_actinst a where a.proc_inst_id_ = p.id_
                       and a.act_id_ = 'EndEvent_StoppedByAttendance') = 1""",
                Long.class, PHONE_OUTREACH_PROCESS_KEY, "CC" + FY + "N%");
    }

    private long running() {
        return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(PHONE_OUTREACH_PROCESS_KEY)
                .processInstanceBusinessKeyLike("CC" + FY + "N%").count();
    }
}
