package jp.kenshin.outreach.analysis;

import static jp.kenshin.outreach.analysis.ReferenceData.SIX_DECIMALS;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import jp.kenshin.outreach.IntegrationTest;
import jp.kenshin.outreach.calling.CallCaseService;
import jp.kenshin.outreach.mailing.MailingService;
import jp.kenshin.outreach.members.MembersImportService;
import jp.kenshin.outreach.privacy.Designations;
import jp.kenshin.outreach.privacy.PersonalDataService.AccessContext;
import jp.kenshin.outreach.results.ResultsImportService;
import jp.kenshin.outreach.selection.TargetSelectionService;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The effect analysis of a fiscal year built through the whole cycle (members, last year's results,
 * selection with a 20% holdout, postcards with some returned, calls with various outcomes, this year's
 * results), checked figure by figure against values computed independently by R from the per-person
 * table the fixture made (src/test/resources/analysis/effect_analysis_people.csv, by
 * reference_values_effect_analysis.R).
 *
 * <p>To regenerate after a change to the fixture: run this test with
 * {@code -Dkenshin.test.writePeople=true} (it writes the CSV and fails), then
 * {@code Rscript src/test/resources/analysis/reference_values_effect_analysis.R} and paste the numbers.
 */
@IntegrationTest
class EffectAnalysisIT {

    static final int FY = 2151;
    static final LocalDate CUT_OFF = LocalDate.of(FY + 1, 1, 31);
    static final UnitCosts COSTS = new UnitCosts(new BigDecimal("85"), new BigDecimal("150"));
    private static AnalysisFixture fixture;
    private static long runId;

    @Autowired
    EffectAnalysisService analyses;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void year(@Autowired MembersImportService members, @Autowired ResultsImportService results,
            @Autowired TargetSelectionService selection, @Autowired MailingService mailing, @Autowired CallCaseService calls,
            @Autowired Designations designations, @Autowired IdentityService identity, @Autowired JdbcTemplate jdbc,
            @Autowired EffectAnalysisService analyses, @Autowired jp.kenshin.outreach.privacy.PersonalCipher cipher) {
        fixture = AnalysisFixture.select(FY, 5000, 0.2, members, results, selection, jdbc, cipher);
        fixture.mail(mailing);
        fixture.call(calls);
        fixture.results(results);
        AnalysisFixture.analysts(FY, designations, identity);
        runId = analyses.run(AnalysisFixture.analyst(), FY, CUT_OFF, Optional.of(COSTS), AccessContext.of("効果分析の試験"));
    }

    @Test
    void thePeopleAreTheOnesTheReferenceValuesWereComputedFrom() throws IOException {
        String made = fixture.peopleCsv(CUT_OFF);
        if (Boolean.getBoolean("kenshin.test.writePeople")) {
            Files.writeString(Path.of("src/test/resources/analysis/effect_analysis_people.csv"), made, StandardCharsets.UTF_8);
            throw new AssertionError("effect_analysis_people.csv written: now run reference_values_effect_analysis.R and paste the numbers");
        }
        try (InputStream in = getClass().getResourceAsStream("/analysis/effect_analysis_people.csv")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(made);
        }
    }

    private EffectAnalysis analysis() {
        return analyses.analysis(runId);
    }

    @Test
    void uptakePerArmWithWilsonIntervals() {
        EffectFigures f = analysis().figures();

        proportion(f.byArm().get(Arm.NOTICE_ONLY), 76, 296, 0.25675675675675674, 0.21032927610041063, 0.3094169238868556);
        proportion(f.byArm().get(Arm.NOTICE_AND_CALL), 353, 1001, 0.35264735264735264, 0.3236632903247617, 0.38275805862493323);
        proportion(f.byArm().get(Arm.HOLDOUT), 74, 252, 0.29365079365079366, 0.24085627816446745, 0.3526419747012336);
        proportion(f.noticeOnly(), 150, 548, 0.2737226277372263, 0.2380640549925423, 0.3125315082150765);
        assertThat(analysis().counts().targets()).isEqualTo(1549);
        assertThat(analysis().counts().attended()).isEqualTo(503);
    }

    @Test
    void crudeComparisonOfTheCallArmWithTheNoticeOnlyGroup() {
        EffectAnalysis a = analysis();

        comparison(a.figures().crude(), new double[] {0.07892472491012636, 0.03128388165685491, 0.1265655681633978},
                new double[] {1.2883383283383283, 1.0976970402148525, 1.5120890258943598}, 10.05987392159701, 0.0015153359616796825);
        estimate(a.crudeOddsRatio().orElseThrow(), 1.4454115226334379, 1.1505049387337238, 1.8159109095706774);
    }

