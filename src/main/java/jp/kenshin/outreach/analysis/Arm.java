package jp.kenshin.outreach.analysis;

/** The outreach a person got. */
public enum Arm {
    /** Postcard only (no phone number on file, or not selected for calls). */
    NOTICE_ONLY,
    /** Postcard and phone calls, whether or not a call reached the person. */
    NOTICE_AND_CALL,
    /** Phone owners held out of calls at random: postcard only, the randomised control of the calls. */
    HOLDOUT
}
