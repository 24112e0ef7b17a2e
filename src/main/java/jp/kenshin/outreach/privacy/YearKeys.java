package jp.kenshin.outreach.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
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
 * One random data key per fiscal year, stored only wrapped (AES-GCM) by the master key. Destroying
 * the wrapped key makes every copy of that year's personal fields unreadable, backups included.
 */
@Component
public class YearKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final MasterKey masterKey;
    private final TransactionTemplate ownTransaction;
    private final Map<Integer, DerivedKeys> cache = new ConcurrentHashMap<>();

    public YearKeys(JdbcTemplate jdbc, MasterKey masterKey, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.masterKey = masterKey;
        // A new key is committed at once, on a connection of its own: data sealed under it must never
        // outlive a rolled-back key, and the caller's connection may be busy with a COPY.
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The keys of a fiscal year, created on first use. */
    public DerivedKeys forYear(int fiscalYear) {
        DerivedKeys keys = cache.get(fiscalYear);
        if (keys == null) {
            keys = cache.computeIfAbsent(fiscalYear, year -> ownTransaction.execute(status -> loadOrCreate(year)));
        }
        return keys;
    }

    /** Destroys the year's key for good. */
    public void destroy(int fiscalYear) {
        jdbc.update("update fiscal_year_key set wrapped_key = null, destroyed_at = now() where fiscal_year = ?", fiscalYear);
        cache.remove(fiscalYear);
    }

    private DerivedKeys loadOrCreate(int fiscalYear) {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "select wrapped_key, destroyed_at from fiscal_year_key where fiscal_year = ?", fiscalYear);
        if (rows.isEmpty()) {
            byte[] dataKey = new byte[32];
            RANDOM.nextBytes(dataKey);
            jdbc.update("insert into fiscal_year_key (fiscal_year, wrapped_key) values (?, ?) on conflict do nothing",
                    fiscalYear, wrap(fiscalYear, dataKey));
            rows = jdbc.queryForList("select wrapped_key, destroyed_at from fiscal_year_key where fiscal_year = ?", fiscalYear);
        }
        Map<String, Object> row = rows.get(0);
        if (row.get("destroyed_at") != null || row.get("wrapped_key") == null) {
            throw new YearKeyDestroyedException(fiscalYear);
        }
        return DerivedKeys.derive(unwrap(fiscalYear, (byte[]) row.get("wrapped_key")));
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
