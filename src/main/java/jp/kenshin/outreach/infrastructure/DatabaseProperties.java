package jp.kenshin.outreach.infrastructure;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the database lives: an embedded PostgreSQL (default) or an external server configured
 * through {@code spring.datasource.*}.
 */
@ConfigurationProperties("kenshin.database")
public record DatabaseProperties(Boolean embedded, Path dataDirectory, Integer port) {

    public DatabaseProperties {
        embedded = embedded == null || embedded;
        dataDirectory = dataDirectory == null ? Path.of("data", "postgres") : dataDirectory;
        port = port == null ? 0 : port;
    }
}
