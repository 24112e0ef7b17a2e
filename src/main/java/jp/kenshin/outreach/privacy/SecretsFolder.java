package jp.kenshin.outreach.privacy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the master key file and the key store are, by default {@code ./secrets}: apart from {@code ./data}, so that
 * a copy or backup of the data folder (database, print files) does not carry the key that opens it. Installations
 * made before kept both in {@code ./data}; while the new default location is empty and the old one exists, the old
 * one is used and a WARN says to move it (a new key is never generated while an old one exists).
 */
final class SecretsFolder {

    private static final Logger log = LoggerFactory.getLogger(SecretsFolder.class);

    static final Path DEFAULT_MASTER_KEY_FILE = Path.of("secrets", "master.key");
    static final Path DEFAULT_KEY_STORE = Path.of("secrets", "keys");
    static final Path LEGACY_MASTER_KEY_FILE = Path.of("data", "master.key");
    static final Path LEGACY_KEY_STORE = Path.of("data", "keys");

    private SecretsFolder() {
    }

    static Path masterKeyFile(Path configured) {
        return resolve(configured, DEFAULT_MASTER_KEY_FILE, LEGACY_MASTER_KEY_FILE, "kenshin.crypto.master-key-file");
    }

    static Path keyStore(Path configured) {
        return resolve(configured, DEFAULT_KEY_STORE, LEGACY_KEY_STORE, "kenshin.crypto.key-store");
    }

    /** The configured path, or the legacy one while the configured path is the (missing) default and the legacy one exists. */
    static Path resolve(Path configured, Path defaultPath, Path legacyPath, String setting) {
        Path file = configured.toAbsolutePath().normalize();
        Path legacy = legacyPath.toAbsolutePath().normalize();
        if (file.equals(defaultPath.toAbsolutePath().normalize()) && !Files.exists(file) && Files.exists(legacy)) {
            log.warn("{} is kept in {}, the old default inside the data folder: move it to {} (mode 600 for files, 700 for "
                    + "folders; stop the application first) or set {} to where it is", legacyPath, legacy, file, setting);
            return legacy;
        }
        return file;
    }

    /** Creates the folder (and missing parents) readable by its owner only, where the file system allows. */
    static void createOwnerOnly(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        Path parent = directory.toAbsolutePath().getParent();
        if (parent != null && !Files.exists(parent)) {
            Files.createDirectories(parent);
        }
        try {
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectory(directory);
        }
    }

    /** Creates a new file readable and writable by its owner only, where the file system allows. */
    static void createOwnerOnlyFile(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
    }
}
