package jp.kenshin.outreach.analysis.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * Inverse-variance meta-analysis of per-stratum estimates {@code y_i} with sampling variances {@code v_i}
 * (issue 16): the fixed-effect estimate with Cochran's Q, the DerSimonian–Laird random-effects estimate, and the
 * empirical Bayes (BLUP) shrunken estimate of each stratum. Matches metafor 3.8: {@code rma(yi, vi, method = "FE")}
 * ({@code $beta}, {@code $se}, {@code $QE}, {@code $QEp}), {@code rma(yi, vi, method = "DL")} ({@code $beta},
 * {@code $se}, {@code $tau2}, {@code $I2}) and {@code blup()} of the DL fit ({@code pred}, {@code se},
 * {@code pi.lb}, {@code pi.ub}).
 *
 * <pre>
 *   w_i = 1/v_i; FE = Σw·y/Σw; Q = Σw(y − FE)², df = k − 1
 *   τ² = max(0, (Q − df) / (Σw − Σw²/Σw)); w*_i = 1/(v_i + τ²); μ = Σw*·y/Σw*, Var(μ) = 1/Σw*
 *   I² = 100·τ²/(τ² + s²), s² = (k − 1)Σw / ((Σw)² − Σw²)
 *   λ_i = τ²/(τ² + v_i); BLUP_i = λ_i·y_i + (1 − λ_i)·μ, Var = λ_i·v_i + (1 − λ_i)²·Var(μ)
 * </pre>
 *
 * @param fixedEffect the inverse-variance (fixed-effect) estimate with its Wald interval
 * @param cochranQ Cochran's Q (df = k − 1)
 * @param randomEffects μ with its Wald interval
 * @param tau2 the DL between-strata variance
 * @param i2 I² in percent
 * @param blups the shrunken estimate of each stratum, in input order, with its 95% interval
 */
public record RandomEffects(Estimate fixedEffect, ChiSquareTest cochranQ, Estimate randomEffects, double tau2, double i2,
        List<Estimate> blups) {

    public static final String FIXED_METHOD = "逆分散重み付き平均（固定効果）";
    public static final String Q_METHOD = "CochranのQ検定（受診率の差の均一性）";
    public static final String RANDOM_METHOD = "変量効果モデル（DerSimonian–Laird法）";
    public static final String BLUP_METHOD = "経験ベイズ縮小推定（DL変量効果モデルのBLUP）";

    /** The meta-analysis of at least two estimates, every variance positive. */
    public static RandomEffects of(double[] y, double[] v) {
        int k = y.length;
        if (k < 2 || v.length != k) {
            throw new IllegalArgumentException("a meta-analysis needs at least two estimates with their variances, got " + k);
        }
        double sw = 0;
        double sw2 = 0;
        double swy = 0;
        for (int i = 0; i < k; i++) {
            if (!(v[i] > 0)) {
                throw new IllegalArgumentException("variance " + i + " must be positive, got " + v[i]);
            }
            double w = 1 / v[i];
            sw += w;
            sw2 += w * w;
            swy += w * y[i];
        }
        double fe = swy / sw;
        double q = 0;
        for (int i = 0; i < k; i++) {
            q += (y[i] - fe) * (y[i] - fe) / v[i];
        }
        double tau2 = Math.max(0, (q - (k - 1)) / (sw - sw2 / sw));
        double sws = 0;
        double swsy = 0;
        for (int i = 0; i < k; i++) {
            double w = 1 / (v[i] + tau2);
            sws += w;
            swsy += w * y[i];
        }
        double mu = swsy / sws;
        double varMu = 1 / sws;
        double typical = (k - 1) * sw / (sw * sw - sw2);
        double i2 = 100 * tau2 / (tau2 + typical);
        List<Estimate> blups = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            double lambda = tau2 / (tau2 + v[i]);
            double pred = lambda * y[i] + (1 - lambda) * mu;
            double se = Math.sqrt(lambda * v[i] + (1 - lambda) * (1 - lambda) * varMu);
            blups.add(wald(pred, se, BLUP_METHOD));
        }
        return new RandomEffects(wald(fe, Math.sqrt(1 / sw), FIXED_METHOD), ChiSquareTest.of(q, k - 1, Q_METHOD),
                wald(mu, Math.sqrt(varMu), RANDOM_METHOD), tau2, i2, List.copyOf(blups));
    }

    private static Estimate wald(double value, double se, String method) {
        double width = Distributions.Z_975 * se;
        return new Estimate(value, new Interval(value - width, value + width), method);
    }
}
