package jp.kenshin.outreach.inquiry;

import java.util.List;
import jp.kenshin.outreach.calling.CallReports;
import jp.kenshin.outreach.privacy.Requester;
import jp.kenshin.outreach.security.SignedInUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The calls' and the desk's reports (counts only) for the ward's staff and the contractor's person in charge. */
@RestController
@RequestMapping("/api/reports/{fiscalYear}")
class WorkReportController {

    private final CallReports calls;
    private final InquiryReports inquiries;

    WorkReportController(CallReports calls, InquiryReports inquiries) {
        this.calls = calls;
        this.inquiries = inquiries;
    }

    @GetMapping("/calls")
    CallReports.Progress calls(@PathVariable int fiscalYear, Authentication authentication) {
        allowed(authentication);
        return calls.progress(fiscalYear);
    }

    @GetMapping("/calls.pdf")
    ResponseEntity<byte[]> callsPdf(@PathVariable int fiscalYear, Authentication authentication) {
        allowed(authentication);
        return pdf(calls.progressPdf(fiscalYear), "calls-" + fiscalYear + ".pdf");
    }

    @GetMapping("/inquiries")
    List<InquiryReports.Day> inquiries(@PathVariable int fiscalYear, Authentication authentication) {
        allowed(authentication);
        return inquiries.byDay(fiscalYear);
    }

    @GetMapping("/inquiries.pdf")
    ResponseEntity<byte[]> inquiriesPdf(@PathVariable int fiscalYear, Authentication authentication) {
        allowed(authentication);
        return pdf(inquiries.byCategoryPdf(fiscalYear), "inquiries-" + fiscalYear + ".pdf");
    }

    @GetMapping("/operators")
    List<InquiryReports.OperatorWork> operators(@PathVariable int fiscalYear, Authentication authentication) {
        allowed(authentication);
        return inquiries.byOperator(fiscalYear);
    }

    @GetMapping("/operators.pdf")
    ResponseEntity<byte[]> operatorsPdf(@PathVariable int fiscalYear, Authentication authentication) {
        allowed(authentication);
        return pdf(inquiries.byOperatorPdf(fiscalYear), "operators-" + fiscalYear + ".pdf");
    }

    private static void allowed(Authentication authentication) {
        Requester who = SignedInUser.of(authentication);
        if (!who.in(Requester.WARD_STAFF) && !who.in(Requester.CONTRACTOR_LEAD)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "この集計は区職員と取扱責任者だけが見られます");
        }
    }

    private static ResponseEntity<byte[]> pdf(byte[] body, String name) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header("Content-Disposition", "inline; filename=\"" + name + "\"").body(body);
    }
}
