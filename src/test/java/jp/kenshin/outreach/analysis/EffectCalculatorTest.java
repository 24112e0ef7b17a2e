package jp.kenshin.outreach.analysis;

import static jp.kenshin.outreach.analysis.ReferenceData.SIX_DECIMALS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.kenshin.outreach.analysis.EffectFigures.CostPerAdditionalAttendee;
import jp.kenshin.outreach.analysis.EffectFigures.Costs;
import jp.kenshin.outreach.analysis.EffectFigures.HoldoutFigures;
import jp.kenshin.outreach.analysis.stats.Estimate;
import jp.kenshin.outreach.analysis.stats.MantelHaenszel;
import jp.kenshin.outreach.analysis.stats.Proportion;
import jp.kenshin.outreach.analysis.stats.TwoProportions;
import org.junit.jupiter.api.Test;

/**
 * End to end over data set (c), holdout_cells.csv. Expected values from
 * src/test/resources/analysis/reference_values.py (section "(c)"); rerun it from the repository
 * root with {@code python3 src/test/resources/analysis/reference_values.py}.
 */
class EffectCalculatorTest {

    private static final UnitCosts COSTS = new UnitCosts(new BigDecimal("85"), new BigDecimal("150"));
    private static final long CALLS_MADE = 5200;

    private final EffectCalculator calculator = new EffectCalculator();

    @Test
    void uptakePerArmAndOfTheNoticeOnlyGroup() {
        EffectFigures f = calculator.compute(ReferenceData.holdoutCells(), CALLS_MADE, Optional.empty());

        assertProportion(f.byArm().get(Arm.NOTICE_ONLY), 501, 1787, 0.26002055241503913, 0.30163802091454045);
        assertProportion(f.byArm().get(Arm.HOLDOUT), 154, 601, 0.22296233438519783, 0.29261320077853803);
        assertProportion(f.byArm().get(Arm.NOTICE_AND_CALL), 1273, 3662, 0.3323673288346891, 0.3632005203109151);
        assertProportion(f.noticeOnly(), 655, 2388, 0.2567669416512179, 0.2925342898227478);
        assertThat(f.call()).isEqualTo(f.byArm().get(Arm.NOTICE_AND_CALL));
        assertThat(f.byArm().keySet()).containsExactly(Arm.NOTICE_ONLY, Arm.NOTICE_AND_CALL, Arm.HOLDOUT);
        assertThat(f.call().method()).isEqualTo("Wilson法（連続性補正なし）");
    }

    @Test
    void crudeComparisonIsCallAgainstNoticeOnlyAndHoldoutTogether() {
        TwoProportions crude = calculator.compute(ReferenceData.holdoutCells(), CALLS_MADE, Optional.empty()).crude();

        assertThat(crude.difference().value()).isCloseTo(0.07333614184155807, SIX_DECIMALS);
        assertThat(crude.difference().ci95().lower()).isCloseTo(0.04971191946490863, SIX_DECIMALS);
        assertThat(crude.difference().ci95().upper()).isCloseTo(0.0969603642182075, SIX_DECIMALS);
        assertThat(crude.ratio().value()).isCloseTo(1.2673690178895278, SIX_DECIMALS);
        assertThat(crude.ratio().ci95().lower()).isCloseTo(1.1712196690313526, SIX_DECIMALS);
        assertThat(crude.ratio().ci95().upper()).isCloseTo(1.3714115891126388, SIX_DECIMALS);
        assertThat(crude.chiSquare().statistic()).isCloseTo(35.80380117229868, SIX_DECIMALS);
        assertThat(crude.chiSquare().pValue()).isCloseTo(2.1822171835707627e-09, withinPercentage(1e-4));
    }

    @Test
    void stratifiedBySexAndAgeBand() {
        MantelHaenszel mh = calculator.compute(ReferenceData.holdoutCells(), CALLS_MADE, Optional.empty()).stratified();

        assertMantelHaenszel(mh, 1.4533739469912403, 1.2964899655377464, 1.6292419424293638, 0.0783276116754434,
                0.05488754750217263, 0.10176767584871417, 41.33173783184352);
        assertThat(mh.chiSquare().pValue()).isCloseTo(1.2846605004503854e-10, withinPercentage(1e-4));
        assertThat(mh.informativeStrata()).isEqualTo(6);
    }

