package jp.kenshin.outreach.analysis.stats;

import static jp.kenshin.outreach.analysis.ReferenceData.SIX_DECIMALS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import jp.kenshin.outreach.analysis.ReferenceData;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/**
 * Expected values from src/test/resources/analysis/reference_values.py (Newton–Raphson in numpy to
 * full convergence, standard errors from the inverse information at the estimate); R
 * glm(cbind(s, n - s) ~ call + female + band, family = binomial) and confint.default agree.
 */
class LogisticRegressionTest {

    private static final List<String> BANDS = List.of("40-44", "45-49", "50-54", "55-59", "60-64", "65-69");
    private static final List<String> NAMES = List.of("call", "female", "ageBand 45-49", "ageBand 50-54", "ageBand 55-59",
            "ageBand 60-64", "ageBand 65-69");

    @Test
    void groupSexAndAgeBand() {
        LogisticFit fit = LogisticRegression.fit(NAMES, rows(ReferenceData.stratified()));

        assertThat(fit.deviance()).isCloseTo(12.30160761945821, SIX_DECIMALS);
        assertThat(fit.residualDegreesOfFreedom()).isEqualTo(24 - 8);
        assertThat(fit.iterations()).isBetween(3, 10);
        assertCoefficient(fit.coefficient("(Intercept)"), -2.717857740772396, 0.18296227808483917, 6.481538166716998e-50);
        assertCoefficient(fit.coefficient("female"), 0.33959473146422187, 0.09609153686307391, 0.00040920440800379767);
        assertCoefficient(fit.coefficient("ageBand 45-49"), 0.45415292086700637, 0.2074315350662551, 0.02856696817352646);
        assertCoefficient(fit.coefficient("ageBand 50-54"), 0.7368225646776368, 0.2060512116919367, 0.0003489989193863826);
        assertCoefficient(fit.coefficient("ageBand 55-59"), 1.2322149875343895, 0.1969995122323966, 3.977352745523472e-10);
        assertCoefficient(fit.coefficient("ageBand 60-64"), 1.6665609147155032, 0.19144410762348443, 3.1699086311105102e-18);
        assertCoefficient(fit.coefficient("ageBand 65-69"), 1.8220995814427268, 0.18489188787420796, 6.525172365061964e-23);

        LogisticFit.Coefficient call = fit.coefficient("call");
        assertCoefficient(call, 0.34294039475044413, 0.10135202116734905, 0.0007152750814457165);
        assertThat(call.ci95().lower()).isCloseTo(0.1442940835020988, SIX_DECIMALS);
        assertThat(call.ci95().upper()).isCloseTo(0.5415867059987894, SIX_DECIMALS);
        assertThat(call.oddsRatio()).isCloseTo(1.4090847705739176, SIX_DECIMALS);
        assertThat(call.oddsRatioCi95().lower()).isCloseTo(1.1552237908331002, SIX_DECIMALS);
        assertThat(call.oddsRatioCi95().upper()).isCloseTo(1.71873182185027, SIX_DECIMALS);
        assertThat(fit.method()).isEqualTo(LogisticRegression.METHOD);
    }

    @Test
    void interceptOnlyModelIsTheLogitOfTheProportion() {
        // closed form: logit(x/n), standard error sqrt(1/x + 1/(n - x))
        LogisticFit fit = LogisticRegression.fit(List.of(), List.of(new BinomialRow(new double[0], 120, 45)));

        assertThat(fit.coefficient("(Intercept)").estimate()).isCloseTo(Math.log(45.0 / 75.0), SIX_DECIMALS);
        assertThat(fit.coefficient("(Intercept)").standardError()).isCloseTo(Math.sqrt(1.0 / 45 + 1.0 / 75), SIX_DECIMALS);
        assertThat(fit.deviance()).isCloseTo(0.0, SIX_DECIMALS);
    }

    @Test
    void rowsWithoutTrialsAreIgnored() {
        List<BinomialRow> rows = new ArrayList<>(rows(ReferenceData.stratified()));
        rows.add(new BinomialRow(new double[] {1, 1, 0, 0, 0, 0, 0}, 0, 0));

        assertThat(LogisticRegression.fit(NAMES, rows).coefficient("call").estimate())
                .isCloseTo(0.34294039475044413, SIX_DECIMALS);
    }

    @Test
    void completeSeparationIsRefusedWithAClearMessage() {
        List<BinomialRow> rows = List.of(new BinomialRow(new double[] {0}, 10, 0), new BinomialRow(new double[] {1}, 10, 10));

        assertThatThrownBy(() -> LogisticRegression.fit(List.of("call"), rows))
                .isInstanceOf(NotEstimableException.class)
                .hasMessageContaining("separated")
                .hasMessageContaining("call")
                .extracting(e -> ((NotEstimableException) e).reason())
                .isEqualTo(NotEstimableException.Reason.SEPARATION);
    }

