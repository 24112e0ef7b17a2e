package jp.kenshin.outreach.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Without the demo switch ({@code kenshin.demo.enabled}), the demo users are removed at start-up, before the
 * web server takes a request: their ids and passwords are in the README, so on a database that once ran the demo
 * anyone could sign in with them. Refusing to start instead would lock the ward out of the Admin webapp, the
 * place where users are deleted, and leave the demo switch (which creates the users again) as the way in.
 */
@Component
@ConditionalOnProperty(name = "kenshin.demo.enabled", havingValue = "false", matchIfMissing = true)
class NoDemoUsersOutsideTheDemo implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(NoDemoUsersOutsideTheDemo.class);

    private final DemoUsers users;

    NoDemoUsersOutsideTheDemo(DemoUsers users) {
        this.users = users;
    }

    @Override
    public void afterSingletonsInstantiated() {
        DemoUsers.Removal removal = users.removePublished();
        if (!removal.removed().isEmpty()) {
            log.warn("Demo users removed: {} users of the demo ({}) still had the passwords published in the README, and the demo "
                    + "is off (kenshin.demo.enabled=false). Create the ward's own users in the Admin webapp.",
                    removal.removed().size(), String.join(", ", removal.removed()));
            if (!users.anAdministratorRemains()) {
                log.warn("No user is left in the group camunda-admin: start once with camunda.bpm.admin-user.id and "
                        + "camunda.bpm.admin-user.password set to create an administrator, then remove those settings.");
            }
        }
        if (!removal.keptWithOwnPassword().isEmpty()) {
            log.info("{} users with ids of the demo ({}) were kept: their passwords are not the published ones",
                    removal.keptWithOwnPassword().size(), String.join(", ", removal.keptWithOwnPassword()));
        }
    }
}
