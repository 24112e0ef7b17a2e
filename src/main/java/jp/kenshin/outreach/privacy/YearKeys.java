package jp.kenshin.outreach.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One random data key per fiscal year. It is kept only wrapped (AES-GCM) by the master key, in a file
 * of the key store directory ({@code kenshin.crypto.key-store}), never in the database: a dump or
 * backup of the database holds no key. Destroying the year's key file therefore makes every copy of
 * that year's personal fields unreadable, backups included. The database keeps a register of the
 * keys (fingerprint, created, destroyed) so a destroyed year is never given a new key.
 */
@Component
public class YearKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final MasterKey masterKey;
    private final Path keyStore;
    private final TransactionTemplate ownTransaction;
    private final Map<Integer, DerivedKeys> cache = new ConcurrentHashMap<>();

    public YearKeys(JdbcTemplate jdbc, MasterKey masterKey, CryptoProperties properties,
            PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.masterKey = masterKey;
        this.keyStore = SecretsFolder.keyStore(properties.keyStore());
        // A new key is registered at once, on a connection of its own: the caller's may be busy with a COPY.
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Where the wrapped year keys live (the key store directory, outside the database). */
    public Path keyStore() {
        return keyStore;
    }

    /**
     * The keys of a fiscal year, created on first use. A cached key is used only while its file is still in the
     * key store: when several nodes share the key store (and the database), a year destroyed through one node
     * is refused by every other node at its next use, not served from their caches.
     */
    public DerivedKeys forYear(int fiscalYear) {
        DerivedKeys keys = cache.get(fiscalYear);
        if (keys != null && !Files.exists(file(fiscalYear))) {
            cache.remove(fiscalYear, keys);
            keys = null;
        }
        if (keys == null) {
            keys = cache.computeIfAbsent(fiscalYear, year -> ownTransaction.execute(status -> loadOrCreate(year)));
        }
        return keys;
    }

    /** Destroys the year's key for good: the key file is overwritten and deleted, the register says when and by whom. */
    public void destroy(int fiscalYear, String by) {
        cache.remove(fiscalYear);
        Path file = file(fiscalYear);
        try {
            if (Files.exists(file)) {
                byte[] noise = new byte[(int) Files.size(file)];
                RANDOM.nextBytes(noise);
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    channel.write(java.nio.ByteBuffer.wrap(noise));
                    channel.force(true);
                }
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot destroy the key file of fiscal year " + fiscalYear, e);
        }
        jdbc.update("update fiscal_year_key set destroyed_at = now(), destroyed_by = ? where fiscal_year = ?", by, fiscalYear);
    }

    public boolean isDestroyed(int fiscalYear) {
        return Boolean.TRUE.equals(jdbc.query("select destroyed_at is not null from fiscal_year_key where fiscal_year = ?",
                rs -> rs.next() && rs.getBoolean(1), fiscalYear));
    }

    /** Two nodes creating the same year's key at once: one writes it, the other waits and reads it. */
    private static final long KEY_LOCK = 0x79656172L; // "year"

    private DerivedKeys loadOrCreate(int fiscalYear) {
        jdbc.queryForList("select pg_advisory_xact_lock(?, ?)", (int) KEY_LOCK, fiscalYear);
        List<Map<String, Object>> rows = jdbc.queryForList(
                "select key_fingerprint, destroyed_at from fiscal_year_key where fiscal_year = ?", fiscalYear);
        if (!rows.isEmpty() && rows.get(0).get("destroyed_at") != null) {
            throw new YearKeyDestroyedException(fiscalYear);
        }
        Path file = file(fiscalYear);
        try {
            byte[] wrapped;
            if (Files.exists(file)) {
                wrapped = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
            } else {
                if (!rows.isEmpty()) {
                    throw new IllegalStateException("The key file of fiscal year " + fiscalYear + " is missing from "
                            + keyStore + " although the key was never destroyed");
                }
                byte[] dataKey = new byte[32];
                RANDOM.nextBytes(dataKey);
                wrapped = wrap(fiscalYear, dataKey);
                SecretsFolder.createOwnerOnly(keyStore);
                Path temp = Files.createTempFile(keyStore, "fy-" + fiscalYear, ".tmp");
                Files.writeString(temp, Base64.getEncoder().encodeToString(wrapped), StandardCharsets.US_ASCII);
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            }
            String fingerprint = fingerprint(wrapped);
            if (rows.isEmpty()) {
                jdbc.update("insert into fiscal_year_key (fiscal_year, key_fingerprint) values (?, ?) on conflict do nothing",
                        fiscalYear, fingerprint);
            } else if (!fingerprint.equals(rows.get(0).get("key_fingerprint"))) {
                throw new IllegalStateException("The key file of fiscal year " + fiscalYear + " is not the registered key");
            }
            return DerivedKeys.derive(unwrap(fiscalYear, wrapped));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the key store " + keyStore, e);
        }
    }

    private Path file(int fiscalYear) {
        return keyStore.resolve("fy-" + fiscalYear + ".key");
    }

    private static String fingerprint(byte[] wrapped) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(wrapped));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] wrap(int fiscalYear, byte[] dataKey) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, masterKey.key(), new GCMParameterSpec(128, iv));
            cipher.updateAAD(aad(fiscalYear));
            byte[] sealed = cipher.doFinal(dataKey);
            byte[] out = new byte[12 + sealed.length];
            System.arraycopy(iv, 0, out, 0, 12);
            System.arraycopy(sealed, 0, out, 12, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot wrap the data key of fiscal year " + fiscalYear, e);
        }
    }

    private byte[] unwrap(int fiscalYear, byte[] wrapped) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, masterKey.key(), new GCMParameterSpec(128, wrapped, 0, 12));
            cipher.updateAAD(aad(fiscalYear));
            return cipher.doFinal(wrapped, 12, wrapped.length - 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot unwrap the data key of fiscal year " + fiscalYear
                    + ": is this the master key it was created with?");
        }
    }

    private static byte[] aad(int fiscalYear) {
        return ("kenshin-year-key:" + fiscalYear).getBytes(StandardCharsets.US_ASCII);
    }

    /** An encryption key and a separate key for blind indexes, both derived from the year's data key. */
    public record DerivedKeys(SecretKey encryption, SecretKey index) {

        static DerivedKeys derive(byte[] dataKey) {
            return new DerivedKeys(new SecretKeySpec(hmac(dataKey, "encryption"), "AES"),
                    new SecretKeySpec(hmac(dataKey, "blind-index"), "HmacSHA256"));
        }

        private static byte[] hmac(byte[] key, String label) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                return mac.doFinal(label.getBytes(StandardCharsets.US_ASCII));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String toString() {
            return "DerivedKeys[<hidden>]";
        }
    }
}
