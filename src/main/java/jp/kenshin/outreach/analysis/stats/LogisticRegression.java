package jp.kenshin.outreach.analysis.stats;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.PivotSelectionRule;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;

/**
 * Logistic regression (binomial family, logit link, with intercept) on grouped binomial data, by
 * maximum likelihood through iteratively reweighted least squares, as R's {@code glm.fit}:
 * <ul>
 *   <li>start from {@code mu = (s + ½)/(n + 1)};</li>
 *   <li>each iteration solves the weighted least squares problem with working response
 *       {@code z = eta + (y − mu)/(mu(1 − mu))} and weights {@code n·mu(1 − mu)} by QR
 *       decomposition (a Newton–Raphson step, the logit link being canonical);</li>
 *   <li>stop when {@code |dev − dev_old| / (|dev| + 0.1) < 1e-8}, at most 25 iterations;</li>
 *   <li>covariance {@code (XᵀWX)⁻¹}, the inverse Fisher information, from the last iteration's
 *       decomposition, as {@code summary.glm} takes it.</li>
 * </ul>
 * Matches R {@code glm(cbind(s, n - s) ~ ..., family = binomial)}: {@code coef}, standard errors
 * and p-values of {@code summary}, {@code confint.default}, {@code deviance}.
 *
 * <p>Before iterating, the data are checked for what R only warns about or silently gets wrong:
 * linearly dependent covariates ({@link NotEstimableException.Reason#RANK_DEFICIENT}, where R
 * reports an {@code NA} coefficient), and complete or quasi-complete separation
 * ({@link NotEstimableException.Reason#SEPARATION}, where the maximum likelihood estimates do not
 * exist and R returns huge estimates and standard errors). Separation is found exactly with the
 * linear program of Konis (2007): it exists iff some direction {@code b} has {@code xᵢ·b ≥ 0} on
 * every row with successes, {@code xᵢ·b ≤ 0} on every row with failures, and not all zero.
 * Rows with no trials are ignored, as R gives them weight 0.
 */
public final class LogisticRegression {

    public static final String METHOD = "ロジスティック回帰（IRLS最尤推定、Wald信頼区間）";
    public static final String INTERCEPT = "(Intercept)";
    public static final int MAX_ITERATIONS = 25;
    public static final double EPSILON = 1e-8;

    /** R's binomial()$linkinv bounds: beyond ±30 the fitted value is pinned at eps or 1 − eps. */
    private static final double ETA_LIMIT = 30;
    private static final double DOUBLE_EPSILON = Math.ulp(1.0);
    private static final double LP_TOLERANCE = 1e-6;

    private LogisticRegression() {
    }

    /**
     * Fits the model {@code logit(p) = β0 + Σ βj·xj}.
     *
     * @param covariateNames names of the covariates, in the order of {@link BinomialRow#covariates}
     * @param rows the grouped data
     * @throws NotEstimableException when there is no data, the covariates are linearly dependent,
     *         the data are separated or the iteration does not converge
     */
    public static LogisticFit fit(List<String> covariateNames, List<BinomialRow> rows) {
        List<String> names = new ArrayList<>();
        names.add(INTERCEPT);
        names.addAll(covariateNames);
        List<BinomialRow> used = rows.stream().filter(r -> r.trials() > 0).toList();
        for (BinomialRow row : rows) {
            if (row.covariateCount() != covariateNames.size()) {
                throw new IllegalArgumentException("expected " + covariateNames.size() + " covariates, got " + row);
            }
        }
        if (used.isEmpty()) {
            throw new NotEstimableException(NotEstimableException.Reason.NO_DATA, List.of(), "no row has any trials");
        }
        double[][] x = design(used, names.size());
        checkRank(names, x);
        checkSeparation(names, x, used);
        return iterate(names, x, used);
    }

    private static double[][] design(List<BinomialRow> rows, int p) {
        double[][] x = new double[rows.size()][p];
        for (int i = 0; i < rows.size(); i++) {
            x[i][0] = 1;
            for (int j = 1; j < p; j++) {
                x[i][j] = rows.get(i).covariate(j - 1);
            }
        }
        return x;
    }

