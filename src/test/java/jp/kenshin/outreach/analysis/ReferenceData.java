package jp.kenshin.outreach.analysis;

import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import jp.kenshin.outreach.analysis.stats.TwoByTwo;
import org.assertj.core.data.Offset;

/**
 * The test data sets shared with {@code src/test/resources/analysis/reference_values.py}, which
 * computes the expected figures independently (numpy/scipy). To regenerate the expected numbers,
 * run from the repository root:
 * <pre>
 *   python3 src/test/resources/analysis/reference_values.py
 * </pre>
 * ({@code Rscript src/test/resources/analysis/reference_values.R} prints the same figures from R's
 * prop.test, chisq.test, mantelhaen.test, glm and confint.default, and metafor::rma.mh.)
 */
public final class ReferenceData {

    /** Agreement to 6 decimals. */
    public static final Offset<Double> SIX_DECIMALS = within(5e-7);

    private ReferenceData() {
    }

    /** One stratum of {@code stratified.csv}: sex, age band, and call arm against notice only. */
    public record Stratum(int sex, String ageBand, TwoByTwo table) {
    }

    /** Data set (b): 2 sexes × 6 age bands, uneven counts, no attendance in the notice arm of men 50-54. */
    public static List<Stratum> stratified() {
        return lines("stratified.csv").stream().map(l -> l.split(","))
                .map(f -> new Stratum(Integer.parseInt(f[0]), f[1], new TwoByTwo(Long.parseLong(f[2]), Long.parseLong(f[3]),
                        Long.parseLong(f[4]), Long.parseLong(f[5]))))
                .toList();
    }

    /** Data set (c): three arms with a holdout, reached calls and returned cards. */
    public static List<AnalysisCell> holdoutCells() {
        return lines("holdout_cells.csv").stream().map(l -> l.split(","))
                .map(f -> new AnalysisCell(Arm.valueOf(f[0]), Integer.parseInt(f[1]), f[2], Boolean.parseBoolean(f[3]),
                        Boolean.parseBoolean(f[4]), Boolean.parseBoolean(f[5]), Long.parseLong(f[6])))
                .toList();
    }

    private static List<String> lines(String name) {
        try (InputStream in = ReferenceData.class.getResourceAsStream("/analysis/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource analysis/" + name);
            }
            List<String> all = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
            return all.subList(1, all.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
