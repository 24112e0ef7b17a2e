package jp.kenshin.outreach.compliance;

/** Whether a user belongs to an organisation's group (an identity port; Camunda's identity behind it). */
public interface OrganisationMembership {
    boolean isMember(String userId, String groupId);
}
