package jp.kenshin.outreach.selection;

import static jp.kenshin.outreach.TestFiles.MEMBERS_HEADER;
import static jp.kenshin.outreach.TestFiles.RESULTS_HEADER;
import static jp.kenshin.outreach.TestFiles.csv;
import static jp.kenshin.outreach.TestFiles.member;
import static jp.kenshin.outreach.TestFiles.result;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jp.kenshin.outreach.IntegrationTest;
import jp.kenshin.outreach.fileimport.ImportStatus;
import jp.kenshin.outreach.members.MembersImportService;
import jp.kenshin.outreach.results.ResultsImportService;
import jp.kenshin.outreach.synthetic.SyntheticWardGenerator;
import jp.kenshin.outreach.synthetic.SyntheticWardSpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

@IntegrationTest
class TargetSelectionIT {

    @Autowired
    MembersImportService members;
    @Autowired
    ResultsImportService results;
    @Autowired
    TargetSelectionService selection;
    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    jp.kenshin.outreach.privacy.PersonalCipher cipher;

    /** The 整理番号 of the run's year's members (kept sealed; opened here for the test's checks). */
    private Map<Long, String> numbers(long runId) {
        int fy = jdbc.queryForObject("select fiscal_year from selection_run where id = ?", Integer.class, runId);
        return jp.kenshin.outreach.PersonNumbers.of(jdbc, cipher, fy);
    }

    private Map<String, String> outcomeByPerson(long runId) {
        Map<Long, String> numbers = numbers(runId);
        return jdbc.query("""
                select e.member_id, coalesce(e.target_group, e.exclusion_reason) as outcome
                from selection_entry e where e.run_id = ?""",
                (rs, n) -> Map.entry(numbers.get(rs.getLong(1)), rs.getString(2)), runId)
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Test
    void appliesTheDefaultRulesAtTheirEdges() {
        int fy = 2031;
        String ref = fy + "0401";
        String old = "20000401";
        List<String> rows = List.of(
                member("1", (fy - 39) + "0401", "1", "090-1234-5678", old, ""),   // 40 at FY end: eligible, phone
                member("2", (fy - 39) + "0402", "1", "", old, ""),                // 39
                member("3", (fy - 69) + "0401", "2", "", old, ""),                // 70
                member("4", (fy - 69) + "0402", "2", "", old, ""),                // 69: eligible, no phone
                member("5", "19880229", "2", "", old, ""),                       // born on a leap day: 44
                member("6", "19700101", "1", "", fy + "0402", ""),                // joined after the reference date
                member("7", "19700101", "1", "", old, fy + "0331"),               // left before it
                member("8", "19700101", "1", "", old, ref),                       // left on it (first day not insured)
                member("9", "19700101", "1", "", old, fy + "0402"),               // left after it: insured on it
                member("10", "19700101", "1", "", old, ""),                       // attended last year
                member("11", "19700101", "1", "", old, "").replace(",0,0,", ",1,0,"),  // 住所地特例
                member("12", "19700101", "1", "", old, "").replace(",0,0,", ",0,2,"),  // マル遠
                member("13", "19700101", "1", "", old, ""));                      // attended two years ago only
        assertThat(members.importMembers(fy, csv(StandardCharsets.UTF_8, MEMBERS_HEADER, rows), "m.csv", "UTF-8", false)
                .status()).isEqualTo(ImportStatus.COMMITTED);
        assertThat(results.importResults(fy, csv(StandardCharsets.UTF_8, RESULTS_HEADER, List.of(
                result(fy - 1, "10", "19700101", "1", fy + "0115"),
                result(fy - 2, "13", "19700101", "1", (fy - 1) + "0115"))), "r.csv", "UTF-8", false).status())
                .isEqualTo(ImportStatus.COMMITTED);

        SelectionCounts counts = selection.select(new SelectionRequest(fy, LocalDate.of(fy, 4, 1), 0, null, null, null, null));

        assertThat(outcomeByPerson(counts.runId())).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("1", "NOTICE_AND_CALL"), Map.entry("2", "AGE_UNDER_40"), Map.entry("3", "AGE_OVER_69"),
                Map.entry("4", "NOTICE_ONLY"), Map.entry("5", "NOTICE_ONLY"), Map.entry("6", "NOT_INSURED"),
                Map.entry("7", "NOT_INSURED"), Map.entry("8", "NOT_INSURED"), Map.entry("9", "NOTICE_ONLY"),
                Map.entry("10", "ATTENDED_PREVIOUS_YEAR"), Map.entry("11", "SPECIAL_ADDRESS"),
                Map.entry("12", "LIVING_AWAY"), Map.entry("13", "NOTICE_ONLY")));
        assertThat(counts.targets()).isEqualTo(5);
        assertThat(counts.noticeAndCall()).isEqualTo(1);
        assertThat(counts.excludedByReason()).containsEntry("NOT_INSURED", 3L);
        assertThat(counts.toJapaneseSummary()).contains("| 基準日に資格なし | 3 |", "| 対象者（合計） | 5 |");
    }

    @Test
    void theHoldoutIsStratifiedAndReproducibleForItsSeed() throws IOException {
        int fy = 2032;
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        new SyntheticWardGenerator(new SyntheticWardSpec(7, 6000, fy, StandardCharsets.UTF_8)).writeMembers(file);
        assertThat(members.importMembers(fy, new ByteArrayInputStream(file.toByteArray()), "m.csv", "UTF-8", true).status())
                .isEqualTo(ImportStatus.COMMITTED);

        SelectionCounts first = selection.select(new SelectionRequest(fy, LocalDate.of(fy, 4, 1), 0.2, 42L, null, null, null));
        List<String> firstHeldOut = heldOut(first.runId());
        SelectionCounts again = selection.select(new SelectionRequest(fy, LocalDate.of(fy, 4, 1), 0.2, 42L, null, null, null));
        SelectionCounts otherSeed = selection.select(new SelectionRequest(fy, LocalDate.of(fy, 4, 1), 0.2, 43L, null, null, null));

        assertThat(heldOut(again.runId())).isEqualTo(firstHeldOut);
        assertThat(heldOut(otherSeed.runId())).isNotEqualTo(firstHeldOut).hasSameSizeAs(firstHeldOut);
        assertThat(first.holdoutSeed()).isEqualTo(42L);
        for (SelectionCounts.StratumCount stratum : first.bySexAndAgeBand()) {
            long phoneOwners = stratum.noticeAndCall() + stratum.heldOut();
            assertThat(stratum.heldOut()).as("stratum %s %s", stratum.sex(), stratum.ageBand())
                    .isEqualTo((long) Math.floor(phoneOwners * 0.2 + 0.5));
        }
        assertThat(first.heldOut()).isGreaterThan(0);
        assertThat(first.noticeOnly()).isEqualTo(first.targets() - first.noticeAndCall());
    }

    private List<String> heldOut(long runId) {
        Map<Long, String> numbers = numbers(runId);
        return jdbc.queryForList("select e.member_id from selection_entry e where e.run_id = ? and e.holdout", Long.class, runId)
                .stream().map(numbers::get).sorted().toList();
    }
}
