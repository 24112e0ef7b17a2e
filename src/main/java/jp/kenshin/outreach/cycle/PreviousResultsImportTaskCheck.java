package jp.kenshin.outreach.cycle;

import jp.kenshin.outreach.fileimport.ImportKind;
import jp.kenshin.outreach.fileimport.ImportRuns;
import jp.kenshin.outreach.process.AnnualOutreachCycleVariables;
import org.springframework.stereotype.Component;

/** Task_ImportPreviousResults may complete only with a committed results import of the cycle. */
@Component("previousResultsImportTaskCheck")
class PreviousResultsImportTaskCheck extends ImportTaskCheck {
    PreviousResultsImportTaskCheck(ImportRuns importRuns) {
        super(importRuns, ImportKind.RESULTS, AnnualOutreachCycleVariables.PREVIOUS_RESULTS_IMPORT_ID);
    }
}
