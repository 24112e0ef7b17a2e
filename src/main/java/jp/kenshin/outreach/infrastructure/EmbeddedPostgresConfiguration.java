package jp.kenshin.outreach.infrastructure;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
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
 * restarts; the port it last used is remembered next to it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "kenshin.database.embedded", havingValue = "true", matchIfMissing = true)
public class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(DatabaseProperties properties) throws IOException {
        Path dataDirectory = properties.dataDirectory().toAbsolutePath().normalize();
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
                .start();
        Files.writeString(portFile(dataDirectory), Integer.toString(postgres.getPort()), StandardCharsets.US_ASCII);
        log.info("Embedded PostgreSQL started on port {} with data in {}", postgres.getPort(), dataDirectory);
        return postgres;
    }

    @Bean
    @Primary
    DataSource dataSource(EmbeddedPostgres postgres, DataSourceProperties dataSourceProperties) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
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
