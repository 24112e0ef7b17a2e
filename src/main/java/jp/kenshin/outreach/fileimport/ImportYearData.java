package jp.kenshin.outreach.fileimport;

import java.util.Map;
import jp.kenshin.outreach.YearData;
import org.springframework.stereotype.Component;

/** The year's import runs and their issues: line numbers, column names and reasons, never a value; kept. */
@Component
class ImportYearData extends YearData.KeptOnly {

    @Override
    public String owner() {
        return "fileimport";
    }

    @Override
    public Map<String, String> keptTables() {
        return Map.of("import_run", "取込みの記録（件数とファイルのハッシュのみ）", "import_issue", "取込みの指摘（行番号・列名・理由のみ）");
    }
}
