package jp.kenshin.outreach.privacy;

import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Designations of a fiscal year, and the year's hand-over flag (set by the contract gate, later by its process). */
@RestController
@RequestMapping("/api")
class DesignationController {

    record Handover(boolean allowed) {
    }

    private final Designations designations;

    DesignationController(Designations designations) {
        this.designations = designations;
    }

    @GetMapping("/designations")
    List<Designation> ofYear(@RequestParam int fiscalYear) {
        return designations.ofYear(fiscalYear);
    }

    @PostMapping("/designations")
    Designation designate(@RequestBody Designation designation, Authentication authentication) {
        return designations.save(designation, authentication.getName());
    }

    @PutMapping("/contracts/{fiscalYear}/handover")
    Handover handover(@PathVariable int fiscalYear, @RequestBody Handover handover, Authentication authentication) {
        designations.setHandoverAllowed(fiscalYear, handover.allowed(), authentication.getName());
        return new Handover(designations.handoverAllowed(fiscalYear));
    }
}
