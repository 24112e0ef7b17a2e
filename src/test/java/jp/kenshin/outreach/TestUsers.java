package jp.kenshin.outreach;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

/** Users for the tests, one per group; the password is the user id followed by "-pw". */
public final class TestUsers {

    private TestUsers() {
    }

    public static String password(String userId) {
        return userId + "-pw";
    }

    /** Creates the user in the group unless it exists. */
    public static void ensure(IdentityService identity, String userId, String group) {
        if (identity.createUserQuery().userId(userId).count() == 0) {
            User user = identity.newUser(userId);
            user.setFirstName(userId);
            user.setLastName("テスト");
            user.setPassword(password(userId));
            identity.saveUser(user);
            identity.createMembership(userId, group);
        }
    }
}
