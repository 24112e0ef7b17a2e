package jp.kenshin.outreach.privacy;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The master key that wraps every fiscal year's data key. Never logged, never committed. */
@ConfigurationProperties("kenshin.crypto")
public record CryptoProperties(String masterKey, Path masterKeyFile, Path keyStore) {

    public CryptoProperties {
        // apart from ./data (see SecretsFolder, which also finds the old defaults of an existing installation)
        masterKeyFile = masterKeyFile == null ? SecretsFolder.DEFAULT_MASTER_KEY_FILE : masterKeyFile;
        keyStore = keyStore == null ? SecretsFolder.DEFAULT_KEY_STORE : keyStore;
    }

    @Override
    public String toString() {
        return "CryptoProperties[masterKey=" + (masterKey == null || masterKey.isBlank() ? "<none>" : "<set>")
                + ", masterKeyFile=" + masterKeyFile + ", keyStore=" + keyStore + "]";
    }
}
