package jp.kenshin.outreach.cycle;

import static jp.kenshin.outreach.process.MailingVariables.MAILING_PROCESS_KEY;
import static jp.kenshin.outreach.process.MailingVariables.TASK_HAND_OVER_PRINT_DATA;

import java.nio.file.Files;
import java.util.List;
import jp.kenshin.outreach.mailing.PrintDataDownloads;
import jp.kenshin.outreach.privacy.Requester;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The print data for the vendor, as one ZIP, from the hand-over task's form: for ward staff (the role gate of
 * /api/mailings), and only once the year's proof has been approved, that is once the mailing has reached
 * 印刷データを業者に渡す. Each download is recorded in the audit log with its counts and the ZIP's SHA-256
 * ({@link PrintDataDownloads}); the ZIP's SHA-256 and counts are also sent as response headers.
 */
@RestController
class PrintDataController {

    private final PrintDataDownloads downloads;
    private final HistoryService history;

    PrintDataController(PrintDataDownloads downloads, HistoryService history) {
        this.downloads = downloads;
        this.history = history;
    }

    // no "produces": a refusal is answered as JSON (ApiExceptionHandler), the ZIP sets its own type
    @GetMapping("/api/mailings/{fiscalYear}/print-data.zip")
    ResponseEntity<StreamingResponseBody> printData(@PathVariable int fiscalYear, Authentication authentication) {
        Requester who = Requester.of(authentication);
        String mailing = approvedMailing(fiscalYear);
        if (mailing == null) {
            throw downloads.refused(who, fiscalYear, null, "印刷データは、見本が承認されてから（「印刷データを業者に渡す」のタスクから）ダウンロードできます");
        }
        PrintDataDownloads.Download download = downloads.prepare(who, fiscalYear, mailing);
        StreamingResponseBody body = out -> {
            try {
                Files.copy(download.file(), out);
            } finally {
                downloads.discard(download);
            }
        };
        try {
            return ResponseEntity.ok()
                    .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(download.fileName()).build().toString())
                    .header("X-Content-SHA256", download.sha256())
                    .header("X-Print-Data-Files", Integer.toString(download.files()))
                    .header("X-Print-Data-Cards", Long.toString(download.cards()))
                    .contentType(MediaType.parseMediaType("application/zip"))
                    .contentLength(Files.size(download.file()))
                    .body(body);
        } catch (java.io.IOException e) {
            downloads.discard(download);
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The newest mailing process of the year that has reached the hand-over (its proof approved), or null. */
    private String approvedMailing(int fiscalYear) {
        List<HistoricProcessInstance> mailings = history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(MAILING_PROCESS_KEY).processInstanceBusinessKey(Integer.toString(fiscalYear))
                .orderByProcessInstanceStartTime().desc().list();
        for (HistoricProcessInstance mailing : mailings) {
            if (history.createHistoricActivityInstanceQuery().processInstanceId(mailing.getId())
                    .activityId(TASK_HAND_OVER_PRINT_DATA).count() > 0) {
                return mailing.getId();
            }
        }
        return null;
    }
}
