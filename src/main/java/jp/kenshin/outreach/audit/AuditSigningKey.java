package jp.kenshin.outreach.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The HMAC-SHA256 key that signs each audit record and each anchor line. The database never holds it:
 * it comes from {@code kenshin.audit.signing-key} (Base64 of 32 bytes, e.g. the environment variable
 * KENSHIN_AUDIT_SIGNING_KEY), else from {@code signing-key-file}, generated there once (mode 600) when
 * missing. Whoever holds it can sign a rewritten log: keep it apart from the database and its dumps.
 */
@Component
public class AuditSigningKey {

    private static final Logger log = LoggerFactory.getLogger(AuditSigningKey.class);

    private final SecretKeySpec key;

    @org.springframework.beans.factory.annotation.Autowired
    public AuditSigningKey(AuditProperties properties) {
        this(load(properties.signingKey(), properties.signingKeyFile(), true));
    }

    AuditSigningKey(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /** The signature of an audit record: over its seq and its hash (which covers its content and the chain before it). */
    public String signRecord(long seq, String hash) {
        return mac("audit-record|v1|" + seq + "|" + hash);
    }

    /** The signature of an anchor line's text. */
    String signAnchor(String text) {
        return mac("audit-anchor|v1|" + text);
    }

    /** Compares in constant time. */
    static boolean same(String expected, String actual) {
        return actual != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                actual.trim().getBytes(StandardCharsets.US_ASCII));
    }

    private String mac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /**
     * The key from the setting, else from the file; when neither exists and {@code create} is set, a new
     * key is generated into the file (mode 600). The command-line verifier never creates one.
     */
    static byte[] load(String configured, Path keyFile, boolean create) {
        if (configured != null && !configured.isBlank()) {
            return decode(configured.trim(), "kenshin.audit.signing-key");
        }
        Path file = keyFile.toAbsolutePath();
        try {
            if (Files.exists(file)) {
                return decode(Files.readString(file, StandardCharsets.US_ASCII).trim(), file.toString());
            }
            if (!create) {
                throw new IllegalStateException("No audit signing key: neither KENSHIN_AUDIT_SIGNING_KEY nor the file " + file);
            }
            byte[] generated = new byte[32];
            new SecureRandom().nextBytes(generated);
            OwnerOnlyFolder.create(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), ".audit-signing", ".tmp");
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            Files.writeString(temporary, Base64.getEncoder().encodeToString(generated), StandardCharsets.US_ASCII);
            try {
                // two nodes starting at once: the first file wins, the other node reads it
                Files.move(temporary, file);
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                Files.deleteIfExists(temporary);
                return decode(Files.readString(file, StandardCharsets.US_ASCII).trim(), file.toString());
            }
            log.warn("No audit signing key configured: generated one into {} (keep it apart from the database and its backups)", file);
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the audit signing key file " + file, e);
        }
    }

    private static byte[] decode(String base64, String source) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The audit signing key in " + source + " is not Base64");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("The audit signing key in " + source + " must be 32 bytes, found " + bytes.length);
        }
        return bytes;
    }

    @Override
    public String toString() {
        return "AuditSigningKey[<hidden>]";
    }
}
