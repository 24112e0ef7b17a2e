package jp.kenshin.outreach.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import jp.kenshin.outreach.KenshinOutreachApplication;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 11, demo users: a ward ran the demo once on its production database, then started without the demo
 * switch. The demo's users and passwords are published in the README; signing in with them must fail, and the
 * log must say what happened. A demo account whose password the ward changed (kept on purpose) stays.
 */
@ExtendWith(OutputCaptureExtension.class)
class DemoUsersAttackIT {

    /**
     * An engine name of its own: Camunda keeps its engines in a static registry, and an application closed under the
     * name "default" would take the engine of the other tests' cached application (same JVM) out of it.
     */
    private static final String ENGINE = "demoattack";

    /**
     * Without the Camunda webapps: their bootstrap keeps static state that closing this application would reset under
     * the other tests' cached application. Sign-in (/login, HTTP basic) and /engine-rest are all the attacker needs.
     */
    private static final String WITHOUT_WEBAPPS =
            "--spring.autoconfigure.exclude=org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration";

    @Test
    void withoutTheDemoSwitchThePublishedDemoPasswordsOpenNothing(CapturedOutput output) throws Exception {
        String run = "demo-attack-" + System.nanoTime();
        Path data = Path.of("target", "test-postgres", run).toAbsolutePath();
        Path keys = Path.of("target", "test-keys", run).toAbsolutePath();

        try (ConfigurableApplicationContext demo = start(data, keys, "test", "demo")) {
            Browser attacker = new Browser(port(demo));
            assertThat(basicRead(attacker, "operator", "operator-demo")).as("the demo's operator, during the demo").isEqualTo(200);
            assertThat(basicRead(attacker, "ward", "ward-demo")).isEqualTo(200);
            // the ward kept the demo's lead account, with a password of its own
            IdentityService identity = demo.getBean(IdentityService.class);
            User lead = identity.createUserQuery().userId("lead").singleResult();
            lead.setPassword("Lead-own-password-2026");
            identity.saveUser(lead);
        }
        int before = output.getOut().length();

        try (ConfigurableApplicationContext production = start(data, keys, "test")) {
            Browser attacker = new Browser(port(production));
            for (String user : new String[] {"ward", "operator", "auditor", "analyst", "admin"}) {
                assertThat(basicRead(attacker, user, user + "-demo")).as(user + " over HTTP basic").isEqualTo(401);
            }
            HttpResponse<String> form = new Browser(port(production)).signIn("admin", "admin-demo");
            assertThat(form.statusCode()).isEqualTo(302);
            assertThat(form.headers().firstValue("Location").orElseThrow()).contains("/login?error");
            assertThat(basicRead(attacker, "lead", "Lead-own-password-2026")).as("the account the ward kept").isEqualTo(200);

            IdentityService identity = production.getBean(IdentityService.class);
            assertThat(identity.createUserQuery().userIdIn("ward", "operator", "auditor", "analyst", "admin").count()).isZero();
            assertThat(identity.createUserQuery().userId("lead").count()).isEqualTo(1);

            String log = output.getOut().substring(before);
            // (the Admin webapp's setup page, open while no administrator exists: SessionAttackIT)
            assertThat(log).contains("Demo users removed: 5 users of the demo (ward, operator, analyst, auditor, admin)")
                    .contains("kenshin.demo.enabled=false").contains("camunda.bpm.admin-user")
                    .doesNotContain("-demo");

            // (last: a failed sign-in makes Camunda hold the user back for a few seconds)
            assertThat(basicRead(attacker, "lead", "lead-demo")).isEqualTo(401);
        }
    }

    private static ConfigurableApplicationContext start(Path data, Path keys, String... profiles) {
        return new SpringApplicationBuilder(KenshinOutreachApplication.class).profiles(profiles).logStartupInfo(false)
                .run("--server.port=0", "--kenshin.database.data-directory=" + data, "--kenshin.crypto.key-store=" + keys,
                        "--kenshin.demo.members=200", "--camunda.bpm.process-engine-name=" + ENGINE, WITHOUT_WEBAPPS);
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static int basicRead(Browser attacker, String user, String password) throws Exception {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return Browser.bare().send(HttpRequest.newBuilder(URI.create(attacker.base + "/engine-rest/engine/" + ENGINE + "/task"))
                .header("Authorization", "Basic " + basic).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
