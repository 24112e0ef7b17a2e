package jp.kenshin.outreach.analysis.stats;

import static jp.kenshin.outreach.analysis.ReferenceData.SIX_DECIMALS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Expected values from src/test/resources/analysis/reference_values.py (scipy binomtest Wilson interval). */
class ProportionTest {

    @Test
    void wilsonIntervalMatchesTheReference() {
        Proportion p = Proportion.wilson(45, 120);

        assertThat(p.estimate()).isEqualTo(0.375);
        assertThat(p.ci95().lower()).isCloseTo(0.29352429786446804, SIX_DECIMALS);
        assertThat(p.ci95().upper()).isCloseTo(0.4642304937402079, SIX_DECIMALS);
        assertThat(p.method()).isEqualTo("Wilson法（連続性補正なし）");
    }

    @Test
    void smallSample() {
        Proportion p = Proportion.wilson(1, 3);

        assertThat(p.ci95().lower()).isCloseTo(0.06149194472039615, SIX_DECIMALS);
        assertThat(p.ci95().upper()).isCloseTo(0.7923403991979523, SIX_DECIMALS);
    }

    @Test
    void nobodyAttendedStillHasAnInterval() {
        Proportion p = Proportion.wilson(0, 25);

        assertThat(p.estimate()).isZero();
        assertThat(p.ci95().lower()).isZero();
        assertThat(p.ci95().upper()).isCloseTo(0.13319225093904846, SIX_DECIMALS);
    }

    @Test
    void everybodyAttendedStillHasAnInterval() {
        Proportion p = Proportion.wilson(25, 25);

        assertThat(p.estimate()).isEqualTo(1.0);
        assertThat(p.ci95().lower()).isCloseTo(0.8668077490609515, SIX_DECIMALS);
        assertThat(p.ci95().upper()).isEqualTo(1.0);
    }

    @Test
    void zDoesNotRoundTo196() {
        assertThat(Distributions.Z_975).isCloseTo(1.959963984540054, org.assertj.core.api.Assertions.within(1e-14));
    }

    @Test
    void refusesNoTrialsAndImpossibleCounts() {
        assertThatThrownBy(() -> Proportion.wilson(0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one trial");
        assertThatThrownBy(() -> Proportion.wilson(5, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
