package jp.kenshin.outreach.fileimport;

import java.util.List;
import java.util.NoSuchElementException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Import reports: as JSON, as Japanese text for staff, and their rejected rows page by page. */
@RestController
@RequestMapping("/api/imports")
class ImportReportController {

    private final ImportRuns importRuns;
    private final ImportProperties properties;

    ImportReportController(ImportRuns importRuns, ImportProperties properties) {
        this.importRuns = importRuns;
        this.properties = properties;
    }

    @GetMapping("/{id}")
    ImportReport report(@PathVariable long id) {
        return importRuns.find(id, properties.rejectionReportLimit()).orElseThrow(() -> unknown(id));
    }

    @GetMapping(value = "/{id}/report.txt", produces = MediaType.TEXT_PLAIN_VALUE + ";charset=UTF-8")
    String text(@PathVariable long id) {
        return importRuns.find(id, Integer.MAX_VALUE).orElseThrow(() -> unknown(id)).toJapaneseText();
    }

    @GetMapping("/{id}/issues")
    List<ImportIssue> issues(@PathVariable long id, @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "1000") int limit) {
        if (importRuns.find(id, 0).isEmpty()) {
            throw unknown(id);
        }
        return importRuns.issues(id, Math.max(offset, 0), Math.max(0, Math.min(limit, 10_000)));
    }

    private static NoSuchElementException unknown(long id) {
        return new NoSuchElementException("取込 " + id + " はありません");
    }
}
