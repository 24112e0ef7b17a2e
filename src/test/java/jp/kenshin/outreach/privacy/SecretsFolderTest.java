package jp.kenshin.outreach.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsFolderTest {

    @TempDir
    Path home;

    @Test
    void anInstallationWithTheOldDefaultKeepsItsKeyUntilItIsMoved() throws Exception {
        Path newDefault = home.resolve("secrets/master.key");
        Path legacy = home.resolve("data/master.key");

        assertThat(SecretsFolder.resolve(newDefault, newDefault, legacy, "s")).as("fresh installation").isEqualTo(newDefault);

        Files.createDirectories(legacy.getParent());
        Files.writeString(legacy, "old");
        assertThat(SecretsFolder.resolve(newDefault, newDefault, legacy, "s")).as("old installation").isEqualTo(legacy);

        Path elsewhere = home.resolve("vault/master.key");
        assertThat(SecretsFolder.resolve(elsewhere, newDefault, legacy, "s")).as("a path of its own is taken as configured")
                .isEqualTo(elsewhere);

        SecretsFolder.createOwnerOnly(newDefault.getParent());
        Files.writeString(newDefault, "moved");
        assertThat(SecretsFolder.resolve(newDefault, newDefault, legacy, "s")).as("moved").isEqualTo(newDefault);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(newDefault.getParent()))).isEqualTo("rwx------");
    }

    @Test
    void aGeneratedMasterKeyIsReadableByItsOwnerOnlyInAFolderOfItsOwn() throws Exception {
        Path file = home.resolve("secrets/master.key");
        new MasterKey(new CryptoProperties(null, file, home.resolve("secrets/keys")));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        byte[] first = Files.readAllBytes(file);
        new MasterKey(new CryptoProperties(null, file, home.resolve("secrets/keys")));
        assertThat(Files.readAllBytes(file)).as("read, not generated again").isEqualTo(first);
    }

    @Test
    void theDefaultsAreOutsideTheDataFolder() {
        CryptoProperties defaults = new CryptoProperties(null, null, null);
        assertThat(defaults.masterKeyFile()).isEqualTo(Path.of("secrets", "master.key"));
        assertThat(defaults.keyStore()).isEqualTo(Path.of("secrets", "keys"));
    }
}
