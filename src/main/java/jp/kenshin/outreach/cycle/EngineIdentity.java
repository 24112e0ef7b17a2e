package jp.kenshin.outreach.cycle;

import java.util.ArrayList;
import java.util.function.Supplier;
import jp.kenshin.outreach.privacy.Requester;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Runs engine calls of the API as the signed-in user, so the engine's authorizations and history see them. */
@Component
class EngineIdentity {

    private final IdentityService identity;
    private final TransactionTemplate transaction;

    EngineIdentity(IdentityService identity, PlatformTransactionManager transactions) {
        this.identity = identity;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** As {@link #as}, in one transaction: what a service records and the task it completes stand or fall together. */
    <T> T inOneTransactionAs(Requester who, Supplier<T> work) {
        return transaction.execute(status -> as(who, work));
    }

    /**
     * Runs engine calls without the signed-in user's authorizations (the door's own rule decides what they may see),
     * then puts the user's authentication back.
     */
    <T> T withoutUser(Supplier<T> work) {
        org.camunda.bpm.engine.impl.identity.Authentication current = identity.getCurrentAuthentication();
        identity.clearAuthentication();
        try {
            return work.get();
        } finally {
            if (current != null) {
                identity.setAuthentication(current);
            }
        }
    }

    <T> T as(Requester who, Supplier<T> work) {
        identity.setAuthentication(who.userId(), new ArrayList<>(who.groups()));
        try {
            return work.get();
        } finally {
            identity.clearAuthentication();
        }
    }
}