    @Test
    void stratifiedBySexAndFiveYearAgeBand() {
        mantelHaenszel(analysis().figures().stratified(), new double[] {1.461330430602265, 1.1605179027407606, 1.8401151954320443},
                new double[] {0.07986135693695104, 0.0326072108887978, 0.12711550298510427}, 10.437334556671976, 0.0012349335595332857);
        assertThat(analysis().figures().stratified().informativeStrata()).isEqualTo(12);
    }

    @Test
    void adjustedByLogisticRegression() {
        EffectFigures.Regression regression = analysis().figures().regression();

        estimate(regression.callOddsRatio().orElseThrow(), 1.4675146496468914, 1.1656665621632794, 1.847525970832966);
        var fit = regression.fit().orElseThrow();
        double[] coefficients = {-1.823257218627209, 0.38357025539389317, 0.19851316760029386, 0.6742759170423342, 0.4913575158357229,
            0.7822278482112008, 0.9281891112095338, 0.8986426332947839};
        double[] errors = {0.21365276652841675, 0.11749051383001988, 0.11172210032887323, 0.24409222119138577, 0.24901843099463805,
            0.24231277029654608, 0.21901505340425123, 0.20897084047832618};
        assertThat(fit.coefficients()).extracting(c -> c.name()).containsExactly("(Intercept)", "call", "female", "ageBand 45-49",
                "ageBand 50-54", "ageBand 55-59", "ageBand 60-64", "ageBand 65-69");
        for (int i = 0; i < coefficients.length; i++) {
            assertThat(fit.coefficients().get(i).estimate()).isCloseTo(coefficients[i], SIX_DECIMALS);
            assertThat(fit.coefficients().get(i).standardError()).isCloseTo(errors[i], SIX_DECIMALS);
        }
        assertThat(fit.deviance()).isCloseTo(17.574511699070317, SIX_DECIMALS);
    }

    @Test
    void theRandomisedComparisonWithTheHoldoutIsTheMainResult() {
        EffectAnalysis a = analysis();
        EffectFigures.HoldoutFigures h = a.figures().holdout().orElseThrow();

        comparison(h.intentionToTreat(), new double[] {0.05899655899655898, -0.004548435514955665, 0.12254155350807362},
                new double[] {1.2009072009072008, 0.9743371535021561, 1.4801633089808852}, 3.11911315815178, 0.07737888599258967);
        mantelHaenszel(h.stratified(), new double[] {1.3187242835299318, 0.9739761912182523, 1.7854992264198404},
                new double[] {0.05939308694757736, -0.0036076660392795196, 0.12239383993443424}, 3.206354511810353, 0.07335274717316224);
        proportion(h.reachedShare(), 776, 1001, 0.7752247752247752, 0.7483412053721121, 0.8000040038777796);
        estimate(h.effectAmongReached(), 0.076102520045819, -0.005867247358853893, 0.1580722874504919);
        assertThat(a.headline().basis()).isEqualTo(EffectAnalysis.Headline.ITT);
        assertThat(a.headline().difference()).isEqualTo(h.intentionToTreat().difference());
        assertThat(a.holdoutShare()).isEqualTo(0.2);
    }

    @Test
    void returnedCardsAreCountedAndTheComparisonIsShownWithoutThem() {
        EffectFigures.ReturnedCards r = analysis().figures().returnedCards();

        assertThat(r.byArm()).containsEntry(Arm.NOTICE_ONLY, 14L).containsEntry(Arm.NOTICE_AND_CALL, 44L).containsEntry(Arm.HOLDOUT, 12L);
        assertThat(r.total()).isEqualTo(70);
        EffectFigures.Comparison delivered = r.excludingReturned().orElseThrow();
        assertThat(delivered.crude().first().successes()).isEqualTo(342);
        assertThat(delivered.crude().first().trials()).isEqualTo(957);
        assertThat(delivered.crude().second().successes()).isEqualTo(143);
        assertThat(delivered.crude().second().trials()).isEqualTo(522);
        comparison(delivered.crude(), new double[] {0.0834204110066179, 0.03457801883249638, 0.1322628031807394},
                new double[] {1.3045136681500318, 1.1077823234489128, 1.5361825824157327}, 10.665154280886814, 0.001091727455111201);
        mantelHaenszel(delivered.stratified(), new double[] {1.491574997534414, 1.1783788271254803, 1.8880142124557018},
                new double[] {0.08456565166217862, 0.03610366448891999, 0.13302763883543725}, 11.106191524053706, 0.0008603999333589414);
    }

