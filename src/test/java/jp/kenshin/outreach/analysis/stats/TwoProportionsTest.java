package jp.kenshin.outreach.analysis.stats;

import static jp.kenshin.outreach.analysis.ReferenceData.SIX_DECIMALS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Data set (a), hand-made. Expected values from src/test/resources/analysis/reference_values.py
 * (scipy chi2_contingency(correction=False) for the chi-square); R prop.test(correct=FALSE) agrees.
 */
class TwoProportionsTest {

    @Test
    void differenceRatioAndChiSquare() {
        TwoProportions t = TwoProportions.compare(new TwoByTwo(45, 120, 30, 130));

        assertThat(t.first().estimate()).isEqualTo(0.375);
        assertThat(t.second().estimate()).isCloseTo(0.23076923076923078, SIX_DECIMALS);
        assertThat(t.difference().value()).isCloseTo(0.14423076923076922, SIX_DECIMALS);
        assertThat(t.difference().ci95().lower()).isCloseTo(0.03132215503739087, SIX_DECIMALS);
        assertThat(t.difference().ci95().upper()).isCloseTo(0.25713938342414755, SIX_DECIMALS);
        assertThat(t.ratio().value()).isCloseTo(1.625, SIX_DECIMALS);
        assertThat(t.ratio().ci95().lower()).isCloseTo(1.1005666712183948, SIX_DECIMALS);
        assertThat(t.ratio().ci95().upper()).isCloseTo(2.3993321522962945, SIX_DECIMALS);
        assertThat(t.chiSquare().statistic()).isCloseTo(6.1813186813186825, SIX_DECIMALS);
        assertThat(t.chiSquare().degreesOfFreedom()).isEqualTo(1);
        assertThat(t.chiSquare().pValue()).isCloseTo(0.012910602270337714, SIX_DECIMALS);
        assertThat(t.difference().method()).isEqualTo(TwoProportions.DIFFERENCE_METHOD);
        assertThat(t.ratio().method()).isEqualTo(TwoProportions.RATIO_METHOD);
        assertThat(t.chiSquare().method()).isEqualTo(TwoProportions.CHI_SQUARE_METHOD);
    }

    @Test
    void nobodyAttendedInTheReferenceGroup() {
        TwoProportions t = TwoProportions.compare(new TwoByTwo(12, 40, 0, 35));

        assertThat(t.difference().value()).isCloseTo(0.3, SIX_DECIMALS);
        assertThat(t.difference().ci95().lower()).isCloseTo(0.1579871174553373, SIX_DECIMALS);
        assertThat(t.difference().ci95().upper()).isCloseTo(0.44201288254466264, SIX_DECIMALS);
        assertThat(t.ratio().value()).isInfinite();
        assertThat(t.ratio().ci95().isDefined()).isFalse();
        assertThat(t.chiSquare().statistic()).isCloseTo(12.5, SIX_DECIMALS);
        assertThat(t.chiSquare().pValue()).isCloseTo(0.00040695201744495946, SIX_DECIMALS);
        assertThat(t.second().ci95().lower()).isZero();
    }

    @Test
    void nobodyAttendedAtAll() {
        TwoProportions t = TwoProportions.compare(new TwoByTwo(0, 40, 0, 35));

        assertThat(t.difference().value()).isZero();
        assertThat(t.difference().ci95().lower()).isZero();
        assertThat(t.difference().ci95().upper()).isZero();
        assertThat(t.ratio().value()).isNaN();
        assertThat(t.chiSquare().statistic()).isNaN();
        assertThat(t.chiSquare().pValue()).isNaN();
    }

    @Test
    void everybodyAttended() {
        TwoProportions t = TwoProportions.compare(new TwoByTwo(40, 40, 35, 35));

        assertThat(t.difference().value()).isZero();
        assertThat(t.ratio().value()).isEqualTo(1.0);
        assertThat(t.ratio().ci95().lower()).isEqualTo(1.0);
        assertThat(t.chiSquare().statistic()).isNaN();
        assertThat(t.first().ci95().upper()).isEqualTo(1.0);
    }

    @Test
    void needsPeopleInBothGroups() {
        assertThatThrownBy(() -> TwoProportions.compare(new TwoByTwo(3, 10, 0, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("people in both groups");
        assertThatThrownBy(() -> new TwoByTwo(11, 10, 0, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
