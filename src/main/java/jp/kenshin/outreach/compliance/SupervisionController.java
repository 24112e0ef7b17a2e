package jp.kenshin.outreach.compliance;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What the ward asked and the contractor answered (provision 8), and the state of an audit (provision 9). */
@RestController
@RequestMapping("/api")
class SupervisionController {

    private final SupervisionService supervision;

    SupervisionController(SupervisionService supervision) {
        this.supervision = supervision;
    }

    @GetMapping("/report-requests/{id}")
    Map<String, Object> reportRequest(@PathVariable long id) {
        return supervision.reportRequest(id);
    }

    @GetMapping("/site-audits/{id}")
    Map<String, Object> audit(@PathVariable long id) {
        return supervision.audit(id);
    }
}