    @Test
    void costsPerArmAndPerAdditionalAttendee() {
        EffectFigures.Costs c = analysis().figures().costs().orElseThrow();

        assertThat(c.callsMade()).isEqualTo(1236);
        assertThat(analysis().counts().callsMade()).isEqualTo(1236);
        assertThat(c.byArm().get(Arm.NOTICE_ONLY).total()).isEqualByComparingTo("25160");
        assertThat(c.byArm().get(Arm.NOTICE_ONLY).perAttendee().orElseThrow().doubleValue()).isCloseTo(331.05263157894734, SIX_DECIMALS);
        assertThat(c.byArm().get(Arm.NOTICE_AND_CALL).total()).isEqualByComparingTo("270485");
        assertThat(c.byArm().get(Arm.NOTICE_AND_CALL).perAttendee().orElseThrow().doubleValue()).isCloseTo(766.2464589235127, SIX_DECIMALS);
        assertThat(c.byArm().get(Arm.HOLDOUT).total()).isEqualByComparingTo("21420");
        assertThat(c.byArm().get(Arm.HOLDOUT).perAttendee().orElseThrow().doubleValue()).isCloseTo(289.4594594594595, SIX_DECIMALS);
        assertThat(c.perAdditionalAttendee().additionalAttendees()).isCloseTo(59.055555555555536, SIX_DECIMALS);
        assertThat(c.perAdditionalAttendee().value().orElseThrow().doubleValue()).isCloseTo(3139.416745061149, SIX_DECIMALS);
    }

    @Test
    void cumulativeUptakeSinceDispatchPerArm() {
        EffectAnalysis.UptakeCurves curves = analysis().curves().orElseThrow();

        assertThat(curves.dispatchDate()).isEqualTo(fixture.dispatch);
        assertThat(curves.lastDay()).isEqualTo(235);
        curve(curves.byArm().get(Arm.NOTICE_ONLY), 0.05405405405405406, 0.07432432432432433, 0.13175675675675674, 0.25675675675675674);
        curve(curves.byArm().get(Arm.NOTICE_AND_CALL), 0.03996003996003996, 0.07992007992007992, 0.17382617382617382,
                0.35264735264735264);
        curve(curves.byArm().get(Arm.HOLDOUT), 0.03571428571428571, 0.07142857142857142, 0.12698412698412698, 0.29365079365079366);
    }

    @Test
    void withinTheCallArmByReachAttemptsOutcomeAndState() {
        EffectAnalysis.PhoneArm phone = analysis().phoneArm();

        assertThat(phone.people()).isEqualTo(1001);
        assertThat(phone.withCallCase()).isEqualTo(962);
        line(phone.byReach(), "REACHED", 287, 776, 0.33659768554477343, 0.4043753061893771);
        line(phone.byReach(), "NOT_REACHED", 66, 225, 0.23771193704411392, 0.35589317070487575);
        line(phone.byAttempts(), "0", 19, 72, 0.17593776659767213, 0.3757586204617663);
        line(phone.byAttempts(), "1", 247, 700, 0.31834820711365325, 0.38897224493081906);
        line(phone.byAttempts(), "2", 60, 151, 0.3227787232337947, 0.47701649804542423);
        line(phone.byAttempts(), "3", 27, 78, 0.2500520390631077, 0.45669805623295207);
        line(phone.byLastOutcome(), "ALREADY_BOOKED", 49, 125, 0.310861005641563, 0.47957911939943565);
        line(phone.byLastOutcome(), "ANSWERING_MACHINE", 27, 78, 0.2500520390631077, 0.45669805623295207);
        line(phone.byLastOutcome(), "DECLINED", 28, 68, 0.30258019750518395, 0.5303853324689461);
        line(phone.byLastOutcome(), "DO_NOT_CALL", 12, 37, 0.19633266528144186, 0.48536332758027795);
        line(phone.byLastOutcome(), "HAD_CHECKUP_ELSEWHERE", 15, 41, 0.2358983101968945, 0.51879298912088);
        line(phone.byLastOutcome(), "NO_ANSWER", 9, 37, 0.133613529891164, 0.4011729212144265);
        line(phone.byLastOutcome(), "NONE", 19, 72, 0.17593776659767213, 0.3757586204617663);
        line(phone.byLastOutcome(), "WILL_BOOK", 183, 505, 0.3216366748328257, 0.40519376008859276);
        line(phone.byLastOutcome(), "WRONG_NUMBER", 11, 38, 0.17003277828483065, 0.4475713767575205);
        assertThat(phone.byLastOutcome()).hasSize(9);
        line(phone.byCaseState(), "DECLINED", 28, 68, 0.30258019750518395, 0.5303853324689461);
        line(phone.byCaseState(), "HAD_CHECKUP_ELSEWHERE", 15, 41, 0.2358983101968945, 0.51879298912088);
        line(phone.byCaseState(), "NO_CASE", 12, 39, 0.18565932306911137, 0.464212543741493);
        line(phone.byCaseState(), "OPEN", 16, 70, 0.14588063222572437, 0.33950331593984906);
        line(phone.byCaseState(), "OPTED_OUT", 12, 37, 0.19633266528144186, 0.48536332758027795);
        line(phone.byCaseState(), "REACHED", 232, 630, 0.33149456160835705, 0.40661029459834425);
        line(phone.byCaseState(), "UNREACHABLE", 27, 78, 0.2500520390631077, 0.45669805623295207);
        line(phone.byCaseState(), "WRONG_NUMBER", 11, 38, 0.17003277828483065, 0.4475713767575205);
        assertThat(phone.byCaseState()).hasSize(8);
    }

