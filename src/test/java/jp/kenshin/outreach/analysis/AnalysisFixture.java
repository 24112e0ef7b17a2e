package jp.kenshin.outreach.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import jp.kenshin.outreach.TestFiles;
import jp.kenshin.outreach.TestUsers;
import jp.kenshin.outreach.calling.CallCaseService;
import jp.kenshin.outreach.calling.CallOutcome;
import jp.kenshin.outreach.calling.CaseState;
import jp.kenshin.outreach.fileimport.ImportReport;
import jp.kenshin.outreach.fileimport.ImportStatus;
import jp.kenshin.outreach.mailing.MailingService;
import jp.kenshin.outreach.members.MembersImportService;
import jp.kenshin.outreach.privacy.Designation;
import jp.kenshin.outreach.privacy.Designations;
import jp.kenshin.outreach.privacy.PersonalDataService.AccessContext;
import jp.kenshin.outreach.privacy.Purpose;
import jp.kenshin.outreach.privacy.Requester;
import jp.kenshin.outreach.results.ResultsImportService;
import jp.kenshin.outreach.selection.SelectionCounts;
import jp.kenshin.outreach.selection.SelectionRequest;
import jp.kenshin.outreach.selection.TargetSelectionService;
import jp.kenshin.outreach.synthetic.SyntheticWardGenerator;
import jp.kenshin.outreach.synthetic.SyntheticWardSpec;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A fiscal year for the effect analysis, built through the application's own services: synthetic members
 * and last year's results imported, targets selected with a holdout and frozen, postcards planned,
 * dispatched and some returned, call cases opened and calls recorded with various outcomes, and this
 * year's results imported for a chosen subset. Everything is decided by the person number (seeded
 * SplittableRandom), so the same year comes out the same on every run, whatever else the shared database
 * holds.
 *
 * <p>The fixture keeps its own record of what it did for each target ({@link Person}): the expected
 * figures are computed from that record, not from what the analysis reads.
 */
final class AnalysisFixture {

    static final String ANALYST = "eaanalyst";
    static final String UNTRAINED_ANALYST = "eauntrained";
    static final String WARD = "eaward";

    /** What the fixture made of one target; no id, nothing personal. */
    record Person(String personNo, long memberId, Arm arm, int sex, String ageBand, boolean returned, boolean hasCase,
            List<CallOutcome> calls, CaseState caseState, LocalDate examDate, boolean attendedBefore, String variant,
            List<String> items) {

        boolean reached() {
            return calls.stream().anyMatch(CallOutcome::reached);
        }

        boolean attendedBy(LocalDate cutOff) {
            return examDate != null && !examDate.isAfter(cutOff);
        }
    }

    final int fiscalYear;
    final LocalDate dispatch;
    final byte[] membersFile;
    final long selectionRunId;
    final SelectionCounts counts;
    private final Map<String, String[]> birthAndSex = new HashMap<>();
    private final List<Person> people = new ArrayList<>();

    private final JdbcTemplate jdbc;

    /** 整理番号 of the people in last year's results the fixture imported (attended before). */
    private final java.util.Set<String> lastYearAttendees = new java.util.HashSet<>();

    private AnalysisFixture(int fiscalYear, byte[] membersFile, SelectionCounts counts, JdbcTemplate jdbc,
            Map<Long, String> personNumbers) {
        this.personNumbers = personNumbers;
        this.fiscalYear = fiscalYear;
        this.dispatch = LocalDate.of(fiscalYear, 6, 10);
        this.membersFile = membersFile;
        this.selectionRunId = counts.runId();
        this.counts = counts;
        this.jdbc = jdbc;
    }

