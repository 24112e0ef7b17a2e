package jp.kenshin.outreach.privacy;

/** The fiscal year's data key was destroyed: its personal data can no longer be read. */
public class YearKeyDestroyedException extends RuntimeException {
    public YearKeyDestroyedException(int fiscalYear) {
        super("The data key of fiscal year " + fiscalYear + " has been destroyed");
    }
}
