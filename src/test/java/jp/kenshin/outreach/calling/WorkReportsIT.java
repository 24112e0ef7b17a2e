package jp.kenshin.outreach.calling;

import static jp.kenshin.outreach.process.PhoneOutreachVariables.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import jp.kenshin.outreach.IntegrationTest;
import jp.kenshin.outreach.TestUsers;
import jp.kenshin.outreach.cycle.PhoneOutreachStarter;
import jp.kenshin.outreach.members.MembersImportService;
import jp.kenshin.outreach.privacy.Designations;
import jp.kenshin.outreach.selection.TargetSelectionService;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** The calls' and the desk's reports: counts by day, time band, outcome, category and operator, as JSON and Japanese PDF. */
@IntegrationTest
class WorkReportsIT {

    private static final int FY = 2113;
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<List<Map<String, Object>>> JSON_LIST = new ParameterizedTypeReference<>() {
    };

    @Autowired
    ProcessEngine engine;
    @Autowired
    MembersImportService members;
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
    TestRestTemplate anonymous;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private void call(String caseId, String operator, String jst, CallOutcome outcome) {
        ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse(jst + "+09:00").toInstant()));
        String taskId = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(caseId).singleResult().getId();
        engine.getIdentityService().setAuthentication(operator, List.of("contractor-operator"));
        try {
            engine.getTaskService().complete(taskId, Map.of(CALL_OUTCOME, outcome.name()));
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    private static String text(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void countsByDayBandOutcomeCategoryAndOperator() throws Exception {
        CallingFixture.prepare(FY, 200, 0, members, selection, designations, engine.getIdentityService());
        calls.openCases(FY);
        starter.startPending();
        List<String> cases = jdbc.queryForList("select id from call_case where fiscal_year = ? order by id limit 4", String.class, FY);
        call(cases.get(0), CallingFixture.OPERATOR, "2026-06-01T10:00:00", CallOutcome.NO_ANSWER);
        call(cases.get(1), CallingFixture.OPERATOR, "2026-06-01T11:00:00", CallOutcome.WILL_BOOK);
        call(cases.get(2), CallingFixture.SECOND_OPERATOR, "2026-06-01T18:00:00", CallOutcome.BUSY);
        call(cases.get(3), CallingFixture.SECOND_OPERATOR, "2026-06-06T10:00:00", CallOutcome.DECLINED);
        ClockUtil.reset();

        TestRestTemplate op1 = anonymous.withBasicAuth(CallingFixture.OPERATOR, TestUsers.password(CallingFixture.OPERATOR));
        TestRestTemplate op2 = anonymous.withBasicAuth(CallingFixture.SECOND_OPERATOR, TestUsers.password(CallingFixture.SECOND_OPERATOR));
        String q1 = (String) op1.exchange("/api/inquiries", HttpMethod.POST, new HttpEntity<>(Map.of("fiscalYear", FY)), JSON)
                .getBody().get("inquiryId");
        op1.exchange("/api/inquiries/" + q1 + "/answer", HttpMethod.POST, new HttpEntity<>(Map.of("category", "COST", "escalate", true,
                "escalationDue", LocalDate.now().plusDays(2).toString())), JSON);
        String q2 = (String) op2.exchange("/api/inquiries", HttpMethod.POST, new HttpEntity<>(Map.of("fiscalYear", FY)), JSON)
                .getBody().get("inquiryId");
        op2.exchange("/api/inquiries/" + q2 + "/answer", HttpMethod.POST, new HttpEntity<>(Map.of("category", "HOW_TO_TAKE")), JSON);

        TestRestTemplate lead = anonymous.withBasicAuth(CallingFixture.LEAD, TestUsers.password(CallingFixture.LEAD));
        Map<String, Object> progress = lead.exchange("/api/reports/" + FY + "/calls", HttpMethod.GET, null, JSON).getBody();
        assertThat(progress).containsEntry("attempts", 4).containsEntry("reached", 2);
        assertThat((Map<String, Object>) progress.get("casesByState")).containsEntry("REACHED", 1).containsEntry("DECLINED", 1);
        List<Map<String, Object>> days = (List<Map<String, Object>>) progress.get("days");
        assertThat(days).extracting(d -> d.get("day")).containsExactly("2026-06-01", "2026-06-06");
        assertThat((Map<String, Object>) days.get(0).get("byBand")).containsEntry("WEEKDAY_DAYTIME", List.of(2, 1))
                .containsEntry("WEEKDAY_EVENING", List.of(1, 0));
        assertThat((Map<String, Object>) days.get(1).get("byBand")).containsEntry("SATURDAY", List.of(1, 1));

        List<Map<String, Object>> operators = lead.exchange("/api/reports/" + FY + "/operators", HttpMethod.GET, null, JSON_LIST).getBody();
        assertThat(operators).extracting(o -> o.get("operator") + ":" + o.get("calls") + "/" + o.get("reached") + "/" + o.get("inquiries")
                + "/" + o.get("escalated")).containsExactly("callop1:2/1/1/1", "callop2:2/1/1/0");

        List<Map<String, Object>> inquiryDays = lead.exchange("/api/reports/" + FY + "/inquiries", HttpMethod.GET, null, JSON_LIST).getBody();
        assertThat(inquiryDays).hasSize(1);
        assertThat((Map<String, Object>) inquiryDays.get(0).get("byCategory")).containsEntry("COST", 1).containsEntry("HOW_TO_TAKE", 1);
        assertThat(inquiryDays.get(0)).containsEntry("escalated", 1).containsEntry("day", LocalDate.now(ZoneId.of("Asia/Tokyo")).toString());

        String callsPdf = text(lead.getForObject("/api/reports/" + FY + "/calls.pdf", byte[].class));
        assertThat(callsPdf).contains("電話勧奨 日別架電状況", "平日日中", "2026-06-01", "2026-06-06", "50.0%", "通話済み");
        String inquiriesPdf = text(lead.getForObject("/api/reports/" + FY + "/inquiries.pdf", byte[].class));
        assertThat(inquiriesPdf).contains("問い合わせ 分類別・日別件数", "受診方法", "費用", "区へ引継ぎ");
        String operatorsPdf = text(lead.getForObject("/api/reports/" + FY + "/operators.pdf", byte[].class));
        assertThat(operatorsPdf).contains("取扱者別 作業件数", "callop1", "callop2");

        ResponseEntity<String> operatorAsks = op1.getForEntity("/api/reports/" + FY + "/calls", String.class);
        assertThat(operatorAsks.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }
}
