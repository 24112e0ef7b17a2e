package jp.kenshin.outreach.analysis.stats;

import static jp.kenshin.outreach.analysis.ReferenceData.SIX_DECIMALS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import jp.kenshin.outreach.analysis.ReferenceData;
import org.junit.jupiter.api.Test;

/**
 * Breslow–Day (Tarone) and the inverse-variance / DerSimonian–Laird meta-analysis with BLUPs (issue 16), against R 4.2.2
 * with metafor 3.8-1: the expected numbers are what
 * <pre>
 *   Rscript src/test/resources/analysis/reference_values.R
 * </pre>
 * printed in its section "heterogeneity over strata" (ucb.breslowDay.*, strat.breslowDay.tarone, strat.rd.*).
 */
class HeterogeneityTest {

    /** R's UCBAdmissions by department, as in MantelHaenszelTest. */
    private static final List<TwoByTwo> UCB_ADMISSIONS = List.of(
            new TwoByTwo(512, 512 + 89, 313, 313 + 19),
            new TwoByTwo(353, 353 + 17, 207, 207 + 8),
            new TwoByTwo(120, 120 + 202, 205, 205 + 391),
            new TwoByTwo(138, 138 + 131, 279, 279 + 244),
            new TwoByTwo(53, 53 + 94, 138, 138 + 299),
            new TwoByTwo(22, 22 + 24, 351, 351 + 317));

    @Test
    void breslowDayOnUcbAdmissionsAsPublished() {
        // the textbook value: Breslow-Day X-squared = 18.826, df = 5, p-value = 0.002071
        ChiSquareTest bd = BreslowDay.test(UCB_ADMISSIONS);

        assertThat(bd.degreesOfFreedom()).isEqualTo(5);
        assertThat(bd.statistic()).isCloseTo(18.826, within(5e-4)).isCloseTo(18.8255012520517084340, SIX_DECIMALS);
        assertThat(bd.pValue()).isCloseTo(0.0020714013978821787, SIX_DECIMALS);
    }

    @Test
    void breslowDayOnTheStratifiedDataSet() {
        ChiSquareTest bd = BreslowDay.test(ReferenceData.stratified().stream().map(ReferenceData.Stratum::table).toList());

        assertThat(bd.degreesOfFreedom()).isEqualTo(11);
        assertThat(bd.statistic()).isCloseTo(6.77873657363425508, SIX_DECIMALS);
        assertThat(bd.pValue()).isCloseTo(0.81670832097183355, SIX_DECIMALS);
    }

    @Test
    void strataWithoutInformationAreLeftOutOfBreslowDay() {
        List<TwoByTwo> strata = List.of(new TwoByTwo(10, 50, 5, 50), new TwoByTwo(12, 40, 4, 45), new TwoByTwo(0, 10, 0, 12),
                new TwoByTwo(3, 3, 4, 4), new TwoByTwo(5, 20, 0, 0));

        assertThat(BreslowDay.test(strata).degreesOfFreedom()).isEqualTo(1);
        assertThat(BreslowDay.test(strata.subList(2, 5)).statistic()).isNaN();
    }

    @Test
    void fixedEffectCochranQRandomEffectsAndBlupsOfTheRiskDifferences() {
        List<TwoByTwo> strata = ReferenceData.stratified().stream().map(ReferenceData.Stratum::table).toList();
        double[] y = strata.stream().mapToDouble(t -> TwoProportions.waldDifference(t).value()).toArray();
        double[] v = strata.stream().mapToDouble(t -> {
            double p1 = (double) t.x1() / t.n1();
            double p2 = (double) t.x2() / t.n2();
            return p1 * (1 - p1) / t.n1() + p2 * (1 - p2) / t.n2();
        }).toArray();

        RandomEffects re = RandomEffects.of(y, v);

        estimate(re.fixedEffect(), 0.060986374755611437, 0.033837115755770295, 0.088135633755452580);
        assertThat(re.cochranQ().statistic()).isCloseTo(11.38031648369663706, SIX_DECIMALS);
        assertThat(re.cochranQ().degreesOfFreedom()).isEqualTo(11);
        assertThat(re.cochranQ().pValue()).isCloseTo(0.41197328773496561, SIX_DECIMALS);
        estimate(re.randomEffects(), 0.060927668415803375, 0.033176294958893002, 0.088679041872713749);
        assertThat(re.tau2()).isCloseTo(8.1653656825071856e-05, SIX_DECIMALS);
        assertThat(re.i2()).isCloseTo(3.3418796765579928, SIX_DECIMALS);
        double[][] blups = {
            {0.058349151143250615, 0.027419814075749938, 0.089278488210751294},
            {0.059110802123745823, 0.027413824109203330, 0.090807780138288316},
            {0.067095674593947816, 0.035787777783253892, 0.098403571404641732},
            {0.060700616489436192, 0.028364574636354278, 0.093036658342518105},
            {0.060698478322891124, 0.028305908189495001, 0.093091048456287240},
            {0.060717468873941152, 0.028385277517563513, 0.093049660230318798},
            {0.060304079825383508, 0.028804788577293086, 0.091803371073473930},
            {0.060184962997112602, 0.028336598528081069, 0.092033327466144135},
            {0.060820816586549448, 0.028692444114695882, 0.092949189058403020},
            {0.060882927277506049, 0.028552914156136380, 0.093212940398875718},
            {0.060839316937432546, 0.028385179507673226, 0.093293454367191858},
            {0.061427725818443621, 0.029102480315985356, 0.093752971320901879}};
        assertThat(re.blups()).hasSize(12);
        for (int i = 0; i < blups.length; i++) {
            estimate(re.blups().get(i), blups[i][0], blups[i][1], blups[i][2]);
        }
    }

    @Test
    void withoutHeterogeneityEveryStratumShrinksToThePooledValue() {
        RandomEffects re = RandomEffects.of(new double[] {0.05, 0.051, 0.049}, new double[] {0.001, 0.002, 0.0015});

        assertThat(re.tau2()).isZero();
        re.blups().forEach(b -> assertThat(b.value()).isEqualTo(re.randomEffects().value()));
    }

    private static void estimate(Estimate e, double value, double lower, double upper) {
        assertThat(e.value()).isCloseTo(value, SIX_DECIMALS);
        assertThat(e.ci95().lower()).isCloseTo(lower, SIX_DECIMALS);
        assertThat(e.ci95().upper()).isCloseTo(upper, SIX_DECIMALS);
    }
}
