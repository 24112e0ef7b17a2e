package jp.kenshin.outreach.security;

import java.util.List;
import jp.kenshin.outreach.privacy.Requester;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Signs users in against Camunda's identity (users and groups managed in the Admin webapp). The
 * engine's own login throttling applies: after repeated failures the user is locked (see
 * {@code loginMaxAttempts} in application.yml) until an administrator unlocks them.
 */
@Component
public class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

    /** The authority of a Camunda group. */
    public static final String GROUP_PREFIX = Requester.GROUP_AUTHORITY_PREFIX;

    private static final Logger log = LoggerFactory.getLogger(CamundaIdentityAuthenticationProvider.class);

    private final IdentityService identity;

    public CamundaIdentityAuthenticationProvider(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String user = authentication.getName();
        Object credentials = authentication.getCredentials();
        if (user == null || user.isBlank() || credentials == null
                || !identity.checkPassword(user, credentials.toString())) {
            log.info("Sign-in refused for user id {}", user);
            throw new BadCredentialsException("ユーザーIDまたはパスワードが違います（繰り返し失敗するとロックされます）");
        }
        List<SimpleGrantedAuthority> groups = identity.createGroupQuery().groupMember(user).list().stream()
                .map(Group::getId).map(id -> new SimpleGrantedAuthority(GROUP_PREFIX + id)).toList();
        return UsernamePasswordAuthenticationToken.authenticated(user, null, groups);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
