package jp.kenshin.outreach.results;

import static jp.kenshin.outreach.results.ResultColumns.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.kenshin.outreach.fileimport.CsvImportFile;
import jp.kenshin.outreach.fileimport.ImportIssue;
import jp.kenshin.outreach.fileimport.Text;

/** Checks one row of the results CSV for form; matching it to a person comes after. */
final class ResultRowParser {

    record Parsed(ResultRow row, List<ImportIssue> issues) {
    }

    Parsed parse(CsvImportFile.Row source) {
        int line = source.line();
        List<ImportIssue> issues = new ArrayList<>(1);

        String yearText = Text.number(source.get(FISCAL_YEAR));
        int year = 0;
        if (yearText.length() != 4 || !Text.isDigits(yearText)) {
            issues.add(ImportIssue.rejected(line, FISCAL_YEAR, yearText.isEmpty() ? "必須項目が空です" : "4桁の年度ではありません"));
        } else {
            year = Integer.parseInt(yearText);
        }

        String personNo = Text.number(source.get(PERSON_NO));
        String ticket = Text.number(source.get(TICKET_NUMBER));
        if (personNo.isEmpty() && ticket.isEmpty()) {
            issues.add(ImportIssue.rejected(line, PERSON_NO, "整理番号と受診券整理番号のどちらもありません"));
        }
        if (!personNo.isEmpty() && (!Text.isDigits(personNo) || personNo.length() > 15)) {
            issues.add(ImportIssue.rejected(line, PERSON_NO, "1〜15桁の数字ではありません"));
        }
        if (!ticket.isEmpty() && (ticket.length() != 11 || !Text.isDigits(ticket))) {
            issues.add(ImportIssue.rejected(line, TICKET_NUMBER, "11桁の数字ではありません"));
        }

        LocalDate birth = Text.requiredDate(source, BIRTH_DATE, issues);
        String sexText = Text.number(source.get(SEX));
        int sex = 0;
        if (sexText.equals("1") || sexText.equals("2")) {
            sex = sexText.charAt(0) - '0';
        } else {
            issues.add(ImportIssue.rejected(line, SEX, sexText.isEmpty() ? "必須項目が空です" : "1（男）または2（女）ではありません"));
        }
        LocalDate exam = Text.requiredDate(source, EXAM_DATE, issues);
        if (exam != null && year > 0
                && (exam.isBefore(LocalDate.of(year, 4, 1)) || exam.isAfter(LocalDate.of(year + 1, 3, 31)))) {
            issues.add(ImportIssue.rejected(line, EXAM_DATE, year + "年度（" + year + "年4月1日〜" + (year + 1)
                    + "年3月31日）の日付ではありません"));
        }
        String institution = Text.number(source.get(INSTITUTION));
        if (!institution.isEmpty() && (institution.length() != 10 || !Text.isDigits(institution))) {
            issues.add(ImportIssue.rejected(line, INSTITUTION, "10桁の数字ではありません"));
        }
        Map<String, String> items = new LinkedHashMap<>();
        for (String item : ITEMS) {
            String raw = source.get(item);
            if (Text.trim(raw).isEmpty()) {
                continue;
            }
            String value = Text.decimal(raw); // the digits are capped on the text, before anything parses it
            if (value == null) {
                issues.add(ImportIssue.rejected(line, item, Text.DECIMAL_REASON));
            } else {
                items.put(item, value);
            }
        }
        if (!issues.isEmpty()) {
            return new Parsed(null, issues);
        }
        return new Parsed(new ResultRow(line, null, year, personNo.isEmpty() ? null : personNo, ticket.isEmpty() ? null : ticket,
                birth, sex, exam, institution.isEmpty() ? null : institution, items), List.of());
    }

}