    private static void checkRank(List<String> names, double[][] x) {
        List<String> constant = new ArrayList<>();
        for (int j = 1; j < names.size(); j++) {
            boolean same = true;
            for (double[] row : x) {
                same &= row[j] == x[0][j];
            }
            if (same) {
                constant.add(names.get(j));
            }
        }
        if (!constant.isEmpty()) {
            throw new NotEstimableException(NotEstimableException.Reason.RANK_DEFICIENT, constant,
                    "logistic regression not estimable: covariate(s) " + constant
                            + " take a single value over all rows with trials, so they cannot be told from the intercept");
        }
        if (x.length < names.size() || new SingularValueDecomposition(new Array2DRowRealMatrix(x, false)).getRank() < names.size()) {
            throw new NotEstimableException(NotEstimableException.Reason.RANK_DEFICIENT, List.of(),
                    "logistic regression not estimable: the covariates " + names.subList(1, names.size())
                            + " are linearly dependent over the rows with trials");
        }
    }

    private static void checkSeparation(List<String> names, double[][] x, List<BinomialRow> rows) {
        int p = names.size();
        double[] objective = new double[p];
        List<LinearConstraint> constraints = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            long successes = rows.get(i).successes();
            long failures = rows.get(i).trials() - successes;
            if (successes > 0) {
                constraints.add(new LinearConstraint(x[i], Relationship.GEQ, 0));
            }
            if (failures > 0) {
                constraints.add(new LinearConstraint(x[i], Relationship.LEQ, 0));
            }
            double sign = failures == 0 ? 1 : successes == 0 ? -1 : 0;
            for (int j = 0; j < p; j++) {
                objective[j] += sign * x[i][j];
            }
        }
        for (int j = 0; j < p; j++) {
            double[] unit = new double[p];
            unit[j] = 1;
            constraints.add(new LinearConstraint(unit, Relationship.LEQ, 1));
            constraints.add(new LinearConstraint(unit, Relationship.GEQ, -1));
        }
        PointValuePair direction = new SimplexSolver().optimize(new MaxIter(10_000), new LinearObjectiveFunction(objective, 0),
                new LinearConstraintSet(constraints), GoalType.MAXIMIZE, new NonNegativeConstraint(false),
                PivotSelectionRule.BLAND);
        if (direction.getValue() <= LP_TOLERANCE) {
            return;
        }
        List<String> diverging = new ArrayList<>();
        for (int j = 1; j < p; j++) {
            if (Math.abs(direction.getPoint()[j]) > LP_TOLERANCE) {
                diverging.add(names.get(j));
            }
        }
        if (diverging.isEmpty()) {
            diverging.add(INTERCEPT);
        }
        throw new NotEstimableException(NotEstimableException.Reason.SEPARATION, diverging,
                "logistic regression not estimable: the data are (quasi-)completely separated, e.g. a level where nobody"
                        + " or everybody had the event; the maximum likelihood estimates of " + diverging
                        + " run off to infinity");
    }

    private static LogisticFit iterate(List<String> names, double[][] x, List<BinomialRow> rows) {
        int n = rows.size();
        int p = names.size();
        RealMatrix design = new Array2DRowRealMatrix(x, false);
        double[] mu = new double[n];
        double[] eta = new double[n];
        for (int i = 0; i < n; i++) {
            BinomialRow row = rows.get(i);
            mu[i] = (row.successes() + 0.5) / (row.trials() + 1.0);
            eta[i] = Math.log(mu[i] / (1 - mu[i]));
        }
        double devianceOld = deviance(rows, mu);
        double deviance = devianceOld;
        RealVector beta = null;
        QRDecomposition qr = null;
        int iteration = 0;
        boolean converged = false;
        while (!converged && iteration < MAX_ITERATIONS) {
            iteration++;
            double[][] weighted = new double[n][p];
            double[] response = new double[n];
            for (int i = 0; i < n; i++) {
                BinomialRow row = rows.get(i);
                double muEta = muEta(eta[i]);
                double y = (double) row.successes() / row.trials();
                double z = eta[i] + (y - mu[i]) / muEta;
                double w = Math.sqrt(row.trials() * muEta * muEta / (mu[i] * (1 - mu[i])));
                for (int j = 0; j < p; j++) {
                    weighted[i][j] = w * x[i][j];
                }
                response[i] = w * z;
            }
            qr = new QRDecomposition(new Array2DRowRealMatrix(weighted, false));
            try {
                beta = qr.getSolver().solve(new ArrayRealVector(response, false));
            } catch (SingularMatrixException e) {
                throw notConverged(names, iteration, "the weighted design became singular");
            }
            double[] linear = design.operate(beta).toArray();
            for (int i = 0; i < n; i++) {
                eta[i] = linear[i];
                mu[i] = linkInverse(eta[i]);
            }
            deviance = deviance(rows, mu);
            if (!Double.isFinite(deviance)) {
                throw notConverged(names, iteration, "the deviance became infinite");
            }
            converged = Math.abs(deviance - devianceOld) / (Math.abs(deviance) + 0.1) < EPSILON;
            devianceOld = deviance;
        }
        if (!converged) {
            throw notConverged(names, iteration, "the relative change in deviance stayed above " + EPSILON);
        }
        RealMatrix covariance = covariance(qr, p, names, iteration);
        List<LogisticFit.Coefficient> coefficients = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            coefficients.add(coefficient(names.get(j), beta.getEntry(j), Math.sqrt(covariance.getEntry(j, j))));
        }
        return new LogisticFit(coefficients, deviance, n - p, iteration, METHOD);
    }

    private static RealMatrix covariance(QRDecomposition qr, int p, List<String> names, int iteration) {
        RealMatrix r = qr.getR().getSubMatrix(0, p - 1, 0, p - 1);
        try {
            RealMatrix rInverse = new LUDecomposition(r).getSolver().getInverse();
            return rInverse.multiply(rInverse.transpose());
        } catch (SingularMatrixException | MathIllegalStateException e) {
            throw notConverged(names, iteration, "the information matrix is singular");
        }
    }

    private static LogisticFit.Coefficient coefficient(String name, double estimate, double se) {
        double z = estimate / se;
        double width = Distributions.Z_975 * se;
        Interval ci = new Interval(estimate - width, estimate + width);
        return new LogisticFit.Coefficient(name, estimate, se, z, Distributions.twoSidedNormalP(z), ci, Math.exp(estimate),
                new Interval(Math.exp(ci.lower()), Math.exp(ci.upper())));
    }

    private static NotEstimableException notConverged(List<String> names, int iteration, String why) {
        return new NotEstimableException(NotEstimableException.Reason.NOT_CONVERGED, names,
                "logistic regression did not converge after " + iteration + " iteration(s): " + why);
    }

    /** R's {@code binomial()$linkinv}. */
    private static double linkInverse(double eta) {
        double t = eta < -ETA_LIMIT ? DOUBLE_EPSILON : eta > ETA_LIMIT ? 1 / DOUBLE_EPSILON : Math.exp(eta);
        return t / (1 + t);
    }

    /** R's {@code binomial()$mu.eta}. */
    private static double muEta(double eta) {
        if (eta < -ETA_LIMIT || eta > ETA_LIMIT) {
            return DOUBLE_EPSILON;
        }
        double e = Math.exp(eta);
        return e / ((1 + e) * (1 + e));
    }

    /** R's {@code sum(binomial()$dev.resids(y, mu, n))}, with 0·log 0 = 0. */
    private static double deviance(List<BinomialRow> rows, double[] mu) {
        double sum = 0;
        for (int i = 0; i < rows.size(); i++) {
            BinomialRow row = rows.get(i);
            double successes = row.successes();
            double failures = row.trials() - row.successes();
            if (successes > 0) {
                sum += successes * Math.log(successes / (row.trials() * mu[i]));
            }
            if (failures > 0) {
                sum += failures * Math.log(failures / (row.trials() * (1 - mu[i])));
            }
        }
        return 2 * sum;
    }
}
