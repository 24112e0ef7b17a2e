package jp.kenshin.outreach.analysis.stats;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * A fitted logistic regression (see {@link LogisticRegression}).
 *
 * @param coefficients the intercept first, then the covariates in the order given
 * @param deviance residual deviance, R {@code deviance(fit)}
 * @param residualDegreesOfFreedom rows with trials minus coefficients, R {@code df.residual(fit)}
 * @param iterations IRLS iterations used, R {@code fit$iter}
 * @param method {@value LogisticRegression#METHOD}
 */
public record LogisticFit(List<Coefficient> coefficients, double deviance, int residualDegreesOfFreedom, int iterations,
        String method) {

    public LogisticFit {
        coefficients = List.copyOf(coefficients);
    }

    /**
     * One coefficient on the log-odds scale with its Wald statistics: {@code z = estimate / se},
     * {@code p = 2·pnorm(−|z|)} (R {@code summary(fit)$coefficients}), interval
     * {@code estimate ± qnorm(0.975)·se} (R {@code confint.default(fit)}); the odds ratio and its
     * interval are their exponentials.
     */
    public record Coefficient(String name, double estimate, double standardError, double z, double pValue, Interval ci95,
            double oddsRatio, Interval oddsRatioCi95) {
    }

    /** The coefficient of that name ("(Intercept)" for the intercept). */
    public Coefficient coefficient(String name) {
        return coefficients.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no coefficient named " + name));
    }
}
