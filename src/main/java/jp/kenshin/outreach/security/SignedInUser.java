package jp.kenshin.outreach.security;

import jp.kenshin.outreach.privacy.Requester;
import org.springframework.security.core.Authentication;

/**
 * The signed-in user as the door sees them: user id and Camunda groups. The controllers at the edge may use
 * this or {@link Requester#of}; the capabilities' own controllers use {@link Requester#of}, since a capability
 * does not depend on the security package (which depends on them).
 */
public final class SignedInUser {

    private SignedInUser() {
    }

    public static Requester of(Authentication authentication) {
        return Requester.of(authentication);
    }
}
