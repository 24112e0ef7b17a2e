package jp.kenshin.outreach.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import jp.kenshin.outreach.KenshinOutreachApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 11, the embedded PostgreSQL: anyone on the machine could connect as superuser without a password and cut
 * or rewrite the audit log. As that local attacker: connect without a password, and with a wrong one; read the
 * files an attacker would look at (password file, pg_hba.conf). Then restart on the same data directory, and
 * start on a data directory made before the password existed (it trusted everyone).
 */
class EmbeddedDatabaseAttackIT {

    @Test
    void aLocalConnectionNeedsThePasswordAndTheServerListensOnLoopbackOnlyAcrossRestarts() throws Exception {
        Path data = Path.of("target", "test-postgres", "db-attack-" + System.nanoTime()).toAbsolutePath();
        Path passwordFile = data.resolveSibling(data.getFileName() + ".password");
        String password;
        try (ConfigurableApplicationContext app = start(data)) {
            int port = port(data);
            assertRefused(port);

            assertThat(passwordFile).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
            password = Files.readString(passwordFile, StandardCharsets.US_ASCII).trim();
            assertThat(password).hasSizeGreaterThanOrEqualTo(32);
            try (Connection owner = DriverManager.getConnection(url(port), "postgres", password)) {
                assertThat(owner.isValid(2)).as("the password of the file opens it").isTrue();
            }

            assertNoTrustRule(data);
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("show listen_addresses", String.class)).isIn("localhost", "127.0.0.1", "127.0.0.1,::1");
            assertThat(jdbc.queryForObject("select count(*) from pg_hba_file_rules where auth_method = 'trust' or error is not null",
                    Long.class)).as("the rules the server has loaded").isZero();
            assertThat(jdbc.queryForList("select distinct auth_method from pg_hba_file_rules", String.class))
                    .containsExactly("scram-sha-256");
        }

        // a restart on the same data directory (the cluster exists, the password is required from the start)
        try (ConfigurableApplicationContext app = start(data)) {
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("select count(*) from flyway_schema_history where success", Long.class)).isPositive();
            assertThat(Files.readString(passwordFile, StandardCharsets.US_ASCII).trim()).as("the same password").isEqualTo(password);
            assertRefused(port(data));
            assertNoTrustRule(data);
        }
    }

    @Test
    void aDataDirectoryThatTrustedEveryoneGetsThePasswordOnItsNextStart() throws Exception {
        Path data = Path.of("target", "test-postgres", "db-attack-old-" + System.nanoTime()).toAbsolutePath();
        // an installation made before: zonky's own defaults, initdb with trust
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).start();
                Connection anyone = DriverManager.getConnection(url(old.getPort()), "postgres", "")) {
            assertThat(anyone.isValid(2)).as("before: anyone on the machine gets in").isTrue();
        }
        assertThat(Files.readString(data.resolve("pg_hba.conf"))).contains("trust");

        try (ConfigurableApplicationContext app = start(data)) {
            assertRefused(port(data));
            assertNoTrustRule(data);
            assertThat(app.getBean(JdbcTemplate.class).queryForObject("select count(*) from flyway_schema_history", Long.class))
                    .isPositive();
        }
    }

    private static ConfigurableApplicationContext start(Path data) {
        return new SpringApplicationBuilder(KenshinOutreachApplication.class)
                .web(WebApplicationType.NONE).profiles("test").logStartupInfo(false)
                // an engine name of its own: Camunda's engine registry is static, and closing an application whose engine
                // is "default" would take the engine of the other tests' cached application (same JVM) out of it
                .run("--kenshin.database.data-directory=" + data, "--camunda.bpm.process-engine-name=dbattack",
                        "--spring.autoconfigure.exclude="
                                + "org.camunda.bpm.spring.boot.starter.rest.CamundaBpmRestJerseyAutoConfiguration,"
                                + "org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration");
    }

    /** The port the application remembers next to the data directory (as readable as the data folder itself). */
    private static int port(Path data) throws Exception {
        return Integer.parseInt(Files.readString(data.resolveSibling(data.getFileName() + ".port")).trim());
    }

    private static String url(int port) {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    private static void assertRefused(int port) {
        for (String user : List.of("postgres", "kenshin")) {
            assertThatThrownBy(() -> DriverManager.getConnection(url(port), user, "").close())
                    .as("no password, as " + user).isInstanceOf(SQLException.class);
        }
        assertThatThrownBy(() -> DriverManager.getConnection(url(port) + "?sslmode=disable", "postgres", "postgres").close())
                .as("a wrong password").isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"));
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/template1", "postgres", "x")
                .close()).isInstanceOf(SQLException.class);
    }

    private static void assertNoTrustRule(Path data) throws Exception {
        List<String> rules = Files.readAllLines(data.resolve("pg_hba.conf")).stream()
                .map(line -> line.replaceFirst("#.*", "").trim().toLowerCase(Locale.ROOT)).filter(line -> !line.isEmpty()).toList();
        assertThat(rules).isNotEmpty().noneMatch(rule -> List.of(rule.split("\\s+")).contains("trust"))
                .allMatch(rule -> rule.endsWith("scram-sha-256"))
                .allMatch(rule -> rule.startsWith("local") || rule.contains("127.0.0.1/32") || rule.contains("::1/128"));
    }
}