    /** Members and last year's results imported, targets selected with the holdout (seed fixed) and frozen. */
    static AnalysisFixture select(int fiscalYear, int members, double holdoutShare, MembersImportService membersImport,
            ResultsImportService results, TargetSelectionService selection, JdbcTemplate jdbc,
            jp.kenshin.outreach.privacy.PersonalCipher cipher) {
        SyntheticWardGenerator generator = new SyntheticWardGenerator(
                new SyntheticWardSpec(fiscalYear, members, fiscalYear, StandardCharsets.UTF_8));
        ByteArrayOutputStream membersOut = new ByteArrayOutputStream();
        ByteArrayOutputStream lastYear = new ByteArrayOutputStream();
        ByteArrayOutputStream twoYearsAgo = new ByteArrayOutputStream();
        try {
            generator.writeMembers(membersOut);
            generator.writeResults(fiscalYear - 1, lastYear);
            generator.writeResults(fiscalYear - 2, twoYearsAgo);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ImportReport m = membersImport.importMembers(fiscalYear, new ByteArrayInputStream(membersOut.toByteArray()), "members.csv",
                "UTF-8", true);
        assertThat(m.status()).isEqualTo(ImportStatus.COMMITTED);
        ImportReport r = results.importResults(fiscalYear, new ByteArrayInputStream(lastYear.toByteArray()), "results-last-year.csv",
                "UTF-8", true);
        assertThat(r.status()).isEqualTo(ImportStatus.COMMITTED);
        // results of two years ago: people who attended then but not last year are targets who attended before
        ImportReport r2 = results.importResults(fiscalYear, new ByteArrayInputStream(twoYearsAgo.toByteArray()), "results-two-years-ago.csv",
                "UTF-8", true);
        assertThat(r2.status()).isEqualTo(ImportStatus.COMMITTED);
        SelectionCounts counts = selection.select(new SelectionRequest(fiscalYear, LocalDate.of(fiscalYear, 4, 1), holdoutShare,
                holdoutShare > 0 ? 20260401L : null, m.id(), r.id(), null));
        selection.freeze(counts.runId(), "ward");
        AnalysisFixture fixture = new AnalysisFixture(fiscalYear, membersOut.toByteArray(), counts, jdbc,
                jp.kenshin.outreach.PersonNumbers.of(jdbc, cipher, fiscalYear));
        fixture.readBirthDates();
        fixture.readLastYear(lastYear.toByteArray());
        fixture.readLastYear(twoYearsAgo.toByteArray());
        return fixture;
    }

    /** The analysts: one designated for ANALYSIS and trained, one designated but without training on record. */
    static void analysts(int fiscalYear, Designations designations, IdentityService identity) {
        TestUsers.ensure(identity, ANALYST, Requester.ANALYST);
        TestUsers.ensure(identity, UNTRAINED_ANALYST, Requester.ANALYST);
        TestUsers.ensure(identity, WARD, Requester.WARD_STAFF);
        LocalDate today = LocalDate.now();
        designations.save(new Designation(null, fiscalYear, ANALYST, Designation.Role.HANDLER, EnumSet.of(Purpose.ANALYSIS),
                today.minusDays(30), today.plusDays(365), today.minusDays(30)), "ward");
        designations.save(new Designation(null, fiscalYear, UNTRAINED_ANALYST, Designation.Role.HANDLER, EnumSet.of(Purpose.ANALYSIS),
                today.minusDays(30), today.plusDays(365), null), "ward");
        designations.setHandoverAllowed(fiscalYear, true, "ward");
    }

    static Requester analyst() {
        return new Requester(ANALYST, java.util.Set.of(Requester.ANALYST));
    }

    private void readBirthDates() {
        try (Reader reader = new InputStreamReader(new ByteArrayInputStream(membersFile), StandardCharsets.UTF_8)) {
            for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                birthAndSex.put(number(r.get("整理番号")), new String[] {r.get("生年月日").strip(), r.get("性別").strip()});
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readLastYear(byte[] file) {
        try (Reader reader = new InputStreamReader(new ByteArrayInputStream(file), StandardCharsets.UTF_8)) {
            for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                lastYearAttendees.add(number(r.get("整理番号")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The result items the analysis reads, in this order in the people table and the results file. */
    static final List<String> ITEMS = List.of("腹囲", "BMI", "収縮期血圧", "拡張期血圧", "中性脂肪", "HDLコレステロール", "空腹時血糖",
            "HbA1c", "保健指導レベル");

    /**
     * This year's result items of an attendee, drawn from the person number: guidance level 1–4 or missing (15%),
     * the measurements in plausible ranges with some not measured, so that levels have to be derived for some.
     */
    static List<String> items(String personNo) {
        java.util.function.BiFunction<Integer, double[], String> value = (salt, range) -> {
            double u = draw(personNo, salt);
            return u < range[2] ? "" : String.format(java.util.Locale.ROOT, "%.1f", range[0] + (range[1] - range[0]) * draw(personNo, salt + 50));
        };
        double l = draw(personNo, 20);
        String level = l < 0.15 ? "" : l < 0.27 ? "1" : l < 0.45 ? "2" : l < 0.96 ? "3" : "4";
        return List.of(value.apply(11, new double[] {68, 102, 0.06}), value.apply(12, new double[] {17, 33, 0.04}),
                value.apply(13, new double[] {100, 165, 0.02}), value.apply(14, new double[] {58, 100, 0.02}),
                value.apply(15, new double[] {50, 260, 0.03}), value.apply(16, new double[] {28, 90, 0.03}),
                value.apply(17, new double[] {78, 130, 0.4}), value.apply(18, new double[] {4.8, 6.6, 0.05}), level);
    }

    private static String number(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).strip();
    }

    /** A number in [0, 1) drawn from the person number and a salt: the same on every run. */
    static double draw(String personNo, int salt) {
        return new SplittableRandom(Long.parseLong(personNo) * 1_000_003L + salt).nextDouble();
    }

    private record Target(String personNo, long memberId, Arm arm, int sex, String ageBand) {
    }

    /** Member id → 整理番号 (kept sealed in the database; opened once by the fixture). */
    private final Map<Long, String> personNumbers;

    private List<Target> targets() {
        return jdbc.query("""
                select e.member_id, e.target_group, e.holdout, e.sex, e.age_band
                from selection_entry e where e.run_id = ? and e.eligible""",
                (rs, n) -> new Target(personNumbers.get(rs.getLong("member_id")), rs.getLong("member_id"),
                        "NOTICE_AND_CALL".equals(rs.getString("target_group")) ? Arm.NOTICE_AND_CALL
                                : rs.getBoolean("holdout") ? Arm.HOLDOUT : Arm.NOTICE_ONLY,
                        rs.getInt("sex"), rs.getString("age_band")), selectionRunId)
                .stream().sorted(Comparator.comparing(Target::personNo)).toList();
    }

    /** Postcards planned and dispatched (outside the mailing process), about 5% returned. */
    void mail(MailingService mailing) {
        mailing.plan(fiscalYear, 500);
        mailing.recordDispatch(fiscalYear, dispatch, "ward");
        returned(mailing);
    }

    /** About 5% of the cards come back undelivered. */
    void returned(MailingService mailing) {
        for (Target t : targets()) {
            if (draw(t.personNo(), 5) < 0.05) {
                String mailingId = jdbc.queryForObject("select mailing_id from mailing_item where fiscal_year = ? and member_id = ?",
                        String.class, fiscalYear, t.memberId());
                mailing.recordReturned(fiscalYear, mailingId, "ward");
            }
        }
    }

    /**
     * About 3% of the call arm lose their number before the calls (no case); the others' cases get 0 to 3
     * calls with the outcomes below and end as the phone-outreach decision would end them.
     */
    void call(CallCaseService calls) {
        for (Target t : targets()) {
            if (t.arm() == Arm.NOTICE_AND_CALL && draw(t.personNo(), 2) < 0.03) {
                jdbc.update("update member set phone_usable = false where id = ?", t.memberId());
            }
        }
        calls.openCases(fiscalYear);
        // calls on a Sunday: the calling-hours calendar computes Japan's equinox holidays for 1980-2099 only, and a
        // Sunday is never a calling day, so no holiday of these far-off test years is asked for (the band plays no part)
        Instant now = LocalDate.of(fiscalYear, 6, 20).with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.SUNDAY))
                .atTime(10, 0).atZone(java.time.ZoneId.of("Asia/Tokyo")).toInstant();
        for (Target t : targets()) {
            List<String> cases = jdbc.queryForList("select id from call_case where fiscal_year = ? and member_id = ?", String.class,
                    fiscalYear, t.memberId());
            if (cases.isEmpty()) {
                continue;
            }
            String caseId = cases.get(0);
            Plan plan = plan(t.personNo());
            int n = 0;
            for (CallOutcome outcome : plan.outcomes()) {
                Instant at = now.plus(n * 3L, ChronoUnit.HOURS);
                calls.recordAttempt(caseId, "T-" + caseId + "-" + (++n), outcome,
                        outcome == CallOutcome.CALLBACK_REQUESTED ? at.plus(1, ChronoUnit.DAYS) : null,
                        new Requester("eaoperator", java.util.Set.of(Requester.CONTRACTOR_OPERATOR)), null, at,
                        AccessContext.of("試験の架電"));
            }
            if (plan.end() != CaseState.OPEN) {
                calls.close(caseId, plan.end(), "eaoperator");
            }
        }
    }

    private record Plan(List<CallOutcome> outcomes, CaseState end) {
    }

    private static Plan plan(String personNo) {
        double u = draw(personNo, 1);
        if (u < 0.40) {
            return new Plan(List.of(CallOutcome.WILL_BOOK), CaseState.REACHED);
        } else if (u < 0.50) {
            return new Plan(List.of(CallOutcome.ALREADY_BOOKED), CaseState.REACHED);
        } else if (u < 0.58) {
            return new Plan(List.of(CallOutcome.DECLINED), CaseState.DECLINED);
        } else if (u < 0.62) {
            return new Plan(List.of(CallOutcome.HAD_CHECKUP_ELSEWHERE), CaseState.HAD_CHECKUP_ELSEWHERE);
        } else if (u < 0.72) {
            return new Plan(List.of(CallOutcome.NO_ANSWER, CallOutcome.WILL_BOOK), CaseState.REACHED);
        } else if (u < 0.76) {
            return new Plan(List.of(CallOutcome.CALLBACK_REQUESTED, CallOutcome.ALREADY_BOOKED), CaseState.REACHED);
        } else if (u < 0.86) {
            return new Plan(List.of(CallOutcome.NO_ANSWER, CallOutcome.BUSY, CallOutcome.ANSWERING_MACHINE), CaseState.UNREACHABLE);
        } else if (u < 0.90) {
            return new Plan(List.of(CallOutcome.WRONG_NUMBER), CaseState.WRONG_NUMBER);
        } else if (u < 0.93) {
            return new Plan(List.of(CallOutcome.DO_NOT_CALL), CaseState.OPTED_OUT);
        } else if (u < 0.97) {
            return new Plan(List.of(CallOutcome.NO_ANSWER), CaseState.OPEN);
        }
        return new Plan(List.of(), CaseState.OPEN);
    }

    /**
     * This year's results for a subset: the chance of attending grows with age, is higher for women, and
     * is raised by a call that reached the person (less by one that did not), lowered in the notice-only
     * arm; exam dates from 40 days before to 280 days after the dispatch.
     */
    void results(ResultsImportService results) {
        results(results, (arm, sex, ageBand, reached) -> 0.18 + 0.006 * (Integer.parseInt(ageBand.substring(0, 2)) - 40)
                + (sex == 2 ? 0.04 : 0) + switch (arm) {
                    case NOTICE_AND_CALL -> reached ? 0.12 : 0.03;
                    case HOLDOUT -> 0;
                    case NOTICE_ONLY -> -0.04;
                });
    }

    /** The chance that a target attends, from their arm, stratum and whether a call reached them. */
    interface Uptake {
        double chance(Arm arm, int sex, String ageBand, boolean reached);
    }

    /** This year's results with a chance of attending of the test's choosing (exam dates as above). */
    void results(ResultsImportService results, Uptake uptake) {
        List<String> rows = new ArrayList<>();
        for (Target t : targets()) {
            boolean hasCase = !jdbc.queryForList("select id from call_case where fiscal_year = ? and member_id = ?", String.class,
                    fiscalYear, t.memberId()).isEmpty();
            Plan plan = hasCase ? plan(t.personNo()) : new Plan(List.of(), null);
            boolean reached = plan.outcomes().stream().anyMatch(CallOutcome::reached);
            double p = uptake.chance(t.arm(), t.sex(), t.ageBand(), reached);
            LocalDate exam = null;
            List<String> items = List.of();
            if (draw(t.personNo(), 3) < p) {
                exam = dispatch.plusDays(-40 + (long) Math.floor(draw(t.personNo(), 4) * 320));
                String[] birthSex = birthAndSex.get(t.personNo());
                items = items(t.personNo());
                // 身長,体重,BMI,腹囲,収縮期血圧,拡張期血圧,中性脂肪,HDL,LDL,空腹時血糖,HbA1c,保健指導レベル
                rows.add(fiscalYear + "," + t.personNo() + ",," + birthSex[0] + "," + birthSex[1] + "," + exam.toString().replace("-", "")
                        + ",1310000001,,," + items.get(1) + "," + items.get(0) + "," + items.get(2) + "," + items.get(3) + ","
                        + items.get(4) + "," + items.get(5) + ",," + items.get(6) + "," + items.get(7) + "," + items.get(8));
            }
            String variant = jdbc.queryForList("select variant from mailing_item where fiscal_year = ? and member_id = ?", String.class,
                    fiscalYear, t.memberId()).stream().findFirst().orElse("(none)");
            boolean returned = jdbc.queryForObject("""
                    select coalesce(bool_or(returned_at is not null), false) from mailing_item where fiscal_year = ? and member_id = ?""",
                    Boolean.class, fiscalYear, t.memberId());
            people.add(new Person(t.personNo(), t.memberId(), t.arm(), t.sex(), t.ageBand(), returned, hasCase, plan.outcomes(),
                    plan.end(), exam, lastYearAttendees.contains(t.personNo()), variant, items));
        }
        ImportReport report = results.importResults(fiscalYear, TestFiles.csv(StandardCharsets.UTF_8, TestFiles.RESULTS_HEADER, rows),
                "results.csv", "UTF-8", false);
        assertThat(report.status()).isEqualTo(ImportStatus.COMMITTED);
        assertThat(report.inserted()).isEqualTo(rows.size());
    }

    /** The targets as the fixture made them, in person number order. */
    List<Person> people() {
        return people.stream().sorted(Comparator.comparing(Person::personNo)).toList();
    }

    /**
     * The per-person table handed to R (reference_values_effect_analysis.R): one line per target without any
     * id, sorted, so the file is the same whatever the database's ids are.
     */
    String peopleCsv(LocalDate cutOff) {
        List<String> lines = new ArrayList<>();
        for (Person p : people()) {
            boolean attended = p.attendedBy(cutOff);
            lines.add(String.join(",", p.arm().name(), Integer.toString(p.sex()), p.ageBand(), Boolean.toString(p.returned()),
                    Boolean.toString(p.reached()), Integer.toString(p.calls().size()),
                    p.calls().isEmpty() ? "NONE" : p.calls().get(p.calls().size() - 1).name(),
                    p.hasCase() ? p.caseState().name() : "NO_CASE", Boolean.toString(attended),
                    attended ? Long.toString(Math.max(0, ChronoUnit.DAYS.between(dispatch, p.examDate()))) : "",
                    Boolean.toString(p.attendedBefore()), p.variant(),
                    String.join(",", attended ? p.items() : java.util.Collections.nCopies(ITEMS.size(), ""))));
        }
        lines.sort(Comparator.naturalOrder());
        return "arm,sex,ageBand,returnedCard,reached,attempts,lastOutcome,caseState,attended,day,attendedBefore,variant,"
                + "waist,bmi,sbp,dbp,tg,hdl,fpg,hba1c,level\n" + String.join("\n", lines) + "\n";
    }
}
