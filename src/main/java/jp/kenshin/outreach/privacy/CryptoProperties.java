package jp.kenshin.outreach.privacy;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The master key that wraps every fiscal year's data key. Never logged, never committed. */
@ConfigurationProperties("kenshin.crypto")
public record CryptoProperties(String masterKey, Path masterKeyFile, Path keyStore) {

    public CryptoProperties {
        masterKeyFile = masterKeyFile == null ? Path.of("data", "master.key") : masterKeyFile;
        keyStore = keyStore == null ? Path.of("data", "keys") : keyStore;
    }

    @Override
    public String toString() {
        return "CryptoProperties[masterKey=" + (masterKey == null || masterKey.isBlank() ? "<none>" : "<set>")
                + ", masterKeyFile=" + masterKeyFile + ", keyStore=" + keyStore + "]";
    }
}