    @Test
    void anAgeBandWhereNobodyAttendedIsQuasiCompleteSeparation() {
        List<ReferenceData.Stratum> strata = ReferenceData.stratified().stream()
                .map(s -> s.ageBand().equals("55-59")
                        ? new ReferenceData.Stratum(s.sex(), s.ageBand(), new TwoByTwo(0, s.table().n1(), 0, s.table().n2()))
                        : s)
                .toList();

        assertThatThrownBy(() -> LogisticRegression.fit(NAMES, rows(strata)))
                .isInstanceOf(NotEstimableException.class)
                .hasMessageContaining("ageBand 55-59")
                .asInstanceOf(InstanceOfAssertFactories.type(NotEstimableException.class))
                .satisfies(e -> {
                    assertThat(e.reason()).isEqualTo(NotEstimableException.Reason.SEPARATION);
                    assertThat(e.covariates()).containsExactly("ageBand 55-59");
                });
    }

    @Test
    void nobodyAttendedAtAll() {
        List<BinomialRow> rows = List.of(new BinomialRow(new double[] {0}, 10, 0), new BinomialRow(new double[] {1}, 12, 0));

        assertThatThrownBy(() -> LogisticRegression.fit(List.of("call"), rows))
                .asInstanceOf(InstanceOfAssertFactories.type(NotEstimableException.class))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(NotEstimableException.Reason.SEPARATION));
    }

    @Test
    void aZeroCellThatIsNotSeparationIsEstimated() {
        // men 50-54 in the notice arm have no attendance, yet the estimates exist (data set (b))
        assertThat(ReferenceData.stratified().get(2).table().x2()).isZero();
        assertThat(LogisticRegression.fit(NAMES, rows(ReferenceData.stratified())).iterations()).isLessThan(25);
    }

    @Test
    void dependentCovariatesAreRefused() {
        List<BinomialRow> rows = List.of(new BinomialRow(new double[] {0, 0}, 10, 3), new BinomialRow(new double[] {1, 1}, 10, 5),
                new BinomialRow(new double[] {1, 1}, 8, 2));

        assertThatThrownBy(() -> LogisticRegression.fit(List.of("call", "copy of call"), rows))
                .isInstanceOf(NotEstimableException.class).hasMessageContaining("linearly dependent");
    }

    @Test
    void aCovariateThatNeverVariesIsNamed() {
        List<BinomialRow> rows = List.of(new BinomialRow(new double[] {0, 1}, 10, 3), new BinomialRow(new double[] {1, 1}, 10, 5));

        assertThatThrownBy(() -> LogisticRegression.fit(List.of("call", "female"), rows))
                .asInstanceOf(InstanceOfAssertFactories.type(NotEstimableException.class))
                .satisfies(e -> {
                    assertThat(e.reason()).isEqualTo(NotEstimableException.Reason.RANK_DEFICIENT);
                    assertThat(e.covariates()).containsExactly("female");
                });
    }

    @Test
    void noTrialsNoFit() {
        assertThatThrownBy(() -> LogisticRegression.fit(List.of(), List.of(new BinomialRow(new double[0], 0, 0))))
                .asInstanceOf(InstanceOfAssertFactories.type(NotEstimableException.class))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(NotEstimableException.Reason.NO_DATA));
    }

    private static void assertCoefficient(LogisticFit.Coefficient c, double estimate, double se, double p) {
        assertThat(c.estimate()).as(c.name()).isCloseTo(estimate, SIX_DECIMALS);
        assertThat(c.standardError()).as(c.name()).isCloseTo(se, SIX_DECIMALS);
        assertThat(c.pValue()).as(c.name()).isCloseTo(p, SIX_DECIMALS);
        assertThat(c.z()).as(c.name()).isCloseTo(estimate / se, SIX_DECIMALS);
    }

    /** Two rows per stratum (call arm, notice arm), dummy coded as in reference_values.py. */
    static List<BinomialRow> rows(List<ReferenceData.Stratum> strata) {
        List<BinomialRow> rows = new ArrayList<>();
        for (ReferenceData.Stratum s : strata) {
            for (int call = 1; call >= 0; call--) {
                double[] x = new double[NAMES.size()];
                x[0] = call;
                x[1] = s.sex() == 2 ? 1 : 0;
                int band = BANDS.indexOf(s.ageBand());
                if (band > 0) {
                    x[1 + band] = 1;
                }
                TwoByTwo t = s.table();
                rows.add(call == 1 ? new BinomialRow(x, t.n1(), t.x1()) : new BinomialRow(x, t.n2(), t.x2()));
            }
        }
        return rows;
    }
}
