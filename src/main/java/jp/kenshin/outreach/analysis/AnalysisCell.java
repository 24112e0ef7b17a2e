package jp.kenshin.outreach.analysis;

import java.util.Objects;

/**
 * One cell of the aggregated analysis data: how many people share these attributes.
 *
 * @param arm the outreach the people got
 * @param sex 1 male, 2 female
 * @param ageBand age band label, e.g. "40-44"; bands are ordered by their leading number
 * @param returnedCard the postcard came back undelivered
 * @param reached a call reached the person (only possible in {@link Arm#NOTICE_AND_CALL})
 * @param attended the person took the checkup
 * @param people how many people (0 or more)
 */
public record AnalysisCell(Arm arm, int sex, String ageBand, boolean returnedCard, boolean reached, boolean attended, long people) {

    public AnalysisCell {
        Objects.requireNonNull(arm, "arm");
        if (sex != 1 && sex != 2) {
            throw new IllegalArgumentException("sex must be 1 (male) or 2 (female), got " + sex);
        }
        if (ageBand == null || ageBand.isBlank()) {
            throw new IllegalArgumentException("ageBand is required");
        }
        if (reached && arm != Arm.NOTICE_AND_CALL) {
            throw new IllegalArgumentException("only people in the call arm can be reached, got arm " + arm);
        }
        if (people < 0) {
            throw new IllegalArgumentException("people must not be negative, got " + people);
        }
    }
}
