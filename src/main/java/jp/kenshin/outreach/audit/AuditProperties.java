package jp.kenshin.outreach.audit;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the audit log's proofs live outside the database: the signing key (a setting, else a file
 * generated once, mode 600) and the append-only anchor file; and how often the head is anchored.
 */
@ConfigurationProperties("kenshin.audit")
public record AuditProperties(String signingKey, Path signingKeyFile, Path anchorFile, Duration anchorInterval) {

    public AuditProperties {
        signingKeyFile = signingKeyFile == null ? Path.of("secrets", "audit-signing.key") : signingKeyFile;
        anchorFile = anchorFile == null ? Path.of("secrets", "audit-anchors.log") : anchorFile;
        anchorInterval = anchorInterval == null ? Duration.ofMinutes(10) : anchorInterval;
    }

    @Override
    public String toString() {
        return "AuditProperties[signingKey=" + (signingKey == null || signingKey.isBlank() ? "<none>" : "<set>")
                + ", signingKeyFile=" + signingKeyFile + ", anchorFile=" + anchorFile + ", anchorInterval=" + anchorInterval + "]";
    }
}
