package jp.kenshin.outreach.compliance;

import static jp.kenshin.outreach.process.IncidentReportVariables.*;
import static jp.kenshin.outreach.process.ProcessVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import jp.kenshin.outreach.IntegrationTest;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Provision 11 and 12: notice within hours, a written report with a reminder and an escalation, instructions, closure. */
@IntegrationTest
class IncidentReportProcessIT {

    @Autowired
    ProcessEngine engine;
    @Autowired
    IncidentService incidents;

    @BeforeEach
    void engine() {
        AbstractAssertions.init(engine);
    }

    @Test
    void anOverdueWrittenReportIsRemindedThenEscalatedAndTheClosedIncidentCanBePublished() {
        ProcessInstance incident = engine.getRuntimeService().startProcessInstanceByKey(INCIDENT_PROCESS_KEY, Map.of(
                FISCAL_YEAR, 2026, INCIDENT_CATEGORY, "誤送付", OCCURRED_ON, "2026-10-01", AFFECTED_COUNT, 3,
                INCIDENT_SUMMARY, "通知はがき3通を別の宛先に送付した"));
        long id = ((Number) engine.getRuntimeService().getVariable(incident.getId(), INCIDENT_ID)).longValue();
        assertThat(incident).isWaitingAt(TASK_ACKNOWLEDGE_INCIDENT).variables().doesNotContainKey(INCIDENT_SUMMARY);
        assertThat(task()).hasCandidateGroup("ward-staff");
        Duration noticeWithin = Duration.between(Instant.now(), task().getDueDate().toInstant());
        assertThat(noticeWithin).isBetween(Duration.ofHours(3), Duration.ofHours(4));
        complete(task());

        assertThat(incident).isWaitingAt(TASK_SUBMIT_WRITTEN_REPORT);
        assertThat(task()).hasCandidateGroup("contractor-lead");
        assertThat(Duration.between(Instant.now(), task().getDueDate().toInstant())).isBetween(Duration.ofDays(6), Duration.ofDays(7));
        execute(job("BoundaryEvent_ReportReminder"));
        assertThat(incidents.state(id)).containsEntry("reminders_sent", 1).containsEntry("escalated", false);
        execute(job("BoundaryEvent_ReportOverdue"));
        assertThat(incident).isWaitingAt(TASK_SUBMIT_WRITTEN_REPORT, TASK_FOLLOW_UP_OVERDUE_REPORT);
        assertThat(incidents.state(id)).containsEntry("escalated", true);

        assertThatThrownBy(() -> complete(task(TASK_SUBMIT_WRITTEN_REPORT))).hasMessageContaining("書面の報告");
        complete(task(TASK_SUBMIT_WRITTEN_REPORT), withVariables(WRITTEN_REPORT, "宛名の並べ替えの誤り。再発防止として二重確認を行う。"));
        complete(task(TASK_FOLLOW_UP_OVERDUE_REPORT));
        assertThat(incident).isWaitingAt(TASK_GIVE_INSTRUCTIONS).variables().doesNotContainKey(WRITTEN_REPORT);
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(incident.getId()).count()).isZero();

        assertThatThrownBy(() -> incidents.publicSummary(id)).isInstanceOf(IllegalStateException.class);
        complete(task(), withVariables(INSTRUCTIONS, "誤送付先への回収と本人への謝罪を行うこと"));
        complete(task());
        complete(task(), withVariables(PUBLISH_INCIDENT, true));
        assertThat(incident).isEnded().hasPassed("EndEvent_IncidentClosed", "EndEvent_ReminderSent", "EndEvent_OverdueFollowedUp");

        IncidentService.PublicSummary summary = incidents.publicSummary(id);
        assertThat(summary.category()).isEqualTo("誤送付");
        assertThat(summary.affectedCount()).isEqualTo(3);
        assertThat(summary.status()).isEqualTo("CLOSED");
    }
}
