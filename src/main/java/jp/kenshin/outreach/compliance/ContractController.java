package jp.kenshin.outreach.compliance;

import java.util.List;
import jp.kenshin.outreach.privacy.Designation;
import jp.kenshin.outreach.privacy.Designations;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Designations of a fiscal year (made by the contractor's lead during the contract gate, and checked
 * against the contracted organisation) and the contract's status. Hand-over is opened only by the
 * ward's approval in the contract-compliance process.
 */
@RestController
@RequestMapping("/api")
class ContractController {

    record ContractStatus(int fiscalYear, String status, boolean handoverAllowed) {
    }

    private final ContractService contracts;
    private final Designations designations;

    ContractController(ContractService contracts, Designations designations) {
        this.contracts = contracts;
        this.designations = designations;
    }

    @GetMapping("/designations")
    List<Designation> ofYear(@RequestParam int fiscalYear) {
        return designations.ofYear(fiscalYear);
    }

    @PostMapping("/designations")
    Designation designate(@RequestBody Designation designation, Authentication authentication) {
        return contracts.designate(designation, authentication.getName());
    }

    @GetMapping("/contracts/{fiscalYear}")
    ContractStatus status(@PathVariable int fiscalYear) {
        return new ContractStatus(fiscalYear, contracts.status(fiscalYear), designations.handoverAllowed(fiscalYear));
    }
}
