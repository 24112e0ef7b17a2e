package jp.kenshin.outreach.compliance;

import java.util.NoSuchElementException;
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
    private final DeletionService deletion;

    DeletionController(DeletionCertificateDocument document, ComplianceReport complianceReport, DeletionService deletion) {
        this.document = document;
        this.complianceReport = complianceReport;
        this.deletion = deletion;
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

    /** Where the year's deletion stands: its step, tables scanned of all, rows read, and the columns that stopped it. */
    @GetMapping("/{fiscalYear}/progress")
    DeletionService.Progress progress(@PathVariable int fiscalYear) {
        return deletion.progress(fiscalYear)
                .orElseThrow(() -> new NoSuchElementException(fiscalYear + " 年度の消去はまだ始まっていません"));
    }
}
