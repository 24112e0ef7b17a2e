package jp.kenshin.outreach.selection;

/** The outcome of the target-eligibility decision: eligible, or left out with a reason code. */
public record EligibilityDecision(boolean eligible, String exclusionReason) {
}
