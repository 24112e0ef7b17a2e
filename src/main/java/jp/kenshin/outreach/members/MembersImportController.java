package jp.kenshin.outreach.members;

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

/** Members file import: the file as the request body (batch callers) or as a multipart upload (the page). */
@RestController
@RequestMapping("/api/members/imports")
class MembersImportController {

    private final MembersImportService service;

    MembersImportController(MembersImportService service) {
        this.service = service;
    }

    @PostMapping(consumes = {"text/csv", MediaType.APPLICATION_OCTET_STREAM_VALUE})
    ImportReport importBody(@RequestParam int fiscalYear, @RequestParam(required = false) String encoding,
            @RequestParam(defaultValue = "false") boolean acceptRejections,
            @RequestParam(required = false) String fileName, HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            return service.importMembers(fiscalYear, in, fileName, encoding, acceptRejections);
        }
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ImportReport importUpload(@RequestParam int fiscalYear, @RequestParam(required = false) String encoding,
            @RequestParam(defaultValue = "false") boolean acceptRejections, @RequestPart("file") MultipartFile file)
            throws IOException {
        try (InputStream in = file.getInputStream()) {
            return service.importMembers(fiscalYear, in, file.getOriginalFilename(), encoding, acceptRejections);
        }
    }
}
