package jp.kenshin.outreach.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The master key from configuration ({@code kenshin.crypto.master-key}, Base64 of 32 bytes). When
 * none is configured, one is generated once into {@code master-key-file} for the demo and for
 * development; a production installation configures its own and never commits it.
 */
@Component
public class MasterKey {

    private static final Logger log = LoggerFactory.getLogger(MasterKey.class);

    private final SecretKey key;

    public MasterKey(CryptoProperties properties) {
        this.key = new SecretKeySpec(load(properties), "AES");
    }

    SecretKey key() {
        return key;
    }

    private static byte[] load(CryptoProperties properties) {
        if (properties.masterKey() != null && !properties.masterKey().isBlank()) {
            return decode(properties.masterKey().trim(), "kenshin.crypto.master-key");
        }
        Path file = SecretsFolder.masterKeyFile(properties.masterKeyFile());
        try {
            if (Files.exists(file)) {
                return decode(Files.readString(file, StandardCharsets.US_ASCII).trim(), file.toString());
            }
            byte[] generated = new byte[32];
            new SecureRandom().nextBytes(generated);
            SecretsFolder.createOwnerOnly(file.getParent());
            SecretsFolder.createOwnerOnlyFile(file);
            Files.writeString(file, Base64.getEncoder().encodeToString(generated), StandardCharsets.US_ASCII);
            log.warn("No master key configured: generated one into {} (for demo and development only)", file);
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the master key file " + file, e);
        }
    }

    private static byte[] decode(String base64, String source) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The master key in " + source + " is not Base64");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("The master key in " + source + " must be 32 bytes, found " + bytes.length);
        }
        return bytes;
    }

    @Override
    public String toString() {
        return "MasterKey[<hidden>]";
    }
}
