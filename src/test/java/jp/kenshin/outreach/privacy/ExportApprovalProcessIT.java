package jp.kenshin.outreach.privacy;

import static jp.kenshin.outreach.TestFiles.MEMBERS_HEADER;
import static jp.kenshin.outreach.TestFiles.csv;
import static jp.kenshin.outreach.TestFiles.member;
import static jp.kenshin.outreach.process.ExportApprovalVariables.*;
import static jp.kenshin.outreach.process.ProcessVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.kenshin.outreach.IntegrationTest;
import jp.kenshin.outreach.members.MembersImportService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Provision 5 through the process: the requester asks, the ward approves, the export goes through once. */
@IntegrationTest
class ExportApprovalProcessIT {

    private static final int FY = 2093;

    @Autowired
    ProcessEngine engine;
    @Autowired
    PersonalDataService door;
    @Autowired
    Designations designations;
    @Autowired
    MembersImportService members;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anApprovedRequestLetsTheRequesterExportOnce() {
        AbstractAssertions.init(engine);
        members.importMembers(FY, csv(StandardCharsets.UTF_8, MEMBERS_HEADER, List.of(
                member("1", "19600101", "1", "03-1111-2222", "20000401", ""))), "m.csv", "UTF-8", false);
        List<Long> ids = jdbc.queryForList("select id from member where fiscal_year = ?", Long.class, FY);
        designations.save(new Designation(null, FY, "exportlead", Designation.Role.PERSON_IN_CHARGE, EnumSet.allOf(Purpose.class),
                LocalDate.now().minusDays(1), LocalDate.now().plusDays(30), LocalDate.now().minusDays(1)), "ward");
        designations.setHandoverAllowed(FY, true, "ward");
        Requester lead = new Requester("exportlead", Set.of("contractor-lead"));

        engine.getIdentityService().setAuthentication("exportlead", List.of("contractor-lead"));
        ProcessInstance request;
        try {
            request = engine.getRuntimeService().startProcessInstanceByKey(EXPORT_APPROVAL_PROCESS_KEY, Map.of(FISCAL_YEAR, FY,
                    EXPORT_PURPOSE, "CALL", MEMBER_COUNT, 1, EXPORT_REASON, "架電結果の照合"));
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
        long approval = ((Number) engine.getRuntimeService().getVariable(request.getId(), EXPORT_APPROVAL_ID)).longValue();
        assertThat(request).isWaitingAt(TASK_APPROVE_EXPORT).variables().doesNotContainKey(EXPORT_REASON);
        assertThat(task()).hasCandidateGroup("ward-staff");
        assertThatThrownBy(() -> door.export(lead, Purpose.CALL, FY, ids, PersonalDataService.AccessContext.of("x"), approval,
                new ByteArrayOutputStream(), (f, p, out) -> out.write("x".getBytes()))).isInstanceOf(AccessRefusedException.class);

        complete(task(), withVariables(EXPORT_APPROVED, true));
        assertThat(request).isEnded();
        assertThat(door.export(lead, Purpose.CALL, FY, ids, PersonalDataService.AccessContext.of("x"), approval,
                new ByteArrayOutputStream(), (f, p, out) -> out.write(Integer.toString(p.size()).getBytes())).count()).isEqualTo(1);
    }
}
