package jp.kenshin.outreach.infrastructure;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Starts an embedded PostgreSQL (zonky) when {@code kenshin.database.embedded} is true (the
 * default), so the application and its tests need nothing installed. The data directory survives
 * restarts; the port it last used is remembered next to it, and so is the superuser's password
 * (generated on first start, mode 600, see {@link EmbeddedPostgresPassword}). The server listens on
 * loopback only and asks every connection for the password.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "kenshin.database.embedded", havingValue = "true", matchIfMissing = true)
public class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(DatabaseProperties properties) throws IOException, SQLException {
        Path dataDirectory = properties.dataDirectory().toAbsolutePath().normalize();
        Path passwordFile = properties.passwordFile().toAbsolutePath().normalize();
        boolean clusterExists = EmbeddedPostgresPassword.clusterExists(dataDirectory);
        boolean passwordRequired = clusterExists && !EmbeddedPostgresPassword.trustsAnyone(dataDirectory);
        String password = EmbeddedPostgresPassword.read(passwordFile);
        if (password == null && passwordRequired) {
            throw new IllegalStateException("The embedded database in " + dataDirectory + " requires a password, but the password file "
                    + passwordFile + " is missing: restore it from the backup of this installation, or set "
                    + "kenshin.database.password-file to where it is");
        }
        if (password == null) {
            password = EmbeddedPostgresPassword.generate(passwordFile);
            log.info("Embedded PostgreSQL: generated the superuser's password into {}", passwordFile);
        }
        Files.createDirectories(dataDirectory);
        int port = choosePort(properties.port(), dataDirectory);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false) // Spring closes it (destroyMethod), after the pool
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "50")
                .setServerConfig("shared_buffers", "256MB")
                .setServerConfig("fsync", "on")
                .setServerConfig("max_wal_size", "2GB")
                .setLocaleConfig("locale", "C")
                .setLocaleConfig("encoding", "UTF8")
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("password_encryption", "scram-sha-256")
                // zonky checks readiness with this connection (and getPostgresDatabase() uses it)
                .setConnectConfig("password", password)
                // after zonky's initdb (trust), before the server starts: no trust rule but the bootstrap one
                .setDataDirectoryCustomizer(directory -> {
                    if (!passwordRequired) {
                        EmbeddedPostgresPassword.writeHba(directory.toPath(), EmbeddedPostgresPassword.BOOTSTRAP_HBA);
                    }
                })
                .start();
        if (!passwordRequired) {
            requirePassword(postgres, dataDirectory, password);
            if (clusterExists) {
                log.warn("Embedded PostgreSQL in {} trusted every local connection until now: the superuser's password is set "
                        + "(in {}) and every connection needs it from now on", dataDirectory, passwordFile);
            } else {
                log.info("Embedded PostgreSQL in {}: new database, every connection needs the password", dataDirectory);
            }
        }
        Files.writeString(portFile(dataDirectory), Integer.toString(postgres.getPort()), StandardCharsets.US_ASCII);
        log.info("Embedded PostgreSQL started on port {} with data in {}", postgres.getPort(), dataDirectory);
        return postgres;
    }

    /**
     * Sets the superuser's password (hashed by the driver: the server never sees it in clear, not even in a log),
     * replaces the bootstrap pg_hba.conf by the password rules and has the server reload them.
     */
    private static void requirePassword(EmbeddedPostgres postgres, Path dataDirectory, String password) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            connection.unwrap(PGConnection.class).alterUserPassword(EmbeddedPostgresPassword.SUPERUSER, password.toCharArray(),
                    "scram-sha-256");
            EmbeddedPostgresPassword.writeHba(dataDirectory, EmbeddedPostgresPassword.FINAL_HBA);
            try (Statement statement = connection.createStatement();
                    ResultSet reloaded = statement.executeQuery("select pg_reload_conf()")) {
                if (!reloaded.next() || !reloaded.getBoolean(1)) {
                    throw new IllegalStateException("The embedded PostgreSQL did not reload pg_hba.conf");
                }
            }
        }
    }

    @Bean
    @Primary
    DataSource dataSource(EmbeddedPostgres postgres, DatabaseProperties properties, DataSourceProperties dataSourceProperties) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setPassword(EmbeddedPostgresPassword.read(properties.passwordFile().toAbsolutePath().normalize()));
        config.setMaximumPoolSize(12);
        config.setPoolName("kenshin");
        return new HikariDataSource(config);
    }

    private static Path portFile(Path dataDirectory) {
        return dataDirectory.resolveSibling(dataDirectory.getFileName() + ".port");
    }

    private static int choosePort(int configured, Path dataDirectory) throws IOException {
        if (configured > 0) {
            return configured;
        }
        Path portFile = portFile(dataDirectory);
        if (Files.exists(portFile)) {
            try {
                int previous = Integer.parseInt(Files.readString(portFile).trim());
                if (isFree(previous)) {
                    return previous;
                }
            } catch (NumberFormatException ignored) {
                // fall through to a fresh port
            }
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket ignored = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
