package jp.kenshin.outreach.fileimport;

import java.util.List;
import java.util.Map;
import jp.kenshin.outreach.YearData;
import org.springframework.stereotype.Component;

/** The year's import runs and their issues: line numbers, column names and reasons, never a value; kept. */
@Component
class ImportYearData implements YearData {

    @Override
    public String owner() {
        return "fileimport";
    }

    @Override
    public Map<String, Long> count(int fiscalYear) {
        return Map.of();
    }

    @Override
    public List<String> deletedTables() {
        return List.of();
    }

    @Override
    public Map<String, String> keptTables() {
        return Map.of("import_run", "取込みの記録（件数とファイルのハッシュのみ）", "import_issue", "取込みの指摘（行番号・列名・理由のみ）");
    }

    @Override
    public Map<String, Long> delete(int fiscalYear) {
        return Map.of();
    }
}
