package jp.kenshin.outreach.security;

import java.util.Optional;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The first administrator of a new installation comes from Camunda's own setting: {@code camunda.bpm.admin-user.id},
 * {@code .password} and {@code .first-name} create that user in {@code camunda-admin} (all engine authorizations) when
 * the engine starts and the user does not exist yet; once it exists the setting does nothing. The administrator is
 * not ward staff: they create the staff's users and groups (Admin webapp or {@code /engine-rest}), and read personal
 * data only if they add themselves to {@code ward-staff}, which Admin shows.
 *
 * <p>Camunda takes the user id as the password when none is set. This plugin refuses to start the engine with an id
 * and no password, or a password of fewer than {@value #MIN_LENGTH} characters or equal to the id, so a new
 * installation never opens with {@code admin/admin}.
 */
@Component
public class FirstAdministrator extends AbstractProcessEnginePlugin {

    static final int MIN_LENGTH = 12;

    private static final Logger log = LoggerFactory.getLogger(FirstAdministrator.class);

    private final Environment environment;

    public FirstAdministrator(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        problem(environment.getProperty("camunda.bpm.admin-user.id"), environment.getProperty("camunda.bpm.admin-user.password"))
                .ifPresent(reason -> {
                    // logged here: the exception's message is withheld from the log like every exception's
                    log.error("Not starting: {}", reason);
                    throw new IllegalStateException(reason);
                });
    }

    /** Why the configured first administrator must not be created, if it must not; never names the password. */
    static Optional<String> problem(String id, String password) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        if (password == null || password.isBlank()) {
            return Optional.of("camunda.bpm.admin-user.id is set without camunda.bpm.admin-user.password: set a password of at least "
                    + MIN_LENGTH + " characters (e.g. in CAMUNDA_BPM_ADMINUSER_PASSWORD), or remove the id once the administrator exists");
        }
        if (password.length() < MIN_LENGTH || password.equals(id)) {
            return Optional.of("camunda.bpm.admin-user.password must have at least " + MIN_LENGTH
                    + " characters and differ from the user id");
        }
        return Optional.empty();
    }
}
