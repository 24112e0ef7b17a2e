package jp.kenshin.outreach.analysis.stats;

import static jp.kenshin.outreach.analysis.ReferenceData.SIX_DECIMALS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import jp.kenshin.outreach.analysis.ReferenceData;
import org.junit.jupiter.api.Test;

/**
 * Expected values from src/test/resources/analysis/reference_values.py (fresh textbook formulas in
 * numpy); R mantelhaen.test and metafor::rma.mh(measure = "RD", drop00 = FALSE) agree (see
 * reference_values.R).
 */
class MantelHaenszelTest {

    /** R's UCBAdmissions by department: Admitted/Rejected as the two groups, Male as the event. */
    private static final List<TwoByTwo> UCB_ADMISSIONS = List.of(
            new TwoByTwo(512, 512 + 89, 313, 313 + 19),
            new TwoByTwo(353, 353 + 17, 207, 207 + 8),
            new TwoByTwo(120, 120 + 202, 205, 205 + 391),
            new TwoByTwo(138, 138 + 131, 279, 279 + 244),
            new TwoByTwo(53, 53 + 94, 138, 138 + 299),
            new TwoByTwo(22, 22 + 24, 351, 351 + 317));

    @Test
    void ucbAdmissionsAsRPrintsItByDefault() {
        // R: mantelhaen.test(UCBAdmissions), default correct = TRUE, as printed:
        // Mantel-Haenszel X-squared = 1.4269, df = 1, p-value = 0.2323
        // 95 percent confidence interval: 0.7719074 1.0603298; common odds ratio 0.9046968
        MantelHaenszel mh = MantelHaenszel.of(UCB_ADMISSIONS, true);

        assertThat(mh.chiSquare().statistic()).isCloseTo(1.4269, within(5e-5));
        assertThat(mh.chiSquare().pValue()).isCloseTo(0.2323, within(5e-5));
        assertThat(mh.oddsRatio().value()).isCloseTo(0.9046968, within(5e-8));
        assertThat(mh.oddsRatio().ci95().lower()).isCloseTo(0.7719074, within(5e-8));
        assertThat(mh.oddsRatio().ci95().upper()).isCloseTo(1.0603298, within(5e-8));
        // and to six decimals against the reference script
        assertThat(mh.chiSquare().statistic()).isCloseTo(1.4269462285866883, SIX_DECIMALS);
        assertThat(mh.chiSquare().pValue()).isCloseTo(0.2322634628170448, SIX_DECIMALS);
        assertThat(mh.chiSquare().method()).isEqualTo(MantelHaenszel.CHI_SQUARE_CORRECTED_METHOD);
    }

    @Test
    void ucbAdmissionsWithoutContinuityCorrection() {
        // R: mantelhaen.test(UCBAdmissions, correct = FALSE): X-squared = 1.5246, p-value = 0.2169
        MantelHaenszel mh = MantelHaenszel.of(UCB_ADMISSIONS);

        assertThat(mh.chiSquare().statistic()).isCloseTo(1.5246066604434356, SIX_DECIMALS);
        assertThat(mh.chiSquare().pValue()).isCloseTo(0.21692369705551479, SIX_DECIMALS);
        assertThat(mh.oddsRatio().value()).isCloseTo(0.9046968282586231, SIX_DECIMALS);
        assertThat(mh.riskDifference().value()).isCloseTo(-0.01726362610332335, SIX_DECIMALS);
        assertThat(mh.riskDifference().ci95().lower()).isCloseTo(-0.04445778290646388, SIX_DECIMALS);
        assertThat(mh.riskDifference().ci95().upper()).isCloseTo(0.009930530699817176, SIX_DECIMALS);
        assertThat(mh.informativeStrata()).isEqualTo(6);
    }

