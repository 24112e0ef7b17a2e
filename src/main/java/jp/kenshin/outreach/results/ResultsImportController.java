package jp.kenshin.outreach.results;

import java.io.IOException;
import java.io.InputStream;
import jp.kenshin.outreach.fileimport.ImportReport;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Checkup results import into a cycle: the CSV form at {@code /api/results/imports}, the standard XML
 * archive (zip) at {@code /api/results/xml-imports}; each takes the file as the request body (batch
 * callers) or as a multipart upload (the page).
 */
@RestController
@RequestMapping("/api/results")
class ResultsImportController {

    private final ResultsImportService service;

    ResultsImportController(ResultsImportService service) {
        this.service = service;
    }

    @PostMapping(path = "/imports", consumes = {"text/csv", MediaType.APPLICATION_OCTET_STREAM_VALUE})
    ImportReport importBody(@RequestParam int fiscalYear, @RequestParam(required = false) String encoding,
            @RequestParam(defaultValue = "false") boolean acceptRejections,
            @RequestParam(required = false) String fileName, HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            return service.importResults(fiscalYear, in, fileName, encoding, acceptRejections);
        }
    }

    @PostMapping(path = "/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ImportReport importUpload(@RequestParam int fiscalYear, @RequestParam(required = false) String encoding,
            @RequestParam(defaultValue = "false") boolean acceptRejections, @RequestPart("file") MultipartFile file)
            throws IOException {
        try (InputStream in = file.getInputStream()) {
            return service.importResults(fiscalYear, in, file.getOriginalFilename(), encoding, acceptRejections);
        }
    }

    @PostMapping(path = "/xml-imports", consumes = {"application/zip", "application/x-zip-compressed",
            MediaType.APPLICATION_OCTET_STREAM_VALUE})
    ImportReport importArchiveBody(@RequestParam int fiscalYear, @RequestParam(defaultValue = "false") boolean acceptRejections,
            @RequestParam(required = false) String fileName, HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            return service.importArchive(fiscalYear, in, fileName, acceptRejections);
        }
    }

    @PostMapping(path = "/xml-imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ImportReport importArchiveUpload(@RequestParam int fiscalYear, @RequestParam(defaultValue = "false") boolean acceptRejections,
            @RequestPart("file") MultipartFile file) throws IOException {
        try (InputStream in = file.getInputStream()) {
            return service.importArchive(fiscalYear, in, file.getOriginalFilename(), acceptRejections);
        }
    }
}
