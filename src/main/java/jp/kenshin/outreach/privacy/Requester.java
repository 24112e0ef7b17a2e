package jp.kenshin.outreach.privacy;

import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** Who asks: a signed-in user and the groups they belong to. */
public record Requester(String userId, Set<String> groups) {

    public static final String WARD_STAFF = "ward-staff";
    public static final String CONTRACTOR_LEAD = "contractor-lead";
    public static final String CONTRACTOR_OPERATOR = "contractor-operator";
    public static final String ANALYST = "analyst";
    public static final String AUDITOR = "auditor";

    /** The prefix of the authority a Camunda group gives a signed-in user ({@code GROUP_ward-staff}). */
    public static final String GROUP_AUTHORITY_PREFIX = "GROUP_";

    public Requester {
        groups = Set.copyOf(groups);
    }

    /** The signed-in user as the door sees them: user id and Camunda groups. */
    public static Requester of(Authentication authentication) {
        Set<String> groups = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith(GROUP_AUTHORITY_PREFIX)).map(a -> a.substring(GROUP_AUTHORITY_PREFIX.length()))
                .collect(Collectors.toSet());
        return new Requester(authentication.getName(), groups);
    }

    public boolean in(String group) {
        return groups.contains(group);
    }
}