    @Test
    void adjustedOddsRatioFromLogisticRegression() {
        EffectFigures.Regression regression = calculator.compute(ReferenceData.holdoutCells(), CALLS_MADE, Optional.empty())
                .regression();

        Estimate or = regression.callOddsRatio().orElseThrow();
        assertThat(or.value()).isCloseTo(1.4537479732495857, SIX_DECIMALS);
        assertThat(or.ci95().lower()).isCloseTo(1.296888986687643, SIX_DECIMALS);
        assertThat(or.ci95().upper()).isCloseTo(1.6295790861213388, SIX_DECIMALS);
        assertThat(regression.fit().orElseThrow().deviance()).isCloseTo(7.5802261377576485, SIX_DECIMALS);
        assertThat(regression.fit().orElseThrow().coefficient("call").standardError()).isCloseTo(0.05825449972677926, SIX_DECIMALS);
        assertThat(regression.notEstimableReason()).isEmpty();
        assertThat(regression.model()).contains("通知のみ", "男性", "40-49");
    }

    @Test
    void intentionToTreatAgainstTheHoldout() {
        HoldoutFigures h = calculator.compute(ReferenceData.holdoutCells(), CALLS_MADE, Optional.empty()).holdout().orElseThrow();

        assertThat(h.holdout().estimate()).isCloseTo(0.2562396006655574, SIX_DECIMALS);
        TwoProportions itt = h.intentionToTreat();
        assertThat(itt.difference().value()).isCloseTo(0.09138464837868071, SIX_DECIMALS);
        assertThat(itt.difference().ci95().lower()).isCloseTo(0.05322647894856581, SIX_DECIMALS);
        assertThat(itt.difference().ci95().upper()).isCloseTo(0.12954281780879562, SIX_DECIMALS);
        assertThat(itt.ratio().value()).isCloseTo(1.3566374913999162, SIX_DECIMALS);
        assertThat(itt.ratio().ci95().lower()).isCloseTo(1.1755737140691047, SIX_DECIMALS);
        assertThat(itt.ratio().ci95().upper()).isCloseTo(1.5655890064956557, SIX_DECIMALS);
        assertThat(itt.chiSquare().statistic()).isCloseTo(19.360850670132212, SIX_DECIMALS);
        assertThat(itt.chiSquare().pValue()).isCloseTo(1.082026666298839e-05, SIX_DECIMALS);
        assertMantelHaenszel(h.stratified(), 1.5574357802476975, 1.278482228355234, 1.8972545380754287, 0.09089077228691321,
                0.05314235390823741, 0.12863919066558901, 19.59045900384227);
        assertThat(h.stratified().chiSquare().pValue()).isCloseTo(9.594714468703037e-06, SIX_DECIMALS);

        assertThat(h.reachedShare().successes()).isEqualTo(2268);
        assertThat(h.reachedShare().trials()).isEqualTo(3662);
        assertThat(h.reachedShare().estimate()).isCloseTo(0.6193336974330966, SIX_DECIMALS);
        assertThat(h.effectAmongReached().value()).isCloseTo(0.1475531668266, SIX_DECIMALS);
        assertThat(h.effectAmongReached().ci95().lower()).isCloseTo(0.085941519360515, SIX_DECIMALS);
        assertThat(h.effectAmongReached().ci95().upper()).isCloseTo(0.209164814292685, SIX_DECIMALS);
        assertThat(h.effectAmongReached().method()).contains("到達割合を定数とみなした近似");
    }

