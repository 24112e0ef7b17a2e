package jp.kenshin.outreach.analysis.stats;

import java.util.List;

/** A model that cannot be estimated from the data at hand, with the reason. */
public class NotEstimableException extends RuntimeException {

    /** Why the model could not be estimated. */
    public enum Reason {
        /** Complete or quasi-complete separation: the maximum likelihood estimates do not exist. */
        SEPARATION,
        /** The covariates are linearly dependent (or a covariate never varies among the rows with trials). */
        RANK_DEFICIENT,
        /** Iteration did not reach the convergence criterion. */
        NOT_CONVERGED,
        /** Nothing to fit. */
        NO_DATA
    }

    private final Reason reason;
    private final List<String> covariates;

    public NotEstimableException(Reason reason, List<String> covariates, String message) {
        super(message);
        this.reason = reason;
        this.covariates = List.copyOf(covariates);
    }

    public Reason reason() {
        return reason;
    }

    /** The covariates concerned (e.g. those whose estimates run off to infinity); may be empty. */
    public List<String> covariates() {
        return covariates;
    }
}
