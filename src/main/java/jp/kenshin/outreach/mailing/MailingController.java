package jp.kenshin.outreach.mailing;

import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The mailing of a year for ward staff: progress, proof, manifest, returned mail. */
@RestController
@RequestMapping("/api/mailings/{fiscalYear}")
class MailingController {

    private final MailingService mailing;
    private final MailingProperties properties;

    MailingController(MailingService mailing, MailingProperties properties) {
        this.mailing = mailing;
        this.properties = properties;
    }

    @GetMapping
    Map<String, Object> progress(@PathVariable int fiscalYear) {
        return mailing.progress(fiscalYear);
    }

    @GetMapping(value = "/proof.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    ResponseEntity<byte[]> proof(@PathVariable int fiscalYear) {
        return ResponseEntity.ok().header("Content-Disposition", "inline; filename=proof-" + fiscalYear + ".pdf")
                .body(mailing.proof(fiscalYear, properties.proofSample()));
    }

    @GetMapping(value = "/manifest.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    ResponseEntity<byte[]> manifest(@PathVariable int fiscalYear) {
        return ResponseEntity.ok().header("Content-Disposition", "inline; filename=manifest-" + fiscalYear + ".pdf")
                .body(mailing.manifest(fiscalYear));
    }

    /**
     * Records a returned card by its mailing id (お知らせ番号, printed on the card; not the ticket number): whether it
     * was recorded now or had been before, and the year's returned cards so far.
     */
    @PostMapping("/returned/{mailingId}")
    Map<String, Object> returned(@PathVariable int fiscalYear, @PathVariable String mailingId, Authentication user) {
        boolean now = mailing.recordReturned(fiscalYear, mailingId, user.getName());
        return Map.of("mailingId", mailingId, "status", "RETURNED", "recordedNow", now,
                "returnedInYear", mailing.cardCounts(fiscalYear).returned());
    }
}
