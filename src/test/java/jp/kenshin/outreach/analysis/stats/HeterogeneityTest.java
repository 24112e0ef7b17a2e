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
 * printed in its section "heterogeneity over strata" (ucb.breslowDay.*, strat.breslowDay.tarone, strat.rd.*). metafor's escalc
 * is called with {@code to = "none"} (no 1/2 added to zero cells), so that the differences are prop.test's.
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

        estimate(re.fixedEffect(), 0.06691453578708373, 0.04029786134396242, 0.09353121023020504);
        assertThat(re.cochranQ().statistic()).isCloseTo(15.763545481893573, SIX_DECIMALS);
        assertThat(re.cochranQ().degreesOfFreedom()).isEqualTo(11);
        assertThat(re.cochranQ().pValue()).isCloseTo(0.15013865623355901, SIX_DECIMALS);
        estimate(re.randomEffects(), 0.06369442946973722, 0.030646702995093027, 0.0967421559443814);
        assertThat(re.tau2()).isCloseTo(0.0009874922371285104, SIX_DECIMALS);
        assertThat(re.i2()).isCloseTo(30.21874417379712, SIX_DECIMALS);
        // the small stratum 3 (men 50-54, 0 of 40 attended in the notice arm) is pulled hardest towards the pooled value
        double[][] blups = {
            {0.04488984530410098, -0.002779214670344664, 0.09255890527854663},
            {0.0478878411246898, -0.005993818058831049, 0.10176950030821065},
            {0.11943259709390981, 0.07207971420822798, 0.16678547997959164},
            {0.060897910961140986, -1.519807367893894e-05, 0.12181101999596092},
            {0.060880556030104636, -0.0007715918133904542, 0.12253270387359973},
            {0.06106306620344502, 0.00019947426808649554, 0.12192665813880355},
            {0.05777718485718525, 0.005682662057737403, 0.1098717076566331},
            {0.056484323935602175, 0.0011257348882898616, 0.11184291298291449},
            {0.06199196955604824, 0.0036107347626340783, 0.12037320434946241},
            {0.06268583325952991, 0.001850207622262498, 0.12352145889679732},
            {0.06232326562602705, -0.00016053336785709638, 0.1248070646199112},
            {0.06801875968506269, 0.007244230651112411, 0.12879328871901297}};
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
