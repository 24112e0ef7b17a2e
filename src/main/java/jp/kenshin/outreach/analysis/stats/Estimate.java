package jp.kenshin.outreach.analysis.stats;

/**
 * A point estimate with its 95% confidence interval and the short name of the method that produced
 * both (for the report's method column).
 *
 * @param value the estimate; {@code NaN} or infinite where the method says it is undefined
 * @param ci95 the 95% confidence interval
 * @param method short name of the method, e.g. "割合の差・Wald法（連続性補正なし）"
 */
public record Estimate(double value, Interval ci95, String method) {
}
