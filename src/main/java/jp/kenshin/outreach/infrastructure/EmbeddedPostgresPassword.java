package jp.kenshin.outreach.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The embedded server's password and client authentication. The password is generated once into a file of
 * mode 600; pg_hba.conf asks every connection, socket or loopback, for it (SCRAM), and has no {@code trust} rule.
 * zonky's initdb writes trust rules (it runs {@code initdb -A trust} and offers no way to pass a password), so
 * the first start of a data directory (or the first start of an installation made before the password) sets the
 * password over zonky's own connection while a bootstrap pg_hba.conf admits only the superuser from this machine,
 * then writes the final pg_hba.conf and reloads it.
 */
final class EmbeddedPostgresPassword {

    static final String SUPERUSER = "postgres";

    /** The rules while the password is being set: the superuser, over loopback TCP (zonky's readiness check) only. */
    static final String BOOTSTRAP_HBA = """
            # kenshin-outreach, first start only: the superuser from this machine while its password is set.
            # Replaced by password rules before the application opens its connection pool.
            host    all   %1$s   127.0.0.1/32   trust
            host    all   %1$s   ::1/128        trust
            """.formatted(SUPERUSER);

    /** The rules afterwards: a password for every connection, from this machine only. */
    static final String FINAL_HBA = """
            # kenshin-outreach: every connection needs the password (SCRAM), and only from this machine
            # (the server listens on loopback only). The password is in the file kenshin.database.password-file.
            # TYPE  DATABASE      USER   ADDRESS        METHOD
            local   all           all                   scram-sha-256
            host    all           all    127.0.0.1/32   scram-sha-256
            host    all           all    ::1/128        scram-sha-256
            local   replication   all                   scram-sha-256
            host    replication   all    127.0.0.1/32   scram-sha-256
            host    replication   all    ::1/128        scram-sha-256
            """;

    private EmbeddedPostgresPassword() {
    }

    static Path hbaFile(Path dataDirectory) {
        return dataDirectory.resolve("pg_hba.conf");
    }

    static boolean clusterExists(Path dataDirectory) {
        return Files.exists(dataDirectory.resolve("postgresql.conf"));
    }

    /** Whether pg_hba.conf has a rule that lets a connection in without a password (or cannot be read as ours). */
    static boolean trustsAnyone(Path dataDirectory) {
        Path hba = hbaFile(dataDirectory);
        if (!Files.exists(hba)) {
            return true;
        }
        try (Stream<String> lines = Files.lines(hba, StandardCharsets.UTF_8)) {
            return lines.map(line -> line.replaceFirst("#.*", "").trim().toLowerCase(Locale.ROOT))
                    .filter(line -> !line.isEmpty())
                    .anyMatch(line -> List.of(line.split("\\s+")).contains("trust"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + hba, e);
        }
    }

    static void writeHba(Path dataDirectory, String rules) {
        Path hba = hbaFile(dataDirectory);
        try {
            Path temp = Files.createTempFile(dataDirectory, "pg_hba", ".tmp");
            Files.writeString(temp, rules, StandardCharsets.UTF_8);
            ownerOnly(temp);
            Files.move(temp, hba, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + hba, e);
        }
    }

    /** The password of the file, or null when there is no file. */
    static String read(Path passwordFile) {
        if (!Files.exists(passwordFile)) {
            return null;
        }
        try {
            ownerOnly(passwordFile);
            String password = Files.readString(passwordFile, StandardCharsets.US_ASCII).trim();
            if (password.isEmpty()) {
                throw new IllegalStateException("The database password file " + passwordFile + " is empty");
            }
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the database password file " + passwordFile, e);
        }
    }

    /** A new random password (256 bits, URL-safe Base64), written to a new file readable by its owner only. */
    static String generate(Path passwordFile) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try {
            Files.createDirectories(passwordFile.toAbsolutePath().getParent());
            try {
                Files.createFile(passwordFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(passwordFile);
            }
            Files.writeString(passwordFile, password, StandardCharsets.US_ASCII);
            return password;
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("The database password file " + passwordFile + " appeared while it was being created");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the database password file " + passwordFile, e);
        }
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // not a POSIX file system
        }
    }
}
