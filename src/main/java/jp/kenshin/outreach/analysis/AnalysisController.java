package jp.kenshin.outreach.analysis;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.kenshin.outreach.privacy.AccessRefusedException;
import jp.kenshin.outreach.privacy.PersonalDataService.AccessContext;
import jp.kenshin.outreach.privacy.Requester;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The effect analysis over HTTP (ward staff and analysts): run a draft as the signed-in user (the door
 * checks them), list and read runs, download a run's report and figures. Aggregates only. Approval and
 * publication happen in the effect-analysis process (Tasklist).
 */
@RestController
@RequestMapping("/api/analyses")
class AnalysisController {

    /** A run request: the fiscal year, the cut-off date, and both unit prices or neither. */
    record RunRequest(int fiscalYear, LocalDate cutOff, BigDecimal unitCostPerCard, BigDecimal unitCostPerCall, String reason) {
    }

    /** A run with its figures. */
    record RunWithFigures(AnalysisRun run, EffectAnalysis figures) {
    }

    private final EffectAnalysisService analyses;

    AnalysisController(EffectAnalysisService analyses) {
        this.analyses = analyses;
    }

    @PostMapping
    ResponseEntity<AnalysisRun> run(@RequestBody RunRequest request, Authentication authentication) {
        Optional<UnitCosts> costs = UnitCosts.entered(request.unitCostPerCard(), request.unitCostPerCall());
        long id = analyses.run(Requester.of(authentication), request.fiscalYear(), request.cutOff(), costs,
                AccessContext.of(request.reason() == null || request.reason().isBlank() ? "効果分析（API）" : request.reason()));
        return ResponseEntity.status(HttpStatus.CREATED).body(analyses.find(id));
    }

    @GetMapping
    List<AnalysisRun> runs(@RequestParam int fiscalYear) {
        return analyses.runs(fiscalYear);
    }

    @GetMapping("/{id}")
    RunWithFigures get(@PathVariable long id) {
        return new RunWithFigures(analyses.find(id), analyses.analysis(id));
    }

    @GetMapping("/{id}/report.pdf")
    ResponseEntity<byte[]> report(@PathVariable long id) {
        return file(analyses.reportPdf(id), MediaType.APPLICATION_PDF, "effect-analysis-" + id + ".pdf");
    }

    @GetMapping("/{id}/figures.csv")
    ResponseEntity<byte[]> csv(@PathVariable long id) {
        return file(analyses.figuresCsv(id), new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8),
                "effect-analysis-" + id + ".csv");
    }

    @GetMapping("/{id}/figures.xlsx")
    ResponseEntity<byte[]> xlsx(@PathVariable long id) {
        return file(analyses.figuresXlsx(id),
                MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                "effect-analysis-" + id + ".xlsx");
    }

    private static ResponseEntity<byte[]> file(byte[] body, MediaType type, String name) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .body(body);
    }

    @ExceptionHandler(AccessRefusedException.class)
    ResponseEntity<Map<String, String>> refused(AccessRefusedException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error", "Forbidden", "message", e.getMessage()));
    }
}
