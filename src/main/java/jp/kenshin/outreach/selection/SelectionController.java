package jp.kenshin.outreach.selection;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Target selection outside the cycle (a draft, e.g. to preview the counts) and the counts of any
 * run. A list is frozen only by approval in the cycle.
 */
@RestController
@RequestMapping("/api/selections")
class SelectionController {

    private final TargetSelectionService service;

    SelectionController(TargetSelectionService service) {
        this.service = service;
    }

    @PostMapping
    SelectionCounts select(@RequestBody SelectionRequest request) {
        return service.select(new SelectionRequest(request.fiscalYear(), request.referenceDate(), request.holdoutShare(),
                request.holdoutSeed(), request.membersImportId(), request.resultsImportId(), null));
    }

    @GetMapping("/{runId}")
    SelectionCounts counts(@PathVariable long runId) {
        return service.counts(runId);
    }

    @GetMapping("/{runId}/targets")
    List<TargetSelectionService.SelectedTarget> targets(@PathVariable long runId) {
        return service.targets(runId);
    }
}
