package jp.kenshin.outreach.cycle;

import jp.kenshin.outreach.fileimport.ImportKind;
import jp.kenshin.outreach.fileimport.ImportReport;
import jp.kenshin.outreach.fileimport.ImportRuns;
import jp.kenshin.outreach.fileimport.ImportStatus;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * Refuses to complete an import task unless the import id given names a committed import of the
 * right kind for the cycle's fiscal year. The message names ids only.
 */
abstract class ImportTaskCheck implements TaskListener {

    private final ImportRuns importRuns;
    private final ImportKind kind;
    private final String variable;

    ImportTaskCheck(ImportRuns importRuns, ImportKind kind, String variable) {
        this.importRuns = importRuns;
        this.kind = kind;
        this.variable = variable;
    }

    @Override
    public void notify(DelegateTask task) {
        int fiscalYear = AdapterSupport.fiscalYear(task);
        Object value = task.getVariable(variable);
        if (!(value instanceof Number number)) {
            throw new ProcessEngineException("取込番号（" + variable + "）を入力してください");
        }
        long importId = number.longValue();
        ImportReport report = importRuns.find(importId, 0)
                .orElseThrow(() -> new ProcessEngineException("取込番号 " + importId + " の取込はありません"));
        if (report.kind() != kind || report.fiscalYear() != fiscalYear) {
            throw new ProcessEngineException("取込番号 " + importId + " は " + fiscalYear + " 年度の"
                    + (kind == ImportKind.MEMBERS ? "被保険者ファイル" : "健診結果ファイル") + "の取込ではありません");
        }
        if (report.status() != ImportStatus.COMMITTED) {
            throw new ProcessEngineException("取込番号 " + importId + " は取り込まれていません（" + report.status() + "）");
        }
        task.setVariable(variable, importId);
    }
}
