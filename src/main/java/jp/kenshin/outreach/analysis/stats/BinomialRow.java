package jp.kenshin.outreach.analysis.stats;

import java.util.Arrays;

/**
 * One row of grouped binomial data: covariate values (without the intercept), the number of
 * trials and of successes among them. R: one row of {@code cbind(s, n - s) ~ ...}.
 */
public record BinomialRow(double[] covariates, long trials, long successes) {

    public BinomialRow {
        if (trials < 0 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException("need 0 <= successes <= trials, got " + successes + " of " + trials);
        }
        covariates = covariates.clone();
    }

    @Override
    public double[] covariates() {
        return covariates.clone();
    }

    double covariate(int index) {
        return covariates[index];
    }

    int covariateCount() {
        return covariates.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BinomialRow row && trials == row.trials && successes == row.successes
                && Arrays.equals(covariates, row.covariates);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(covariates) + Long.hashCode(trials)) + Long.hashCode(successes);
    }

    @Override
    public String toString() {
        return "BinomialRow[covariates=" + Arrays.toString(covariates) + ", trials=" + trials + ", successes=" + successes + "]";
    }
}
