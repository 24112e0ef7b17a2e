package jp.kenshin.outreach.analysis;

import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Next year's call plans over HTTP (ward staff and analysts): list a year's plans, read one with its strata and its
 * decision definition id once deployed, download its DMN table. Aggregates only. Proposal, approval and deployment
 * happen in the effect-analysis process (Tasklist, or the engine's REST API).
 */
@RestController
@RequestMapping("/api/call-plans")
class CallPlanController {

    private final CallPlanService plans;

    CallPlanController(CallPlanService plans) {
        this.plans = plans;
    }

    /** The plans made from a fiscal year's analyses (they steer the year after), newest first. */
    @GetMapping
    List<CallPlanService.StoredPlan> plans(@RequestParam int fiscalYear) {
        return plans.plans(fiscalYear);
    }

    @GetMapping("/{id}")
    CallPlanService.StoredPlan get(@PathVariable long id) {
        return plans.find(id);
    }

    @GetMapping("/{id}/call-priority.dmn")
    ResponseEntity<String> dmn(@PathVariable long id) {
        return ResponseEntity.ok().contentType(new MediaType("application", "xml", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename("call-priority-" + id + ".dmn").build().toString())
                .body(plans.dmn(id));
    }
}
