package jp.kenshin.outreach.compliance;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The deletion certificate of a fiscal year (ward staff and auditors). */
@RestController
@RequestMapping("/api/deletions")
class DeletionController {

    private final DeletionCertificateDocument document;

    DeletionController(DeletionCertificateDocument document) {
        this.document = document;
    }

    @GetMapping(value = "/{fiscalYear}/certificate.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    ResponseEntity<byte[]> certificate(@PathVariable int fiscalYear) {
        return ResponseEntity.ok().header("Content-Disposition", "inline; filename=deletion-certificate-" + fiscalYear + ".pdf")
                .body(document.stored(fiscalYear));
    }
}
