package jp.kenshin.outreach.selection;

/** The inputs of the target-eligibility decision for one person: no personal value, only facts derived from it. */
public record EligibilityInput(boolean insuredOnReferenceDate, int ageAtFiscalYearEnd, boolean attendedPreviousYear,
        boolean specialAddress, int awayCode) {
}
