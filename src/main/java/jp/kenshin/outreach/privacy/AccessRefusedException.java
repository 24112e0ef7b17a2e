package jp.kenshin.outreach.privacy;

/** The door refused an access to personal data. The reason names the rule, ids only. */
public class AccessRefusedException extends RuntimeException {
    public AccessRefusedException(String reason) {
        super(reason);
    }
}
