package jp.kenshin.outreach.synthetic;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What to generate: a synthetic ward of {@code memberCount} National Health Insurance members for
 * fiscal year {@code fiscalYear} (April {@code fiscalYear} to March {@code fiscalYear + 1}), drawn
 * deterministically from {@code seed}, written in {@code encoding} ({@code windows-31j} or UTF-8,
 * the two encodings of members.md).
 *
 * @param seed        any long; the same spec always gives byte-identical files
 * @param memberCount 0 to {@value #MAX_MEMBERS} people
 * @param fiscalYear  2008 (the first year of the specific health checkup) to 2200
 * @param encoding    {@code windows-31j} (CP932) or UTF-8 (written without a byte order mark)
 */
public record SyntheticWardSpec(long seed, int memberCount, int fiscalYear, Charset encoding) {

    /** The largest ward: 整理番号 and the 8-digit serial in 受診券整理番号 stay unique up to here. */
    public static final int MAX_MEMBERS = 89_999_999;

    /** CP932, the default encoding of the ward's systems. */
    public static final Charset WINDOWS_31J = Charset.forName("windows-31j");

    public SyntheticWardSpec {
        Objects.requireNonNull(encoding, "encoding");
        if (memberCount < 0 || memberCount > MAX_MEMBERS) {
            throw new IllegalArgumentException("memberCount must be 0.." + MAX_MEMBERS + ": " + memberCount);
        }
        if (fiscalYear < 2008 || fiscalYear > 2200) {
            throw new IllegalArgumentException("fiscalYear must be 2008..2200: " + fiscalYear);
        }
        if (!encoding.equals(WINDOWS_31J) && !encoding.equals(StandardCharsets.UTF_8)) {
            throw new IllegalArgumentException("encoding must be windows-31j or UTF-8: " + encoding.name());
        }
    }
}
