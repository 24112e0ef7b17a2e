package jp.kenshin.outreach.demo;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.EncryptionUtil;
import org.springframework.stereotype.Component;

/** One demo user for each group of DESIGN.md (the groups exist from start-up), plus an administrator. Passwords are in the README. */
@Component
class DemoUsers {

    record DemoUser(String id, String firstName, String lastName, String group) {
    }

    static final String PASSWORD_SUFFIX = "-demo";

    static final List<DemoUser> USERS = List.of(
            new DemoUser("ward", "健診係", "デモ", "ward-staff"),
            new DemoUser("lead", "取扱責任者", "デモ", "contractor-lead"),
            new DemoUser("operator", "取扱者", "デモ", "contractor-operator"),
            new DemoUser("analyst", "分析担当", "デモ", "analyst"),
            new DemoUser("auditor", "監査担当", "デモ", "auditor"),
            new DemoUser("admin", "管理者", "デモ", "camunda-admin"));

    /** The demo contractor's organisation: its users may be designated (provision 6). */
    static final String CONTRACTOR_ORGANISATION = "democontractor";

    private final IdentityService identity;
    private final ProcessEngineConfigurationImpl engine;

    DemoUsers(IdentityService identity, ProcessEngineConfigurationImpl engine) {
        this.identity = identity;
        this.engine = engine;
    }

    /** What {@link #removePublished()} found: the ids removed, and the ids kept because their password was changed. */
    record Removal(List<String> removed, List<String> keptWithOwnPassword) {
    }

    /**
     * Deletes the demo users that still sign in with their published password (with their memberships and
     * authorizations). A user of a demo id whose password was changed is an account somebody chose to keep: it
     * stays. The password is compared with the stored hash directly, not through a sign-in, so no failed
     * attempt is counted against a real user of the same id.
     */
    Removal removePublished() {
        List<String> removed = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (DemoUser u : USERS) {
            User user = identity.createUserQuery().userId(u.id()).singleResult();
            if (user == null) {
                continue;
            }
            if (hasPublishedPassword(user, u.id() + PASSWORD_SUFFIX)) {
                identity.deleteUser(u.id());
                removed.add(u.id());
            } else {
                kept.add(u.id());
            }
        }
        return new Removal(removed, kept);
    }

    private boolean hasPublishedPassword(User user, String published) {
        if (!(user instanceof UserEntity entity) || entity.getPassword() == null) {
            return false;
        }
        String salted = EncryptionUtil.saltPassword(published, entity.getSalt());
        return engine.getPasswordManager().check(salted, entity.getPassword());
    }

    /** Whether any user remains in Camunda's administrators' group. */
    boolean anAdministratorRemains() {
        return identity.createUserQuery().memberOfGroup("camunda-admin").count() > 0;
    }

    private void ensureOrganisation() {
        if (identity.createGroupQuery().groupId(CONTRACTOR_ORGANISATION).count() == 0) {
            org.camunda.bpm.engine.identity.Group group = identity.newGroup(CONTRACTOR_ORGANISATION);
            group.setName("デモ委託先株式会社");
            group.setType("ORGANISATION");
            identity.saveGroup(group);
        }
    }

    void create() {
        for (DemoUser u : USERS) {
            if (identity.createUserQuery().userId(u.id()).count() == 0) {
                User user = identity.newUser(u.id());
                user.setFirstName(u.firstName());
                user.setLastName(u.lastName());
                user.setPassword(u.id() + PASSWORD_SUFFIX);
                identity.saveUser(user);
                identity.createMembership(u.id(), u.group());
                if (u.id().equals("admin")) {
                    identity.createMembership(u.id(), "ward-staff");
                }
                if (u.group().startsWith("contractor") || u.group().equals("analyst")) {
                    ensureOrganisation();
                    identity.createMembership(u.id(), CONTRACTOR_ORGANISATION);
                }
            }
        }
    }
}