    @Test
    void returnedCardsAndTheComparisonWithoutThem() {
        EffectFigures.ReturnedCards r = calculator.compute(ReferenceData.holdoutCells(), CALLS_MADE, Optional.empty())
                .returnedCards();

        assertThat(r.byArm()).containsEntry(Arm.NOTICE_ONLY, 73L).containsEntry(Arm.HOLDOUT, 67L)
                .containsEntry(Arm.NOTICE_AND_CALL, 63L);
        assertThat(r.total()).isEqualTo(203);
        EffectFigures.Comparison delivered = r.excludingReturned().orElseThrow();
        assertThat(delivered.crude().first().estimate()).isCloseTo(0.3523200889135871, SIX_DECIMALS);
        assertThat(delivered.crude().second().estimate()).isCloseTo(0.28870106761565834, SIX_DECIMALS);
        assertThat(delivered.crude().difference().value()).isCloseTo(0.06361902129792879, SIX_DECIMALS);
        assertThat(delivered.crude().difference().ci95().lower()).isCloseTo(0.039237116974030616, SIX_DECIMALS);
        assertThat(delivered.crude().difference().ci95().upper()).isCloseTo(0.08800092562182696, SIX_DECIMALS);
        assertThat(delivered.crude().ratio().value()).isCloseTo(1.2203629582091586, SIX_DECIMALS);
        assertThat(delivered.crude().ratio().ci95().lower()).isCloseTo(1.1281552897198421, SIX_DECIMALS);
        assertThat(delivered.crude().ratio().ci95().upper()).isCloseTo(1.3201070485064579, SIX_DECIMALS);
        assertThat(delivered.crude().chiSquare().statistic()).isCloseTo(25.41385522698326, SIX_DECIMALS);
        assertThat(delivered.crude().chiSquare().pValue()).isCloseTo(4.6258382016991623e-07, SIX_DECIMALS);
        assertMantelHaenszel(delivered.stratified(), 1.384741626499842, 1.2336964444047833, 1.5542797264740122,
                0.06942256451414036, 0.045228765100356186, 0.09361636392792454, 30.61155326600679);
        assertThat(delivered.stratified().chiSquare().pValue()).isCloseTo(3.152111632592606e-08, SIX_DECIMALS);
        assertThat(r.notComputedReason()).isEmpty();
    }

    @Test
    void costsPerArmAndPerAdditionalAttendeeFromTheIttDifference() {
        Costs c = calculator.compute(ReferenceData.holdoutCells(), CALLS_MADE, Optional.of(COSTS)).costs().orElseThrow();

        assertThat(c.byArm().get(Arm.NOTICE_ONLY).total()).isEqualByComparingTo("151895");
        assertThat(c.byArm().get(Arm.NOTICE_ONLY).perAttendee().orElseThrow().doubleValue())
                .isCloseTo(303.18363273453093, SIX_DECIMALS);
        assertThat(c.byArm().get(Arm.HOLDOUT).total()).isEqualByComparingTo("51085");
        assertThat(c.byArm().get(Arm.HOLDOUT).perAttendee().orElseThrow().doubleValue()).isCloseTo(331.7207792207792, SIX_DECIMALS);
        assertThat(c.byArm().get(Arm.NOTICE_AND_CALL).cards()).isEqualTo(3662);
        assertThat(c.byArm().get(Arm.NOTICE_AND_CALL).calls()).isEqualTo(5200);
        assertThat(c.byArm().get(Arm.NOTICE_AND_CALL).total()).isEqualByComparingTo("1091270");
        assertThat(c.byArm().get(Arm.NOTICE_AND_CALL).perAttendee().orElseThrow().doubleValue())
                .isCloseTo(857.2427336999215, SIX_DECIMALS);
        assertThat(c.noticeOnly().total()).isEqualByComparingTo("202980");
        assertThat(c.noticeOnly().calls()).isZero();

        CostPerAdditionalAttendee perAdditional = c.perAdditionalAttendee();
        assertThat(perAdditional.basis()).isEqualTo(EffectCalculator.BASIS_ITT);
        assertThat(perAdditional.difference()).isCloseTo(0.09138464837868071, SIX_DECIMALS);
        assertThat(perAdditional.additionalAttendees()).isCloseTo(334.65058236272876, SIX_DECIMALS);
        assertThat(perAdditional.callCost()).isEqualByComparingTo("780000");
        assertThat(perAdditional.value().orElseThrow().doubleValue()).isCloseTo(2330.7893101305162, SIX_DECIMALS);
        assertThat(perAdditional.notComputedReason()).isEmpty();
    }

    @Test
    void withoutAHoldoutTheCrudeDifferencePricesTheCalls() {
        List<AnalysisCell> cells = ReferenceData.holdoutCells().stream().filter(c -> c.arm() != Arm.HOLDOUT).toList();

        EffectFigures f = calculator.compute(cells, CALLS_MADE, Optional.of(COSTS));

        assertThat(f.holdout()).isEmpty();
        assertThat(f.byArm()).doesNotContainKey(Arm.HOLDOUT);
        assertThat(f.returnedCards().byArm()).doesNotContainKey(Arm.HOLDOUT);
        double difference = 1273.0 / 3662 - 501.0 / 1787;
        CostPerAdditionalAttendee perAdditional = f.costs().orElseThrow().perAdditionalAttendee();
        assertThat(perAdditional.basis()).isEqualTo(EffectCalculator.BASIS_CRUDE);
        assertThat(perAdditional.difference()).isCloseTo(difference, SIX_DECIMALS);
        assertThat(perAdditional.value().orElseThrow().doubleValue()).isCloseTo(780000 / (difference * 3662), SIX_DECIMALS);
    }

