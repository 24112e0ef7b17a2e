package jp.kenshin.outreach.compliance;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The deletion certificate and the compliance report of a fiscal year (ward staff and auditors). */
@RestController
@RequestMapping("/api/deletions")
class DeletionController {

    private final DeletionCertificateDocument document;
    private final ComplianceReport complianceReport;

    DeletionController(DeletionCertificateDocument document, ComplianceReport complianceReport) {
        this.document = document;
        this.complianceReport = complianceReport;
    }

    /** The compliance report of a fiscal year for the privacy council, provision by provision. */
    @GetMapping(value = "/{fiscalYear}/compliance-report.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    ResponseEntity<byte[]> complianceReport(@PathVariable int fiscalYear) {
        return ResponseEntity.ok().header("Content-Disposition", "inline; filename=compliance-report-" + fiscalYear + ".pdf")
                .body(complianceReport.pdf(fiscalYear));
    }

    @GetMapping(value = "/{fiscalYear}/certificate.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    ResponseEntity<byte[]> certificate(@PathVariable int fiscalYear) {
        return ResponseEntity.ok().header("Content-Disposition", "inline; filename=deletion-certificate-" + fiscalYear + ".pdf")
                .body(document.stored(fiscalYear));
    }
}
