package jp.kenshin.outreach.inquiry;

import java.util.List;
import jp.kenshin.outreach.calling.CallReports;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The calls' and the desk's reports (counts only) for the ward's staff and the contractor's person in charge (the gate
 * is {@code SecurityConfiguration}'s).
 */
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
    CallReports.Progress calls(@PathVariable int fiscalYear) {
        return calls.progress(fiscalYear);
    }

    @GetMapping("/calls.pdf")
    ResponseEntity<byte[]> callsPdf(@PathVariable int fiscalYear) {
        return pdf(calls.progressPdf(fiscalYear), "calls-" + fiscalYear + ".pdf");
    }

    @GetMapping("/inquiries")
    List<InquiryReports.Day> inquiries(@PathVariable int fiscalYear) {
        return inquiries.byDay(fiscalYear);
    }

    @GetMapping("/inquiries.pdf")
    ResponseEntity<byte[]> inquiriesPdf(@PathVariable int fiscalYear) {
        return pdf(inquiries.byCategoryPdf(fiscalYear), "inquiries-" + fiscalYear + ".pdf");
    }

    @GetMapping("/operators")
    List<InquiryReports.OperatorWork> operators(@PathVariable int fiscalYear) {
        return inquiries.byOperator(fiscalYear);
    }

    @GetMapping("/operators.pdf")
    ResponseEntity<byte[]> operatorsPdf(@PathVariable int fiscalYear) {
        return pdf(inquiries.byOperatorPdf(fiscalYear), "operators-" + fiscalYear + ".pdf");
    }

    private static ResponseEntity<byte[]> pdf(byte[] body, String name) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header("Content-Disposition", "inline; filename=\"" + name + "\"").body(body);
    }
}
