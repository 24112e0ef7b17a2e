package jp.kenshin.outreach.compliance;

import static jp.kenshin.outreach.process.IncidentReportVariables.INCIDENT_PROCESS_KEY;

import java.time.LocalDate;
import java.util.Map;
import jp.kenshin.outreach.privacy.AccessRefusedException;
import jp.kenshin.outreach.privacy.Designations;
import jp.kenshin.outreach.privacy.Requester;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Incidents over HTTP: raised by ward staff or any designated contractor user (the process starts at
 * once), their state, and the public summary of a published incident.
 */
@RestController
@RequestMapping("/api/incidents")
class IncidentController {

    record Raise(int fiscalYear, String category, LocalDate occurredOn, int affectedCount, String summary) {
    }

    private final IncidentService incidents;
    private final Designations designations;
    private final RuntimeService runtime;

    IncidentController(IncidentService incidents, Designations designations, RuntimeService runtime) {
        this.incidents = incidents;
        this.designations = designations;
        this.runtime = runtime;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> raise(@RequestBody Raise raise, Authentication user) {
        // the role gate is SecurityConfiguration's; here the finer rule: a contractor user designated for the year
        boolean wardStaff = Requester.of(user).in(Requester.WARD_STAFF);
        if (!wardStaff && designations.find(raise.fiscalYear(), user.getName()).isEmpty()) {
            throw new AccessRefusedException("事故を報告できるのは区の職員と " + raise.fiscalYear() + " 年度の指定された取扱者です");
        }
        IncidentService.Raised raised = incidents.raise(raise.fiscalYear(), raise.category(), raise.occurredOn(),
                raise.affectedCount(), raise.summary(), user.getName());
        String processInstanceId = runtime.startProcessInstanceByKey(INCIDENT_PROCESS_KEY, raised.businessKey(),
                raised.processVariables(raise.fiscalYear())).getId();
        return Map.of("incidentId", raised.id(), "processInstanceId", processInstanceId, "reportDue", raised.reportDue());
    }

    @GetMapping("/{id}")
    Map<String, Object> state(@PathVariable long id) {
        return incidents.state(id);
    }

    @GetMapping("/{id}/public-summary")
    IncidentService.PublicSummary publicSummary(@PathVariable long id) {
        return incidents.publicSummary(id);
    }
}
