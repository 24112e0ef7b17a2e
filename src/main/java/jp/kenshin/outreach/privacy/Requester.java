package jp.kenshin.outreach.privacy;

import java.util.Set;

/** Who asks: a signed-in user and the groups they belong to. */
public record Requester(String userId, Set<String> groups) {

    public static final String WARD_STAFF = "ward-staff";
    public static final String CONTRACTOR_LEAD = "contractor-lead";
    public static final String CONTRACTOR_OPERATOR = "contractor-operator";
    public static final String ANALYST = "analyst";
    public static final String AUDITOR = "auditor";

    public Requester {
        groups = Set.copyOf(groups);
    }

    public boolean in(String group) {
        return groups.contains(group);
    }
}
