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
import java.util.Map;
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
 * {@code Rscript src/test/resources/analysis/reference_values_effect_analysis.R} and paste the numbers; the health yield,
 * the effect by segment and the call priority (issue 16) come from
 * {@code Rscript src/test/resources/analysis/reference_values_yield_and_segments.R} (R 4.2.2, metafor 3.8-1) on the same file.
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
        // as of the cut-off, from the facts: the 16 people whose case was still open in the engine but who attended by the
        // cut-off are ATTENDED, none of the open cases' people attended (issue 16, item 4)
        line(phone.byCaseState(), "ATTENDED", 16, 16, 0.8063923194655637, 1.0);
        line(phone.byCaseState(), "DECLINED", 28, 68, 0.30258019750518395, 0.5303853324689461);
        line(phone.byCaseState(), "HAD_CHECKUP_ELSEWHERE", 15, 41, 0.2358983101968945, 0.51879298912088);
        line(phone.byCaseState(), "NO_CASE", 12, 39, 0.18565932306911137, 0.464212543741493);
        line(phone.byCaseState(), "OPEN", 0, 54, 0.0, 0.06641358809089637);
        line(phone.byCaseState(), "OPTED_OUT", 12, 37, 0.19633266528144186, 0.48536332758027795);
        line(phone.byCaseState(), "REACHED", 232, 630, 0.33149456160835705, 0.40661029459834425);
        line(phone.byCaseState(), "UNREACHABLE", 27, 78, 0.2500520390631077, 0.45669805623295207);
        line(phone.byCaseState(), "WRONG_NUMBER", 11, 38, 0.17003277828483065, 0.4475713767575205);
        assertThat(phone.byCaseState()).hasSize(9);
        assertThat(phone.byCaseState().stream().filter(d -> d.code().equals("OPEN")).findFirst().orElseThrow().uptake().successes())
                .isZero();
    }

    @Test
    void theResultsWereReadThroughTheDoorOnceAndRecorded() {
        var records = jdbc.queryForList("""
                select user_id, purpose, outcome, cardinality(member_ids) as people, fields, detail from audit_log
                where fiscal_year = ? and action = 'ANALYSIS_READ'""", FY);

        assertThat(records).hasSize(1);
        assertThat(records.get(0)).containsEntry("user_id", AnalysisFixture.ANALYST).containsEntry("purpose", "ANALYSIS")
                .containsEntry("outcome", "ALLOWED").containsEntry("people", 590).containsEntry("fields", "健診結果");
        // 503 attendees (exam date and result items) and 127 targets with a result of an earlier year, 40 of them both
        assertThat((String) records.get(0).get("detail")).contains("受診 503 人", "受診あり 127 人", CUT_OFF.toString());
        assertThat(analyses.find(runId).status()).isEqualTo(AnalysisRun.DRAFT);
        assertThat(analyses.find(runId).createdBy()).isEqualTo(AnalysisFixture.ANALYST);
    }


    /**
     * Issue 16, item 1: the guidance levels of each arm's attendees, the levels and risk-factor counts derived where the
     * level is missing, and the people needing guidance found; expected values printed by
     * {@code Rscript src/test/resources/analysis/reference_values_yield_and_segments.R} (R 4.2.2, metafor 3.8-1).
     */
    @Test
    void healthYieldPerArmEqualsR() {
        HealthYield y = analysis().healthYield().orElseThrow();

        yieldLine(y.byArm().get(Arm.NOTICE_ONLY).recorded(), "ACTIVE", 4, 76, 0.020655429299384288, 0.12765672575889644);
        yieldLine(y.byArm().get(Arm.NOTICE_ONLY).recorded(), "MOTIVATIONAL", 13, 76, 0.10278019055272238, 0.27097874699013114);
        yieldLine(y.byArm().get(Arm.NOTICE_ONLY).recorded(), "INFORMATION", 42, 76, 0.4410051506448649, 0.6591934193482787);
        yieldLine(y.byArm().get(Arm.NOTICE_ONLY).recorded(), "UNDETERMINED", 3, 76, 0.013514635094539595, 0.10974787746545529);
        yieldLine(y.byArm().get(Arm.NOTICE_ONLY).recorded(), "MISSING", 14, 76, 0.11302595895203014, 0.28578262108910923);
        yieldLine(y.byArm().get(Arm.NOTICE_ONLY).derived(), "ACTIVE", 4, 76, 0.020655429299384288, 0.12765672575889644);
        yieldLine(y.byArm().get(Arm.NOTICE_ONLY).derived(), "MOTIVATIONAL", 7, 76, 0.04533400406377609, 0.17812707848936227);
        yieldLine(y.byArm().get(Arm.NOTICE_ONLY).derived(), "INFORMATION", 3, 76, 0.013514635094539595, 0.10974787746545529);
        yieldLine(y.byArm().get(Arm.NOTICE_ONLY).derived(), "NOT_DERIVABLE", 0, 76, 0.0, 0.048113585065137306);
        yieldLine(y.byArm().get(Arm.NOTICE_ONLY).riskFactors(), "0", 0, 76, 0.0, 0.048113585065137306);
        yieldLine(y.byArm().get(Arm.NOTICE_ONLY).riskFactors(), "1", 1, 76, 0.002326480045579058, 0.0708367475178441);
        yieldLine(y.byArm().get(Arm.NOTICE_ONLY).riskFactors(), "2", 2, 76, 0.007246659075128335, 0.0909662109865807);
        yieldLine(y.byArm().get(Arm.NOTICE_ONLY).riskFactors(), "3", 7, 76, 0.04533400406377609, 0.17812707848936227);
        yieldLine(y.byArm().get(Arm.NOTICE_ONLY).riskFactors(), "4", 4, 76, 0.020655429299384288, 0.12765672575889644);
        proportion(y.byArm().get(Arm.NOTICE_ONLY).needingGuidance(), 28, 296, 0.0945945945945946, 0.06625869745752298, 0.13331830252125398);
        proportion(y.byArm().get(Arm.NOTICE_ONLY).needingGuidanceAmongAttendees().orElseThrow(), 28, 76, 0.3684210526315789, 0.268754226031035, 0.48074934898610644);
        yieldLine(y.byArm().get(Arm.NOTICE_AND_CALL).recorded(), "ACTIVE", 55, 353, 0.12170145094109053, 0.19732386410196123);
        yieldLine(y.byArm().get(Arm.NOTICE_AND_CALL).recorded(), "MOTIVATIONAL", 63, 353, 0.14205232075705065, 0.22181083362473017);
        yieldLine(y.byArm().get(Arm.NOTICE_AND_CALL).recorded(), "INFORMATION", 171, 353, 0.4327342475266465, 0.5364397379279772);
        yieldLine(y.byArm().get(Arm.NOTICE_AND_CALL).recorded(), "UNDETERMINED", 11, 353, 0.01748752449091808, 0.05492967418912361);
        yieldLine(y.byArm().get(Arm.NOTICE_AND_CALL).recorded(), "MISSING", 53, 353, 0.1166545898474603, 0.19116126536090922);
        yieldLine(y.byArm().get(Arm.NOTICE_AND_CALL).derived(), "ACTIVE", 11, 353, 0.01748752449091808, 0.05492967418912361);
        yieldLine(y.byArm().get(Arm.NOTICE_AND_CALL).derived(), "MOTIVATIONAL", 22, 353, 0.041513967966406835, 0.09255525980438738);
        yieldLine(y.byArm().get(Arm.NOTICE_AND_CALL).derived(), "INFORMATION", 19, 353, 0.03472539903904275, 0.08252963897972805);
        yieldLine(y.byArm().get(Arm.NOTICE_AND_CALL).derived(), "NOT_DERIVABLE", 1, 353, 0.0005002447145244198, 0.0158696547921059);
        yieldLine(y.byArm().get(Arm.NOTICE_AND_CALL).riskFactors(), "0", 0, 353, 0.0, 0.01076516958928918);
        yieldLine(y.byArm().get(Arm.NOTICE_AND_CALL).riskFactors(), "1", 6, 353, 0.0078126441677818, 0.03658090492555421);
        yieldLine(y.byArm().get(Arm.NOTICE_AND_CALL).riskFactors(), "2", 13, 353, 0.02164621850166956, 0.0619804400130544);
        yieldLine(y.byArm().get(Arm.NOTICE_AND_CALL).riskFactors(), "3", 23, 353, 0.04380573739218064, 0.0958682202959547);
        yieldLine(y.byArm().get(Arm.NOTICE_AND_CALL).riskFactors(), "4", 11, 353, 0.01748752449091808, 0.05492967418912361);
        proportion(y.byArm().get(Arm.NOTICE_AND_CALL).needingGuidance(), 151, 1001, 0.15084915084915085, 0.1300146469700921, 0.1743532273208801);
        proportion(y.byArm().get(Arm.NOTICE_AND_CALL).needingGuidanceAmongAttendees().orElseThrow(), 151, 353, 0.42776203966005666, 0.3772004199735389, 0.4798789671342621);
        yieldLine(y.byArm().get(Arm.HOLDOUT).recorded(), "ACTIVE", 10, 74, 0.07509048592618375, 0.2311917855252331);
        yieldLine(y.byArm().get(Arm.HOLDOUT).recorded(), "MOTIVATIONAL", 11, 74, 0.085080595484994, 0.24689492517192596);
        yieldLine(y.byArm().get(Arm.HOLDOUT).recorded(), "INFORMATION", 41, 74, 0.44093122010669084, 0.6618417767153215);
        yieldLine(y.byArm().get(Arm.HOLDOUT).recorded(), "UNDETERMINED", 3, 74, 0.013882431221978854, 0.11254709579091646);
        yieldLine(y.byArm().get(Arm.HOLDOUT).recorded(), "MISSING", 9, 74, 0.06532315657822622, 0.21526586566768754);
        yieldLine(y.byArm().get(Arm.HOLDOUT).derived(), "ACTIVE", 3, 74, 0.013882431221978854, 0.11254709579091646);
        yieldLine(y.byArm().get(Arm.HOLDOUT).derived(), "MOTIVATIONAL", 3, 74, 0.013882431221978854, 0.11254709579091646);
        yieldLine(y.byArm().get(Arm.HOLDOUT).derived(), "INFORMATION", 3, 74, 0.013882431221978854, 0.11254709579091646);
        yieldLine(y.byArm().get(Arm.HOLDOUT).derived(), "NOT_DERIVABLE", 0, 74, 0.0, 0.049349779396386045);
        yieldLine(y.byArm().get(Arm.HOLDOUT).riskFactors(), "0", 0, 74, 0.0, 0.049349779396386045);
        yieldLine(y.byArm().get(Arm.HOLDOUT).riskFactors(), "1", 1, 74, 0.0023894634034568284, 0.0726535651984323);
        yieldLine(y.byArm().get(Arm.HOLDOUT).riskFactors(), "2", 5, 74, 0.02920408616536219, 0.14861193925853927);
        yieldLine(y.byArm().get(Arm.HOLDOUT).riskFactors(), "3", 1, 74, 0.0023894634034568284, 0.0726535651984323);
        yieldLine(y.byArm().get(Arm.HOLDOUT).riskFactors(), "4", 2, 74, 0.007443352638267215, 0.093292925169125);
        proportion(y.byArm().get(Arm.HOLDOUT).needingGuidance(), 27, 252, 0.10714285714285714, 0.07468565593977308, 0.15139755624684978);
        proportion(y.byArm().get(Arm.HOLDOUT).needingGuidanceAmongAttendees().orElseThrow(), 27, 74, 0.36486486486486486, 0.2643856429286271, 0.4786818650163421);
        assertThat(y.byArm().get(Arm.NOTICE_AND_CALL).attendees()).isEqualTo(353);
        assertThat(y.notes()).singleElement().asString().contains("喫煙", "服薬");
    }

    @Test
    void peopleFoundNeedingGuidancePerThousandCallsAndPerYenEqualR() {
        HealthYield.GuidanceGain g = analysis().healthYield().orElseThrow().gain().orElseThrow();

        assertThat(g.basis()).isEqualTo(EffectAnalysis.Headline.ITT);
        estimate(g.comparison().difference(), 0.04370629370629371124, -0.00045086628722022792, 0.08786345369980765041);
        estimate(g.additionalFound(), 43.75000000000000711, -0.45131715350744817, 87.95131715350746049);
        assertThat(g.callsMade()).isEqualTo(1236);
        assertThat(g.foundPer1000Calls()).isCloseTo(122.16828478964402, SIX_DECIMALS);
        estimate(g.additionalPer1000Calls(), 35.39644012944984297, -0.36514332808045968, 71.15802358698014984);
        assertThat(g.callCost().orElseThrow()).isEqualByComparingTo("185400");
        {
            jp.kenshin.outreach.analysis.stats.Estimate perFound = g.callCostPerAdditionalFound().orElseThrow();
            assertThat(perFound.value()).isCloseTo(4237.7142857142853, SIX_DECIMALS);
            assertThat(perFound.ci95().lower()).isCloseTo(2107.9843486187783, SIX_DECIMALS);
            // the difference's interval reaches below 0: no upper bound (R: NaN)
            assertThat(perFound.ci95().upper()).isNaN();
        }
    }

    /**
     * Issue 16, item 2: per segment the risk difference (prop.test), Breslow–Day (Tarone, by hand in R), Cochran's Q
     * (metafor rma FE), DL random effects and the BLUPs; expected values from reference_values_yield_and_segments.R.
     * The fixture's effect is the same in every segment by construction, so τ² is 0 here and every BLUP equals the
     * pooled value (HeterogeneityTest checks the shrinkage with τ² > 0).
     */
    @Test
    void effectBySegmentWithHeterogeneityAndShrinkageEqualsR() {
        SegmentEffects s = analysis().segments().orElseThrow();
        assertThat(s.basis()).isEqualTo(EffectAnalysis.Headline.ITT);
        assertThat(s.segmentations()).extracting(SegmentEffects.Segmentation::key)
                .containsExactly(SegmentEffects.SEX_AGE, SegmentEffects.ATTENDED_BEFORE, SegmentEffects.CARD_VARIANT);
        SegmentEffects.Segmentation sexAge = s.segmentations().get(0);
        SegmentEffects.Segmentation before = s.segmentations().get(1);
        SegmentEffects.Segmentation variant = s.segmentations().get(2);

        counts(segment(sexAge, "1|40-44"), 13, 61, 4, 15);
        estimate(segment(sexAge, "1|40-44").difference().orElseThrow(), -0.05355191256830602, -0.29980768596122276, 0.19270386082461075);
        counts(segment(sexAge, "1|45-49"), 15, 46, 4, 12);
        estimate(segment(sexAge, "1|45-49").difference().orElseThrow(), -0.00724637681159418, -0.3063948322130118, 0.2919020785898234);
        counts(segment(sexAge, "1|50-54"), 13, 44, 1, 11);
        estimate(segment(sexAge, "1|50-54").difference().orElseThrow(), 0.20454545454545456, -0.012330413551158048, 0.42142132264206716);
        counts(segment(sexAge, "1|55-59"), 15, 53, 2, 13);
        estimate(segment(sexAge, "1|55-59").difference().orElseThrow(), 0.12917271407837444, -0.10142368245401265, 0.35976911061076156);
        counts(segment(sexAge, "1|60-64"), 24, 86, 6, 21);
        estimate(segment(sexAge, "1|60-64").difference().orElseThrow(), -0.006644518272425237, -0.22186239409498093, 0.20857335755013046);
        counts(segment(sexAge, "1|65-69"), 59, 138, 10, 35);
        estimate(segment(sexAge, "1|65-69").difference().orElseThrow(), 0.14182194616977228, -0.029093738013438175, 0.31273763035298274);
        counts(segment(sexAge, "2|40-44"), 15, 66, 3, 17);
        estimate(segment(sexAge, "2|40-44").difference().orElseThrow(), 0.050802139037433136, -0.15671033608073218, 0.2583146141555984);
        counts(segment(sexAge, "2|45-49"), 26, 74, 4, 19);
        estimate(segment(sexAge, "2|45-49").difference().orElseThrow(), 0.1408250355618777, -0.07232867524166267, 0.35397874636541804);
        counts(segment(sexAge, "2|50-54"), 24, 75, 8, 19);
        estimate(segment(sexAge, "2|50-54").difference().orElseThrow(), -0.10105263157894734, -0.34687924920890045, 0.1447739860510058);
        counts(segment(sexAge, "2|55-59"), 26, 67, 9, 17);
        estimate(segment(sexAge, "2|55-59").difference().orElseThrow(), -0.14135206321334504, -0.4057606912459195, 0.12305656481922944);
        counts(segment(sexAge, "2|60-64"), 58, 126, 13, 32);
        estimate(segment(sexAge, "2|60-64").difference().orElseThrow(), 0.05406746031746029, -0.13706140132992894, 0.24519632196484953);
        counts(segment(sexAge, "2|65-69"), 65, 165, 10, 41);
        estimate(segment(sexAge, "2|65-69").difference().orElseThrow(), 0.15003695491500368, -0.0010822427632776188, 0.301156152593285);
        estimate(segment(sexAge, "1|40-44").shrunken().orElseThrow(), 0.07075533793611925, 0.00998726513792001, 0.1315234107343185);
        estimate(segment(sexAge, "1|45-49").shrunken().orElseThrow(), 0.07075533793611925, 0.00998726513792001, 0.1315234107343185);
        estimate(segment(sexAge, "1|50-54").shrunken().orElseThrow(), 0.07075533793611925, 0.00998726513792001, 0.1315234107343185);
        estimate(segment(sexAge, "1|55-59").shrunken().orElseThrow(), 0.07075533793611925, 0.00998726513792001, 0.1315234107343185);
        estimate(segment(sexAge, "1|60-64").shrunken().orElseThrow(), 0.07075533793611925, 0.00998726513792001, 0.1315234107343185);
        estimate(segment(sexAge, "1|65-69").shrunken().orElseThrow(), 0.07075533793611925, 0.00998726513792001, 0.1315234107343185);
        estimate(segment(sexAge, "2|40-44").shrunken().orElseThrow(), 0.07075533793611925, 0.00998726513792001, 0.1315234107343185);
        estimate(segment(sexAge, "2|45-49").shrunken().orElseThrow(), 0.07075533793611925, 0.00998726513792001, 0.1315234107343185);
        estimate(segment(sexAge, "2|50-54").shrunken().orElseThrow(), 0.07075533793611925, 0.00998726513792001, 0.1315234107343185);
        estimate(segment(sexAge, "2|55-59").shrunken().orElseThrow(), 0.07075533793611925, 0.00998726513792001, 0.1315234107343185);
        estimate(segment(sexAge, "2|60-64").shrunken().orElseThrow(), 0.07075533793611925, 0.00998726513792001, 0.1315234107343185);
        estimate(segment(sexAge, "2|65-69").shrunken().orElseThrow(), 0.07075533793611925, 0.00998726513792001, 0.1315234107343185);
        counts(segment(before, "true"), 29, 82, 6, 20);
        estimate(segment(before, "true").difference().orElseThrow(), 0.053658536585365846, -0.1722702441235064, 0.2795873172942381);
        counts(segment(before, "false"), 324, 919, 68, 232);
        estimate(segment(before, "false").difference().orElseThrow(), 0.05945367903643395, -0.006764571366137964, 0.12567192943900585);
        estimate(segment(before, "true").shrunken().orElseThrow(), 0.05899523634184749, -0.004549858006173552, 0.12254033068986853);
        estimate(segment(before, "false").shrunken().orElseThrow(), 0.05899523634184749, -0.004549858006173552, 0.12254033068986853);
        counts(segment(variant, "attended-before"), 29, 82, 6, 20);
        estimate(segment(variant, "attended-before").difference().orElseThrow(), 0.053658536585365846, -0.1722702441235064, 0.2795873172942381);
        counts(segment(variant, "default"), 257, 683, 54, 172);
        estimate(segment(variant, "default").difference().orElseThrow(), 0.062327624365827894, -0.01596968534048801, 0.1406249340721438);
        counts(segment(variant, "never-40s"), 67, 236, 14, 60);
        estimate(segment(variant, "never-40s").difference().orElseThrow(), 0.050564971751412446, -0.07093576142276638, 0.17206570492559126);
        estimate(segment(variant, "attended-before").shrunken().orElseThrow(), 0.058468043625035056, -0.004720638695966652, 0.12165672594603677);
        estimate(segment(variant, "default").shrunken().orElseThrow(), 0.058468043625035056, -0.004720638695966652, 0.12165672594603677);
        estimate(segment(variant, "never-40s").shrunken().orElseThrow(), 0.058468043625035056, -0.004720638695966652, 0.12165672594603677);

        heterogeneity(sexAge, 9.6285706987637028, 11, 0.5640740591953830, 9.99513381915215149, 0.53082492186216601,
                new double[] {0.0707553379361192530, 0.0099872651379200109, 0.1315234107343185022},
                new double[] {0.0707553379361192530, 0.0099872651379200109, 0.1315234107343185022});
        heterogeneity(before, 0.0025155490097406204, 1, 0.9599986727059912628, 0.0023275013999530837, 0.9615216365133480991,
                new double[] {0.0589952363418474873, -0.0045498580061735516, 0.1225403306898685263},
                new double[] {0.0589952363418474873, -0.0045498580061735516, 0.1225403306898685263});
        heterogeneity(variant, 0.0036848225646023617, 2, 0.9981592849155074276, 0.027328019962319077, 0.986428918861498749,
                new double[] {0.0584680436250350558, -0.0047206386959666516, 0.1216567259460367700},
                new double[] {0.0584680436250350558, -0.0047206386959666516, 0.1216567259460367700});
        assertThat(sexAge.segments()).hasSize(12);
        assertThat(sexAge.segments().stream().filter(SegmentEffects.Segment::suppressed).count()).isPositive();
    }

    /**
     * Issue 16, item 3 (the computation): strata ranked by the shrunken effect per call within this year's calls; expected
     * values from reference_values_yield_and_segments.R (section "next year's call priority").
     */
    @Test
    void nextYearsCallPriorityEqualsR() {
        CallPriority c = analysis().callPriority().orElseThrow();

        assertThat(c.budget()).isEqualTo(1236);
        priority(c.rows().get(0), "1|40-44", 0.07193459356838791, 0.010153719556885345, 0.13371546757989047, 0.9836065573770492, 76, 74.75409836065573, 5.377405683145064, true);
        priority(c.rows().get(1), "1|50-54", 0.06767901889541841, 0.00955303621888001, 0.12580500157195684, 1.0454545454545454, 55, 57.5, 3.891543586486559, true);
        priority(c.rows().get(2), "1|55-59", 0.06048440178410194, 0.008537500843705815, 0.11243130272449808, 1.169811320754717, 66, 77.20754716981132, 4.669852303783871, true);
        priority(c.rows().get(3), "1|60-64", 0.05795199107148815, 0.008180045732010676, 0.10772393641096563, 1.2209302325581395, 107, 130.63953488372093, 7.57082115916476, true);
        priority(c.rows().get(4), "2|60-64", 0.05751724245129694, 0.008118680047599492, 0.10691580485499438, 1.2301587301587302, 158, 194.36507936507937, 11.179343393906843, true);
        priority(c.rows().get(5), "1|45-49", 0.056116302501060096, 0.007920934419729663, 0.10431167058239053, 1.2608695652173914, 58, 73.1304347826087, 4.103809600294917, true);
        priority(c.rows().get(6), "1|65-69", 0.056116302501060096, 0.007920934419729663, 0.10431167058239053, 1.2608695652173914, 173, 218.13043478260872, 12.240673462948632, true);
        priority(c.rows().get(7), "2|50-54", 0.05585947731798889, 0.007884683003621062, 0.10383427163235671, 1.2666666666666666, 94, 119.06666666666666, 6.651001765995209, true);
        priority(c.rows().get(8), "2|40-44", 0.05493943886804554, 0.007754817636502597, 0.10212406009958849, 1.2878787878787878, 83, 106.89393939393939, 5.872693048697898, true);
        priority(c.rows().get(9), "2|65-69", 0.05481047304910646, 0.007736613839233811, 0.10188433225897911, 1.290909090909091, 206, 265.92727272727274, 14.575599614840566, false);
        priority(c.rows().get(10), "2|45-49", 0.054540572992425256, 0.007698516877146675, 0.10138262910770383, 1.2972972972972974, 93, 120.64864864864866, 6.58024642805909, true);
        priority(c.rows().get(11), "2|55-59", 0.05448974300827575, 0.007691342117708514, 0.10128814389884298, 1.2985074626865671, 84, 109.07462686567163, 5.943448386634017, false);
        assertThat(c.rows()).hasSize(12);
        assertThat(c.plannedCalls()).isCloseTo(1172.3363840537397, SIX_DECIMALS).isLessThanOrEqualTo(c.budget());
        assertThat(c.plannedGain()).isCloseTo(68.13739043248285, SIX_DECIMALS);
        assertThat(c.everyoneCalls()).isCloseTo(1547.3382836466837, SIX_DECIMALS);
        assertThat(c.everyoneGain()).isCloseTo(88.65643843395742, SIX_DECIMALS);
    }

    /**
     * Issue 16, item 3 (the plan): strata of fewer than 10 people phoned without figures, the others within the budget;
     * expected gains and their intervals from reference_values_yield_and_segments.R (section "next year's call plan").
     */
    @Test
    void nextYearsCallPlanEqualsR() {
        CallPriority c = analysis().callPriority().orElseThrow();
        CallPlan plan = CallPlan.of(FY, runId, c, 1236, 0.1);

        assertThat(plan.strata().stream().filter(CallPlan.Stratum::suppressed).map(CallPlan.Stratum::code).toList())
                .containsExactly("1|40-44", "1|50-54", "1|55-59", "1|60-64", "1|45-49", "2|50-54", "2|40-44", "2|45-49", "2|55-59");
        assertThat(plan.strata().stream().filter(CallPlan.Stratum::suppressed))
                .allSatisfy(s -> assertThat(s.call()).isTrue())
                .allSatisfy(s -> assertThat(s.expectedGain()).isEmpty())
                .allSatisfy(s -> assertThat(s.people()).isEmpty());
        assertThat(plan.strata().stream().filter(s -> !s.suppressed() && s.call()).map(CallPlan.Stratum::code).toList())
                .containsExactly("2|60-64");
        gain(plan, "2|60-64", 11.1793433939068425, 1.5779878917913617, 20.7806988960223222);
        gain(plan, "1|65-69", 12.2406734629486316, 1.7277968688601619, 22.7535500570370992);
        gain(plan, "2|65-69", 14.5755996148405664, 2.0573766184115221, 27.0938226112696121);
        assertThat(plan.plannedCalls()).isCloseTo(1063.280576136802438, SIX_DECIMALS);
        estimate(plan.plannedGain(), 61.840165356168228, 44.189785967286156, 79.490544745050300);
        assertThat(plan.everyoneCalls()).isCloseTo(1547.338283646683749, SIX_DECIMALS);
        estimate(plan.everyoneGain(), 88.656438433957419, 64.598957812696767, 112.713919055218071);
        assertThat(plan.plannedCallsWithHoldout()).isCloseTo(956.952518523122194, SIX_DECIMALS);
        assertThat(plan.plannedGainWithHoldout()).isCloseTo(55.656148820551408, SIX_DECIMALS);

        CallPlan tight = CallPlan.of(FY, runId, c, 600, 0.25);
        assertThat(tight.strata().stream().filter(s -> !s.suppressed() && s.call()).toList()).isEmpty();
        assertThat(tight.plannedCalls()).isCloseTo(868.915496771723042, SIX_DECIMALS);
        estimate(tight.plannedGain(), 50.660821962261387, 35.850357246612852, 65.471286677909916);
        assertThat(tight.plannedCallsWithHoldout()).isCloseTo(651.686622578792253, SIX_DECIMALS);
        assertThat(tight.plannedGainWithHoldout()).isCloseTo(37.995616471696039, SIX_DECIMALS);

        // the DMN table: one rule per stratum with figures, in ranked order, then the default; it parses and decides
        String xml = CallPlanDmn.xml(plan, 1);
        org.camunda.bpm.model.dmn.DmnModelInstance model = org.camunda.bpm.model.dmn.Dmn.readModelFromStream(
                new java.io.ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertThat(model.getModelElementsByType(org.camunda.bpm.model.dmn.instance.Rule.class)).extracting(r -> r.getId())
                .containsExactly("Rule_F_60_64", "Rule_M_65_69", "Rule_F_65_69", "Rule_Default");
        var engine = org.camunda.bpm.dmn.engine.DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        var decision = engine.parseDecision(CallPlanDmn.DECISION_KEY, new java.io.ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        var phoned = engine.evaluateDecisionTable(decision, Map.of("sex", 2, "ageBand", "60-64")).getSingleResult();
        assertThat(phoned.getEntryMap()).containsEntry("call", true).containsEntry("holdoutShare", 0.1);
        assertThat(engine.evaluateDecisionTable(decision, Map.of("sex", 1, "ageBand", "65-69")).getFirstResult().getEntryMap())
                .containsEntry("call", false);
        assertThat(engine.evaluateDecisionTable(decision, Map.of("sex", 1, "ageBand", "40-44")).getFirstResult().getEntryMap())
                .as("a small stratum: the default rule").containsEntry("call", true);
        assertThat(xml).contains("<annotationEntry><text>女 60-64歳</text></annotationEntry>").doesNotContain("1|40-44", "男 40-44歳");
    }

    /**
     * Issue 16: the report opens with a one-page summary (attendance gained, guidance needs found, cost per attendee, next
     * year's proposal) and the full report starts on page 2. Page 1 is rendered to docs/images/analysis-summary.png with
     * {@code -Dkenshin.test.writeSummaryImage=true} (the README shows it).
     */
    @Test
    void theReportOpensWithAOnePageSummary() throws Exception {
        byte[] pdf = analyses.reportPdf(runId);
        try (var document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            var stripper = new org.apache.pdfbox.text.PDFTextStripper();
            stripper.setStartPage(1);
            stripper.setEndPage(1);
            String first = stripper.getText(document).replaceAll("\\s+", "");
            EffectAnalysis.Headline h = analysis().headline();
            long gained = Math.round(h.difference().value() * h.treated().trials());
            assertThat(first).contains("要約（1ページ）", "電話で増えた受診者：約" + gained + "人", "保健指導が必要な人の追加の発見",
                    "増えた受診者1人当たりの電話の費用", "翌年度の提案").doesNotContain("主な結果");
            stripper.setStartPage(2);
            stripper.setEndPage(2);
            assertThat(stripper.getText(document).replaceAll("\\s+", "")).contains("主な結果");
            java.awt.image.BufferedImage page = new org.apache.pdfbox.rendering.PDFRenderer(document).renderImageWithDPI(0, 80,
                    org.apache.pdfbox.rendering.ImageType.GRAY);
            java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
            javax.imageio.ImageIO.write(page, "png", png);
            assertThat(png.size()).as("the picture stays small").isLessThan(300_000);
            if (Boolean.getBoolean("kenshin.test.writeSummaryImage")) {
                Files.createDirectories(Path.of("docs/images"));
                Files.write(Path.of("docs/images/analysis-summary.png"), png.toByteArray());
            }
        }
    }

    private static void gain(CallPlan plan, String code, double value, double lower, double upper) {
        estimate(plan.strata().stream().filter(s -> s.code().equals(code)).findFirst().orElseThrow().expectedGain().orElseThrow(),
                value, lower, upper);
    }

    private static void priority(CallPriority.Row row, String code, double gain, double lower, double upper, double callsPerPerson,
            long people, double calls, double expected, boolean proposed) {
        assertThat(row.code()).isEqualTo(code);
        estimate(row.gainPerCall(), gain, lower, upper);
        assertThat(row.callsPerPerson()).isCloseTo(callsPerPerson, SIX_DECIMALS);
        assertThat(row.people()).isEqualTo(people);
        assertThat(row.expectedCalls()).isCloseTo(calls, SIX_DECIMALS);
        assertThat(row.expectedGain()).isCloseTo(expected, SIX_DECIMALS);
        assertThat(row.proposed()).isEqualTo(proposed);
    }

    private static SegmentEffects.Segment segment(SegmentEffects.Segmentation segmentation, String code) {
        return segmentation.segments().stream().filter(g -> g.code().equals(code)).findFirst().orElseThrow();
    }

    private static void counts(SegmentEffects.Segment g, long x1, long n1, long x2, long n2) {
        assertThat(new long[] {g.callAttended(), g.callPeople(), g.comparisonAttended(), g.comparisonPeople()})
                .containsExactly(x1, n1, x2, n2);
        assertThat(g.suppressed()).isEqualTo(SmallCells.suppressed(x1, n1, x2, n2));
    }

    private static void heterogeneity(SegmentEffects.Segmentation s, double bd, int df, double bdP, double q, double qP,
            double[] fixed, double[] random) {
        var breslowDay = s.breslowDay().orElseThrow();
        assertThat(breslowDay.statistic()).isCloseTo(bd, SIX_DECIMALS);
        assertThat(breslowDay.degreesOfFreedom()).isEqualTo(df);
        assertThat(breslowDay.pValue()).isCloseTo(bdP, SIX_DECIMALS);
        var meta = s.meta().orElseThrow();
        assertThat(meta.cochranQ().statistic()).isCloseTo(q, SIX_DECIMALS);
        assertThat(meta.cochranQ().degreesOfFreedom()).isEqualTo(df);
        assertThat(meta.cochranQ().pValue()).isCloseTo(qP, SIX_DECIMALS);
        estimate(meta.fixedEffect(), fixed[0], fixed[1], fixed[2]);
        estimate(meta.randomEffects(), random[0], random[1], random[2]);
        assertThat(meta.tau2()).isCloseTo(0, SIX_DECIMALS);
        assertThat(meta.i2()).isCloseTo(0, SIX_DECIMALS);
    }

    private static void yieldLine(java.util.List<HealthYield.LevelLine> lines, String code, long x, long n, double lower, double upper) {
        HealthYield.LevelLine line = lines.stream().filter(l -> l.code().equals(code)).findFirst().orElseThrow();
        proportion(line.share(), x, n, (double) x / n, lower, upper);
        assertThat(line.suppressed()).isEqualTo(SmallCells.suppressed(x, n));
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
