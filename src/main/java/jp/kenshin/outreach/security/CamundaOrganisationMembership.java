package jp.kenshin.outreach.security;

import jp.kenshin.outreach.compliance.OrganisationMembership;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Component;

/** Organisation membership from Camunda's identity: the user is a member of the organisation's group. */
@Component
class CamundaOrganisationMembership implements OrganisationMembership {

    private final IdentityService identity;

    CamundaOrganisationMembership(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    public boolean isMember(String userId, String groupId) {
        return identity.createUserQuery().userId(userId).memberOfGroup(groupId).count() > 0;
    }
}