    @Test
    void noCostPerAdditionalAttendeeWhenCallsDidNotRaiseUptake() {
        List<AnalysisCell> cells = List.of(
                cell(Arm.NOTICE_ONLY, 1, "40-44", true, 30), cell(Arm.NOTICE_ONLY, 1, "40-44", false, 70),
                cell(Arm.NOTICE_AND_CALL, 1, "40-44", true, 25), cell(Arm.NOTICE_AND_CALL, 1, "40-44", false, 75));

        EffectFigures f = calculator.compute(cells, 150, Optional.of(COSTS));

        CostPerAdditionalAttendee perAdditional = f.costs().orElseThrow().perAdditionalAttendee();
        assertThat(perAdditional.difference()).isCloseTo(-0.05, SIX_DECIMALS);
        assertThat(perAdditional.value()).isEmpty();
        assertThat(perAdditional.notComputedReason()).hasValueSatisfying(r -> assertThat(r).contains("0以下"));
        assertThat(f.costs().orElseThrow().byArm().get(Arm.NOTICE_AND_CALL).total()).isEqualByComparingTo("31000");
    }

    @Test
    void stratifiedDataSetGivesTheSameFiguresThroughTheCalculator() {
        List<AnalysisCell> cells = cells(ReferenceData.stratified());

        EffectFigures f = calculator.compute(cells, 0, Optional.empty());

        assertThat(f.stratified().oddsRatio().value()).isCloseTo(1.4179349500421576, SIX_DECIMALS);
        assertThat(f.stratified().riskDifference().ci95().upper()).isCloseTo(0.0864759179258101, SIX_DECIMALS);
        assertThat(f.stratified().chiSquare().statistic()).isCloseTo(11.713247320605834, SIX_DECIMALS);
        assertThat(f.crude().chiSquare().statistic()).isCloseTo(9.23614098951785, SIX_DECIMALS);
        assertThat(f.crude().ratio().ci95().lower()).isCloseTo(1.0833584297811243, SIX_DECIMALS);
        Estimate or = f.regression().callOddsRatio().orElseThrow();
        assertThat(or.value()).isCloseTo(1.4090847705739176, SIX_DECIMALS);
        assertThat(or.ci95().lower()).isCloseTo(1.1552237908331002, SIX_DECIMALS);
        assertThat(or.ci95().upper()).isCloseTo(1.71873182185027, SIX_DECIMALS);
        assertThat(f.regression().fit().orElseThrow().coefficient("ageBand 65-69").estimate())
                .isCloseTo(1.8220995814427268, SIX_DECIMALS);
        assertThat(f.costs()).isEmpty();
    }

    @Test
    void separationLeavesTheRegressionUnestimatedButTheRestOfTheAnalysisStands() {
        List<ReferenceData.Stratum> noneIn5559 = ReferenceData.stratified().stream()
                .map(s -> s.ageBand().equals("55-59") ? new ReferenceData.Stratum(s.sex(), s.ageBand(),
                        new jp.kenshin.outreach.analysis.stats.TwoByTwo(0, s.table().n1(), 0, s.table().n2())) : s)
                .toList();

        EffectFigures f = calculator.compute(cells(noneIn5559), 0, Optional.empty());

        assertThat(f.regression().callOddsRatio()).isEmpty();
        assertThat(f.regression().fit()).isEmpty();
        assertThat(f.regression().notEstimableReason()).hasValueSatisfying(r -> assertThat(r).contains("完全分離", "ageBand 55-59"));
        assertThat(f.stratified().oddsRatio().value()).isFinite();
        assertThat(f.crude().difference().value()).isFinite();
    }

    @Test
    void cellsWithoutPeopleDoNotMakeAHoldout() {
        List<AnalysisCell> cells = new ArrayList<>(cells(ReferenceData.stratified()));
        cells.add(cell(Arm.HOLDOUT, 1, "40-44", true, 0));

        EffectFigures f = calculator.compute(cells, 0, Optional.empty());

        assertThat(f.holdout()).isEmpty();
        assertThat(f.byArm()).containsOnlyKeys(Arm.NOTICE_ONLY, Arm.NOTICE_AND_CALL);
    }

