package jp.kenshin.outreach.compliance;

import static jp.kenshin.outreach.process.ProcessVariables.*;
import static jp.kenshin.outreach.process.ReportRequestVariables.*;
import static jp.kenshin.outreach.process.SiteAuditVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.util.Map;
import jp.kenshin.outreach.IntegrationTest;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Provision 8: a late report is reminded and escalated; provision 9: findings followed up until closed. */
@IntegrationTest
class SupervisionProcessIT {

    @Autowired
    ProcessEngine engine;
    @Autowired
    SupervisionService supervision;

    @BeforeEach
    void engine() {
        AbstractAssertions.init(engine);
    }

    @Test
    void aLateReportIsRemindedThenEscalatedAndTheAnswerIsKept() {
        ProcessInstance request = engine.getRuntimeService().startProcessInstanceByKey(REPORT_REQUEST_PROCESS_KEY, Map.of(
                FISCAL_YEAR, 2026, REPORT_SUBJECT, "10月分の架電件数と取扱者の交代の有無", DUE_IN_DAYS, 5));
        long id = ((Number) engine.getRuntimeService().getVariable(request.getId(), REPORT_REQUEST_ID)).longValue();
        assertThat(request).isWaitingAt(TASK_ANSWER_REPORT_REQUEST).variables().doesNotContainKey(REPORT_SUBJECT);
        assertThat(task()).hasCandidateGroup("contractor-lead");

        execute(job("BoundaryEvent_ReportRequestReminder"));
        execute(job("BoundaryEvent_ReportRequestOverdue"));
        assertThat(request).isWaitingAt(TASK_ANSWER_REPORT_REQUEST, TASK_FOLLOW_UP_LATE_REPORT);
        assertThat(supervision.reportRequest(id)).containsEntry("reminders_sent", 1).containsEntry("escalated", true);

        assertThatThrownBy(() -> complete(task(TASK_ANSWER_REPORT_REQUEST))).hasMessageContaining("報告の内容");
        complete(task(TASK_ANSWER_REPORT_REQUEST), withVariables(REPORT_ANSWER, "架電1,204件。取扱者の交代なし。"));
        complete(task(TASK_FOLLOW_UP_LATE_REPORT));
        complete(task(TASK_ACCEPT_REPORT));
        assertThat(request).isEnded().hasPassed("EndEvent_ReportAccepted");
        Map<String, Object> kept = supervision.reportRequest(id);
        assertThat(kept.get("subject")).isEqualTo("10月分の架電件数と取扱者の交代の有無");
        assertThat(kept.get("answer")).isEqualTo("架電1,204件。取扱者の交代なし。");
        assertThat(kept.get("accepted_at")).isNotNull();
    }

    @Test
    void findingsAreFollowedUpUntilTheWardClosesTheAudit() {
        ProcessInstance audit = engine.getRuntimeService().startProcessInstanceByKey(SITE_AUDIT_PROCESS_KEY, Map.of(
                FISCAL_YEAR, 2026, AUDITED_ON, "2026-11-10", AUDIT_FINDINGS, "保管庫の施錠記録に欠落", FOLLOW_UP_NEEDED, true));
        long id = ((Number) engine.getRuntimeService().getVariable(audit.getId(), AUDIT_ID)).longValue();
        assertThat(audit).isWaitingAt(TASK_REMEDY_FINDINGS);
        complete(task(), withVariables(REMEDIES, "施錠記録の様式を改めた"));
        complete(task(), withVariables(AUDIT_CLOSED, false, REMEDIES_COMMENT, "点検の記録が2週分しかありません"));
        assertThat(audit).isWaitingAt(TASK_REMEDY_FINDINGS);
        complete(task(), withVariables(REMEDIES, "責任者による毎日の点検を追加した"));
        complete(task(), withVariables(AUDIT_CLOSED, true));
        assertThat(audit).isEnded();
        assertThat(supervision.audit(id)).containsEntry("rounds", 2).containsEntry("closed", true);

        ProcessInstance clean = engine.getRuntimeService().startProcessInstanceByKey(SITE_AUDIT_PROCESS_KEY, Map.of(
                FISCAL_YEAR, 2026, AUDITED_ON, "2026-11-20", AUDIT_FINDINGS, "指摘なし", FOLLOW_UP_NEEDED, false));
        assertThat(clean).isEnded().hasNotPassed(TASK_REMEDY_FINDINGS);
    }
}
