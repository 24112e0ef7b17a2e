package jp.kenshin.outreach.security;

import static jp.kenshin.outreach.security.CamundaIdentityAuthenticationProvider.GROUP_PREFIX;

import java.util.Set;
import java.util.stream.Collectors;
import jp.kenshin.outreach.privacy.Requester;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** The signed-in user as the door sees them: user id and Camunda groups. */
public final class SignedInUser {

    private SignedInUser() {
    }

    public static Requester of(Authentication authentication) {
        Set<String> groups = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith(GROUP_PREFIX)).map(a -> a.substring(GROUP_PREFIX.length()))
                .collect(Collectors.toSet());
        return new Requester(authentication.getName(), groups);
    }
}
