package jp.kenshin.outreach.synthetic;

/**
 * SplitMix64 (Steele, Lea, Flood 2014), written out here so that the generated data never depends
 * on the JDK's own random number classes: one small generator per person (and per person and
 * result year), seeded from the ward seed and the person's index. Only integer arithmetic and
 * plain double multiplication are used, so every JVM gives the same numbers.
 */
final class SplitMix64 {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    SplitMix64(long seed) {
        this.state = seed;
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The seed of stream {@code stream} of person {@code index} in the ward of {@code seed}. */
    static long seedFor(long seed, long index, long stream) {
        long s = mix(seed ^ 0x6B656E7368696E21L); // "kenshin!"
        s = mix(s + index * GOLDEN_GAMMA);
        return mix(s ^ (stream * 0xD1B54A32D192ED03L + 0x2545F4914F6CDD1DL));
    }

    long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /** Uniform in [0, bound), bound &gt; 0. */
    int nextInt(int bound) {
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    /** Uniform in [lo, hi], both inclusive. */
    int between(int lo, int hi) {
        return lo + nextInt(hi - lo + 1);
    }

    /** Uniform in [lo, hi], both inclusive. */
    long between(long lo, long hi) {
        long span = hi - lo + 1;
        return lo + Long.remainderUnsigned(nextLong(), span);
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    boolean chance(double p) {
        return nextDouble() < p;
    }

    /** Approximately standard normal (sum of six uniforms, rescaled); bounded to about ±4.2. */
    double gaussian() {
        double s = 0;
        for (int k = 0; k < 6; k++) {
            s += nextDouble();
        }
        return (s - 3.0) * 1.4142135623730951;
    }

    <T> T pick(T[] values) {
        return values[nextInt(values.length)];
    }

    /** Index drawn with the given (not necessarily normalised) weights. */
    int weighted(double[] weights, double total) {
        double u = nextDouble() * total;
        for (int k = 0; k < weights.length; k++) {
            u -= weights[k];
            if (u < 0) {
                return k;
            }
        }
        return weights.length - 1;
    }
}