    @Test
    void everyReturnedCardInTheCallArmLeavesNothingToCompareWithoutThem() {
        List<AnalysisCell> cells = List.of(
                cell(Arm.NOTICE_ONLY, 2, "40-44", true, 30), cell(Arm.NOTICE_ONLY, 2, "40-44", false, 70),
                new AnalysisCell(Arm.NOTICE_AND_CALL, 2, "40-44", true, false, true, 2),
                new AnalysisCell(Arm.NOTICE_AND_CALL, 2, "40-44", true, false, false, 8));

        EffectFigures.ReturnedCards r = calculator.compute(cells, 0, Optional.empty()).returnedCards();

        assertThat(r.total()).isEqualTo(10);
        assertThat(r.excludingReturned()).isEmpty();
        assertThat(r.notComputedReason()).isPresent();
    }

    @Test
    void refusesDataWithNothingToCompare() {
        List<AnalysisCell> noticeOnly = List.of(cell(Arm.NOTICE_ONLY, 1, "40-44", true, 3), cell(Arm.NOTICE_ONLY, 1, "40-44", false, 7));

        assertThatThrownBy(() -> calculator.compute(noticeOnly, 0, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nothing to compare");
    }

    @Test
    void cellsAreChecked() {
        assertThatThrownBy(() -> new AnalysisCell(Arm.HOLDOUT, 1, "40-44", false, true, false, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("call arm");
        assertThatThrownBy(() -> new AnalysisCell(Arm.NOTICE_ONLY, 3, "40-44", false, false, false, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AnalysisCell(Arm.NOTICE_ONLY, 1, "40-44", false, false, false, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static AnalysisCell cell(Arm arm, int sex, String band, boolean attended, long people) {
        return new AnalysisCell(arm, sex, band, false, false, attended, people);
    }

    /** Data set (b) as cells: call arm against NOTICE_ONLY. */
    private static List<AnalysisCell> cells(List<ReferenceData.Stratum> strata) {
        List<AnalysisCell> cells = new ArrayList<>();
        for (ReferenceData.Stratum s : strata) {
            var t = s.table();
            cells.add(cell(Arm.NOTICE_AND_CALL, s.sex(), s.ageBand(), true, t.x1()));
            cells.add(cell(Arm.NOTICE_AND_CALL, s.sex(), s.ageBand(), false, t.n1() - t.x1()));
            cells.add(cell(Arm.NOTICE_ONLY, s.sex(), s.ageBand(), true, t.x2()));
            cells.add(cell(Arm.NOTICE_ONLY, s.sex(), s.ageBand(), false, t.n2() - t.x2()));
        }
        return cells;
    }

    private static void assertProportion(Proportion p, long attended, long people, double lower, double upper) {
        assertThat(p.successes()).isEqualTo(attended);
        assertThat(p.trials()).isEqualTo(people);
        assertThat(p.estimate()).isCloseTo((double) attended / people, SIX_DECIMALS);
        assertThat(p.ci95().lower()).isCloseTo(lower, SIX_DECIMALS);
        assertThat(p.ci95().upper()).isCloseTo(upper, SIX_DECIMALS);
    }

    private static void assertMantelHaenszel(MantelHaenszel mh, double or, double orLower, double orUpper, double rd,
            double rdLower, double rdUpper, double chiSquare) {
        assertThat(mh.oddsRatio().value()).isCloseTo(or, SIX_DECIMALS);
        assertThat(mh.oddsRatio().ci95().lower()).isCloseTo(orLower, SIX_DECIMALS);
        assertThat(mh.oddsRatio().ci95().upper()).isCloseTo(orUpper, SIX_DECIMALS);
        assertThat(mh.riskDifference().value()).isCloseTo(rd, SIX_DECIMALS);
        assertThat(mh.riskDifference().ci95().lower()).isCloseTo(rdLower, SIX_DECIMALS);
        assertThat(mh.riskDifference().ci95().upper()).isCloseTo(rdUpper, SIX_DECIMALS);
        assertThat(mh.chiSquare().statistic()).isCloseTo(chiSquare, SIX_DECIMALS);
    }
}