    @Test
    void theResultsWereReadThroughTheDoorOnceAndRecorded() {
        var records = jdbc.queryForList("""
                select user_id, purpose, outcome, cardinality(member_ids) as people, fields, detail from audit_log
                where fiscal_year = ? and action = 'ANALYSIS_READ'""", FY);

        assertThat(records).hasSize(1);
        assertThat(records.get(0)).containsEntry("user_id", AnalysisFixture.ANALYST).containsEntry("purpose", "ANALYSIS")
                .containsEntry("outcome", "ALLOWED").containsEntry("people", 503).containsEntry("fields", "健診結果");
        assertThat((String) records.get(0).get("detail")).contains("受診 503 人", CUT_OFF.toString());
        assertThat(analyses.find(runId).status()).isEqualTo(AnalysisRun.DRAFT);
        assertThat(analyses.find(runId).createdBy()).isEqualTo(AnalysisFixture.ANALYST);
    }

    // ---- assertions to 6 decimals ----

    private static void proportion(jp.kenshin.outreach.analysis.stats.Proportion p, long x, long n, double estimate, double lower,
            double upper) {
        assertThat(p.successes()).isEqualTo(x);
        assertThat(p.trials()).isEqualTo(n);
        assertThat(p.estimate()).isCloseTo(estimate, SIX_DECIMALS);
        assertThat(p.ci95().lower()).isCloseTo(lower, SIX_DECIMALS);
        assertThat(p.ci95().upper()).isCloseTo(upper, SIX_DECIMALS);
    }

    private static void estimate(jp.kenshin.outreach.analysis.stats.Estimate e, double value, double lower, double upper) {
        assertThat(e.value()).isCloseTo(value, SIX_DECIMALS);
        assertThat(e.ci95().lower()).isCloseTo(lower, SIX_DECIMALS);
        assertThat(e.ci95().upper()).isCloseTo(upper, SIX_DECIMALS);
    }

    private static void comparison(jp.kenshin.outreach.analysis.stats.TwoProportions t, double[] difference, double[] ratio,
            double chiSquare, double p) {
        estimate(t.difference(), difference[0], difference[1], difference[2]);
        estimate(t.ratio(), ratio[0], ratio[1], ratio[2]);
        assertThat(t.chiSquare().statistic()).isCloseTo(chiSquare, SIX_DECIMALS);
        assertThat(t.chiSquare().pValue()).isCloseTo(p, SIX_DECIMALS);
    }

    private static void mantelHaenszel(jp.kenshin.outreach.analysis.stats.MantelHaenszel mh, double[] oddsRatio,
            double[] riskDifference, double chiSquare, double p) {
        estimate(mh.oddsRatio(), oddsRatio[0], oddsRatio[1], oddsRatio[2]);
        estimate(mh.riskDifference(), riskDifference[0], riskDifference[1], riskDifference[2]);
        assertThat(mh.chiSquare().statistic()).isCloseTo(chiSquare, SIX_DECIMALS);
        assertThat(mh.chiSquare().pValue()).isCloseTo(p, SIX_DECIMALS);
    }

    private static void curve(EffectAnalysis.Curve curve, double day0, double day30, double day100, double last) {
        assertThat(curve.share(0)).isCloseTo(day0, SIX_DECIMALS);
        assertThat(curve.share(30)).isCloseTo(day30, SIX_DECIMALS);
        assertThat(curve.share(100)).isCloseTo(day100, SIX_DECIMALS);
        assertThat(curve.share(235)).isCloseTo(last, SIX_DECIMALS);
        assertThat(curve.cumulativeAttended()).hasSize(236).isSorted();
    }

    private static void line(java.util.List<EffectAnalysis.Descriptive> table, String code, long x, long n, double lower, double upper) {
        EffectAnalysis.Descriptive d = table.stream().filter(l -> l.code().equals(code)).findFirst().orElseThrow();
        proportion(d.uptake(), x, n, (double) x / n, lower, upper);
    }
}