    @Test
    void twoSexesBySixAgeBands() {
        MantelHaenszel mh = MantelHaenszel.of(tables());

        assertThat(mh.oddsRatio().value()).isCloseTo(1.4179349500421576, SIX_DECIMALS);
        assertThat(mh.oddsRatio().ci95().lower()).isCloseTo(1.1614780161551221, SIX_DECIMALS);
        assertThat(mh.oddsRatio().ci95().upper()).isCloseTo(1.7310181463499492, SIX_DECIMALS);
        assertThat(mh.riskDifference().value()).isCloseTo(0.05560323237140906, SIX_DECIMALS);
        assertThat(mh.riskDifference().ci95().lower()).isCloseTo(0.02473054681700802, SIX_DECIMALS);
        assertThat(mh.riskDifference().ci95().upper()).isCloseTo(0.0864759179258101, SIX_DECIMALS);
        assertThat(mh.chiSquare().statistic()).isCloseTo(11.713247320605834, SIX_DECIMALS);
        assertThat(mh.chiSquare().pValue()).isCloseTo(0.0006205673203630303, SIX_DECIMALS);
        assertThat(mh.informativeStrata()).isEqualTo(12);
        assertThat(mh.uninformativeStrata()).isZero();
        assertThat(mh.oddsRatio().method()).isEqualTo(MantelHaenszel.ODDS_RATIO_METHOD);
        assertThat(mh.riskDifference().method()).isEqualTo(MantelHaenszel.RISK_DIFFERENCE_METHOD);
    }

    @Test
    void twoSexesBySixAgeBandsWithContinuityCorrection() {
        MantelHaenszel mh = MantelHaenszel.of(tables(), true);

        assertThat(mh.chiSquare().statistic()).isCloseTo(11.378834369168713, SIX_DECIMALS);
        assertThat(mh.chiSquare().pValue()).isCloseTo(0.0007428571899545157, SIX_DECIMALS);
        assertThat(mh.oddsRatio().value()).isCloseTo(1.4179349500421576, SIX_DECIMALS);
    }

    @Test
    void strataWithAnEmptyGroupOrOnePersonContributeNothing() {
        List<TwoByTwo> withEmpty = new ArrayList<>(tables());
        withEmpty.add(new TwoByTwo(5, 10, 0, 0));
        withEmpty.add(new TwoByTwo(0, 0, 7, 9));
        withEmpty.add(new TwoByTwo(1, 1, 0, 0));
        withEmpty.add(new TwoByTwo(0, 0, 0, 0));

        MantelHaenszel mh = MantelHaenszel.of(withEmpty);
        MantelHaenszel without = MantelHaenszel.of(tables());

        assertThat(mh.oddsRatio()).isEqualTo(without.oddsRatio());
        assertThat(mh.riskDifference()).isEqualTo(without.riskDifference());
        assertThat(mh.chiSquare()).isEqualTo(without.chiSquare());
        assertThat(mh.informativeStrata()).isEqualTo(12);
        assertThat(mh.uninformativeStrata()).isEqualTo(4);
    }

    @Test
    void nobodyAttendedAnywhere() {
        MantelHaenszel mh = MantelHaenszel.of(List.of(new TwoByTwo(0, 10, 0, 12), new TwoByTwo(0, 7, 0, 5)));

        assertThat(mh.oddsRatio().value()).isNaN();
        assertThat(mh.oddsRatio().ci95().isDefined()).isFalse();
        assertThat(mh.riskDifference().value()).isZero();
        assertThat(mh.chiSquare().statistic()).isNaN();
    }

    @Test
    void noInformativeStratum() {
        MantelHaenszel mh = MantelHaenszel.of(List.of(new TwoByTwo(3, 10, 0, 0), new TwoByTwo(0, 0, 2, 5)));

        assertThat(mh.oddsRatio().value()).isNaN();
        assertThat(mh.riskDifference().value()).isNaN();
        assertThat(mh.chiSquare().statistic()).isNaN();
        assertThat(mh.informativeStrata()).isZero();
    }

    private static List<TwoByTwo> tables() {
        return ReferenceData.stratified().stream().map(ReferenceData.Stratum::table).toList();
    }
}
