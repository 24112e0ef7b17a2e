package jp.kenshin.outreach.cycle;

import java.util.ArrayList;
import java.util.function.Supplier;
import jp.kenshin.outreach.privacy.Requester;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Component;

/** Runs engine calls of the API as the signed-in user, so the engine's authorizations and history see them. */
@Component
class EngineIdentity {

    private final IdentityService identity;

    EngineIdentity(IdentityService identity) {
        this.identity = identity;
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
