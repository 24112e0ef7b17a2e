package jp.kenshin.outreach.infrastructure;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the database lives: an embedded PostgreSQL (default) or an external server configured
 * through {@code spring.datasource.*}. The embedded server's superuser password is generated on
 * first start into {@code password-file} (default: next to the data directory, {@code ./data/postgres.password}).
 */
@ConfigurationProperties("kenshin.database")
public record DatabaseProperties(Boolean embedded, Path dataDirectory, Integer port, Path passwordFile) {

    public DatabaseProperties {
        embedded = embedded == null || embedded;
        dataDirectory = dataDirectory == null ? Path.of("data", "postgres") : dataDirectory;
        port = port == null ? 0 : port;
        if (passwordFile == null) {
            Path absolute = dataDirectory.toAbsolutePath().normalize();
            passwordFile = absolute.resolveSibling(absolute.getFileName() + ".password");
        }
    }
}
