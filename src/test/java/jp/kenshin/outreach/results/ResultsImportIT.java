package jp.kenshin.outreach.results;

import static jp.kenshin.outreach.TestFiles.MEMBERS_HEADER;
import static jp.kenshin.outreach.TestFiles.RESULTS_HEADER;
import static jp.kenshin.outreach.TestFiles.csv;
import static jp.kenshin.outreach.TestFiles.member;
import static jp.kenshin.outreach.TestFiles.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.util.List;
import jp.kenshin.outreach.IntegrationTest;
import jp.kenshin.outreach.fileimport.ImportIssue;
import jp.kenshin.outreach.fileimport.ImportReport;
import jp.kenshin.outreach.fileimport.ImportStatus;
import jp.kenshin.outreach.members.MembersImportService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

@IntegrationTest
class ResultsImportIT {

    @Autowired
    MembersImportService members;
    @Autowired
    ResultsImportService results;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    jp.kenshin.outreach.privacy.PersonalCipher cipher;

    private void threeMembers(int fy) {
        String withTicket = member("3", "19650505", "2", "", "20000401", "").replace(",12-3,,", ",12-3,31010000003,");
        assertThat(members.importMembers(fy, csv(StandardCharsets.UTF_8, MEMBERS_HEADER, List.of(
                member("1", "19600101", "1", "", "20000401", ""),
                member("2", "19620202", "2", "", "20000401", ""),
                withTicket)), "m.csv", "UTF-8", false).status()).isEqualTo(ImportStatus.COMMITTED);
    }

    private String examDate(int fy, String personNo, int resultYear) {
        return jdbc.queryForObject("""
                select r.exam_date::text from checkup_result r join member m on m.id = r.member_id
                where m.fiscal_year = ? and m.person_index = ? and r.result_year = ?""", String.class, fy, cipher.personIndex(fy, personNo),
                resultYear);
    }

    @Test
    void matchesPeopleByNumberOrTicketAndRejectsTheWrongPerson() {
        int fy = 2041;
        threeMembers(fy);
        String byTicket = result(fy, "", "19650505", "2", "20410610").replace(fy + ",,,", fy + ",,31010000003,");
        ImportReport report = results.importResults(fy, csv(StandardCharsets.UTF_8, RESULTS_HEADER, List.of(
                result(fy - 1, "1", "19600101", "1", "20400720"),     // line 2: ok
                result(fy - 1, "2", "19620203", "2", "20400720"),     // line 3: birth date of someone else
                result(fy - 1, "2", "19620202", "1", "20400720"),     // line 4: sex disagrees
                result(fy - 1, "99", "19620202", "2", "20400720"),    // line 5: nobody
                result(fy - 1, "2", "19620202", "2", "20410401"),     // line 6: outside FY2040
                byTicket,                                             // line 7: by ticket number
                result(fy - 1, "1", "19600101", "1", "20400610"))),   // line 8: same person, earlier date
                "r.csv", "UTF-8", true);

        assertThat(report.status()).isEqualTo(ImportStatus.COMMITTED);
        assertThat(report.issues()).extracting(ImportIssue::line, ImportIssue::column, ImportIssue::severity).containsExactly(
                tuple(2, "実施年月日", ImportIssue.Severity.NOTICE),
                tuple(3, "生年月日", ImportIssue.Severity.REJECTED),
                tuple(4, "性別", ImportIssue.Severity.REJECTED),
                tuple(5, "整理番号", ImportIssue.Severity.REJECTED),
                tuple(6, "実施年月日", ImportIssue.Severity.REJECTED));
        assertThat(report.issues().get(0).reason()).contains("8行目");
        assertThat(report.rowsRejected()).isEqualTo(4);
        assertThat(report.inserted()).isEqualTo(2);
        assertThat(examDate(fy, "1", fy - 1)).isEqualTo("2040-06-10");
        assertThat(examDate(fy, "3", fy)).isEqualTo("2041-06-10");
    }

    @Test
    void aLaterImportKeepsTheEarlierExamDateAndSaysSo() {
        int fy = 2042;
        threeMembers(fy);
        results.importResults(fy, csv(StandardCharsets.UTF_8, RESULTS_HEADER, List.of(
                result(fy, "1", "19600101", "1", "20420901"))), "r1.csv", "UTF-8", false);
        ImportReport later = results.importResults(fy, csv(StandardCharsets.UTF_8, RESULTS_HEADER, List.of(
                result(fy, "1", "19600101", "1", "20421001"),
                result(fy, "2", "19620202", "2", "20421001"))), "r2.csv", "UTF-8", false);
        ImportReport earlier = results.importResults(fy, csv(StandardCharsets.UTF_8, RESULTS_HEADER, List.of(
                result(fy, "1", "19600101", "1", "20420801"))), "r3.csv", "UTF-8", false);

        assertThat(later.notices()).isEqualTo(1);
        assertThat(later.issues()).extracting(ImportIssue::line).containsExactly(2);
        assertThat(later.inserted()).isEqualTo(1);
        assertThat(earlier.updated()).isEqualTo(1);
        assertThat(examDate(fy, "1", fy)).isEqualTo("2042-08-01");
        assertThat(jdbc.queryForObject("select count(*) from checkup_result where cycle_year = ?", Integer.class, fy)).isEqualTo(2);
    }

    @Test
    void aFileWithRejectionsIsRefusedWholeUnlessAccepted() {
        int fy = 2043;
        threeMembers(fy);
        ImportReport report = results.importResults(fy, csv(StandardCharsets.UTF_8, RESULTS_HEADER, List.of(
                result(fy, "1", "19600101", "1", "20430901"),
                result(fy, "2", "19620202", "2", "2043-09-01"))), "r.csv", "UTF-8", false);

        assertThat(report.status()).isEqualTo(ImportStatus.REFUSED);
        assertThat(report.issues()).extracting(ImportIssue::line, ImportIssue::column).containsExactly(tuple(3, "実施年月日"));
        assertThat(jdbc.queryForObject("select count(*) from checkup_result where cycle_year = ?", Integer.class, fy)).isZero();
    }
}
