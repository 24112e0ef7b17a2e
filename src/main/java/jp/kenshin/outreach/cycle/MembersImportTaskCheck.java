package jp.kenshin.outreach.cycle;

import jp.kenshin.outreach.fileimport.ImportKind;
import jp.kenshin.outreach.fileimport.ImportRuns;
import jp.kenshin.outreach.process.AnnualOutreachCycleVariables;
import org.springframework.stereotype.Component;

/** Task_ImportMembers may complete only with a committed members import of the cycle's year. */
@Component("membersImportTaskCheck")
class MembersImportTaskCheck extends ImportTaskCheck {
    MembersImportTaskCheck(ImportRuns importRuns) {
        super(importRuns, ImportKind.MEMBERS, AnnualOutreachCycleVariables.MEMBERS_IMPORT_ID);
    }
}
