package jp.kenshin.outreach.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.springframework.stereotype.Component;

/**
 * Seals personal values with AES-256-GCM under the fiscal year's key. The additional authenticated
 * data binds a sealed value to its row (for example fiscal year and person number), so a value
 * copied to another row does not open. Blind indexes (HMAC-SHA256) let the import find a person by
 * ticket number without storing it in clear.
 */
@Component
public class PersonalCipher {

    private static final int IV_LENGTH = 12;
    /**
     * Each thread's own cipher, HMAC and nonces, so that a bulk import's million seals do not queue for shared ones.
     * One thread-local for the three: a thread of the web server holds many, and each look-up that missed its slot
     * cost a walk (4 % of a members import's thread samples, with three look-ups a row).
     */
    private static final ThreadLocal<Tools> TOOLS = ThreadLocal.withInitial(Tools::new);

    /** A thread's tools. */
    private static final class Tools {
        final Cipher cipher;
        final KeyedMac mac = new KeyedMac();
        final Nonces nonces = new Nonces();

        Tools() {
            try {
                cipher = Cipher.getInstance("AES/GCM/NoPadding");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The tools of the thread that last used a {@link Year}: both fields final, so another thread reads them whole. */
    private record Bound(Thread owner, Tools tools) {
    }

    /**
     * Random nonces drawn in bulk from a DRBG and handed out once each. It draws {@value #NONCES} at a time: a draw
     * of 12 bytes took 0.5 µs and one of 384 bytes 1.7 µs (each draw hashes the generator's state again), so a nonce
     * costs a tenth of what it did, where one draw a seal had been a seventh of a member's sealing. A nonce is stored
     * in the clear beside its ciphertext, so holding the next few in memory reveals nothing.
     */
    static final class Nonces {
        static final int NONCES = 32;
        private final SecureRandom random;
        private final byte[] drawn = new byte[NONCES * IV_LENGTH];
        private int next = drawn.length;

        Nonces() {
            try {
                random = SecureRandom.getInstance("DRBG");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Writes the next nonce into {@code iv} (and forgets it). */
        void next(byte[] iv) {
            if (next == drawn.length) {
                random.nextBytes(drawn);
                next = 0;
            }
            System.arraycopy(drawn, next, iv, 0, IV_LENGTH);
            Arrays.fill(drawn, next, next + IV_LENGTH, (byte) 0);
            next += IV_LENGTH;
        }
    }

    /**
     * A thread's HMAC, keyed again only when the key changes: an HMAC's {@code doFinal} leaves it keyed as it was, so
     * a bulk import's million indexes each skip the key's set-up (about a quarter of an index's time in the members
     * import's profile). As a keyed {@code Mac} always did, it holds the last key's set-up until the thread uses
     * another key; a destroyed year's key is never handed to it again ({@link YearKeys#forYear} refuses the year).
     */
    private static final class KeyedMac {
        private final Mac mac;
        private SecretKey key;

        KeyedMac() {
            try {
                mac = Mac.getInstance("HmacSHA256");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        Mac keyedWith(SecretKey index) throws InvalidKeyException {
            if (key != index) {
                mac.init(index);
                key = index;
            } else {
                mac.reset(); // nothing to do after a doFinal; after a failed use, drops what it had taken in
            }
            return mac;
        }
    }

    private final YearKeys yearKeys;

    public PersonalCipher(YearKeys yearKeys) {
        this.yearKeys = yearKeys;
    }

    /**
     * What a member's sealed record is bound to: the fiscal year and the keyed index of the ward's person
     * number (the row's {@code person_index}), so the record does not open in another person's row.
     */
    public static String memberBinding(int fiscalYear, byte[] personIndex) {
        return "member:" + fiscalYear + ":" + java.util.HexFormat.of().formatHex(personIndex);
    }

    /** The keyed index of a 整理番号 under the year's index key: how a person is found without the number in clear. */
    public byte[] personIndex(int fiscalYear, String personNo) {
        return year(fiscalYear).personIndex(personNo);
    }

    /** What a checkup result's sealed items are bound to: the cycle, the member and the result's year. */
    public static String resultBinding(int cycleYear, long memberId, int resultYear) {
        return "result:" + cycleYear + ":" + memberId + ":" + resultYear;
    }

    public byte[] seal(int fiscalYear, String rowBinding, Map<PersonalField, String> values) {
        return year(fiscalYear).seal(rowBinding, values);
    }

    public Map<PersonalField, String> openRecord(int fiscalYear, String rowBinding, byte[] sealed) {
        return year(fiscalYear).openRecord(rowBinding, sealed);
    }

    public byte[] seal(int fiscalYear, String rowBinding, byte[] plaintext) {
        return year(fiscalYear).seal(rowBinding, plaintext);
    }

    public byte[] open(int fiscalYear, String rowBinding, byte[] sealed) {
        return year(fiscalYear).open(rowBinding, sealed);
    }

    /** A keyed, truncated HMAC of a value: equal values give equal indexes within one fiscal year only. */
    public byte[] blindIndex(int fiscalYear, String purposeLabel, String value) {
        return year(fiscalYear).blindIndex(purposeLabel, value);
    }

    /**
     * The year's keys, looked up (and checked against the key store) once, for a batch of rows: a bulk import takes
     * one per batch instead of one look-up per value, so a year destroyed meanwhile is refused at the next batch.
     * Keep it no longer than one batch of one operation.
     */
    public Year year(int fiscalYear) {
        return new Year(fiscalYear, yearKeys.forYear(fiscalYear));
    }

    /** Sealing, opening and blind indexes under one fiscal year's keys (safe to share between threads). */
    public static final class Year {
        private final int fiscalYear;
        private final YearKeys.DerivedKeys keys;
        /** The tools of the thread that used this year last: a batch's rows are sealed on one thread without a look-up each. */
        private Bound bound;

        private Year(int fiscalYear, YearKeys.DerivedKeys keys) {
            this.fiscalYear = fiscalYear;
            this.keys = keys;
        }

        /** This thread's tools: those it used last time, else looked up (another thread's are never taken, see {@link Bound}). */
        private Tools tools() {
            Thread current = Thread.currentThread();
            Bound last = bound;
            if (last != null && last.owner() == current) {
                return last.tools();
            }
            Tools tools = TOOLS.get();
            bound = new Bound(current, tools);
            return tools;
        }

        public int fiscalYear() {
            return fiscalYear;
        }

        /** The keyed index of a 整理番号. */
        public byte[] personIndex(String personNo) {
            return blindIndex("person", personNo);
        }

        public byte[] seal(String rowBinding, Map<PersonalField, String> values) {
            return seal(rowBinding, serialize(values));
        }

        public Map<PersonalField, String> openRecord(String rowBinding, byte[] sealed) {
            return deserialize(open(rowBinding, sealed));
        }

        /** One value of a sealed record (null when the record has none): the record is opened whole, only this value decoded. */
        public String openField(String rowBinding, byte[] sealed, PersonalField field) {
            return valueOf(open(rowBinding, sealed), field);
        }

        public byte[] seal(String rowBinding, byte[] plaintext) {
            try {
                byte[] iv = new byte[IV_LENGTH];
                Tools tools = tools();
                tools.nonces.next(iv);
                Cipher cipher = tools.cipher;
                cipher.init(Cipher.ENCRYPT_MODE, keys.encryption(), new GCMParameterSpec(128, iv));
                cipher.updateAAD(rowBinding.getBytes(StandardCharsets.UTF_8));
                byte[] out = new byte[IV_LENGTH + cipher.getOutputSize(plaintext.length)];
                System.arraycopy(iv, 0, out, 0, IV_LENGTH);
                int written = cipher.doFinal(plaintext, 0, plaintext.length, out, IV_LENGTH);
                return written + IV_LENGTH == out.length ? out : Arrays.copyOf(out, written + IV_LENGTH);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Encryption failed for fiscal year " + fiscalYear, e);
            }
        }

        public byte[] open(String rowBinding, byte[] sealed) {
            try {
                Cipher cipher = tools().cipher;
                cipher.init(Cipher.DECRYPT_MODE, keys.encryption(), new GCMParameterSpec(128, sealed, 0, IV_LENGTH));
                cipher.updateAAD(rowBinding.getBytes(StandardCharsets.UTF_8));
                return cipher.doFinal(sealed, IV_LENGTH, sealed.length - IV_LENGTH);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("A sealed record of fiscal year " + fiscalYear + " does not open (tampered or wrong row)");
            }
        }

        /** A keyed, truncated HMAC of a value: equal values give equal indexes within one fiscal year only. */
        public byte[] blindIndex(String purposeLabel, String value) {
            try {
                Mac mac = tools().mac.keyedWith(keys.index());
                mac.update(purposeLabel.getBytes(StandardCharsets.US_ASCII));
                mac.update((byte) 0);
                return Arrays.copyOf(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)), 16);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A record as bytes: for each value, its field's number, its length in two bytes and its UTF-8 (fields are capped far below 64 KiB). */
    static byte[] serialize(Map<PersonalField, String> values) {
        int count = 0;
        int size = 0;
        int[] fields = new int[values.size()];
        byte[][] encoded = new byte[values.size()][];
        for (Map.Entry<PersonalField, String> entry : values.entrySet()) {
            if (entry.getValue() != null) {
                byte[] bytes = entry.getValue().getBytes(StandardCharsets.UTF_8);
                fields[count] = entry.getKey().ordinal();
                encoded[count++] = bytes;
                size += 3 + bytes.length;
            }
        }
        byte[] out = new byte[size];
        int at = 0;
        for (int i = 0; i < count; i++) {
            byte[] bytes = encoded[i];
            out[at] = (byte) fields[i];
            out[at + 1] = (byte) (bytes.length >>> 8);
            out[at + 2] = (byte) bytes.length;
            System.arraycopy(bytes, 0, out, at + 3, bytes.length);
            at += 3 + bytes.length;
        }
        return out;
    }

    /** One value of a serialized record, or null: the record's values are walked by their lengths, only this one decoded. */
    static String valueOf(byte[] bytes, PersonalField field) {
        for (int at = 0; at < bytes.length; at += 3 + valueLength(bytes, at)) {
            if ((bytes[at] & 0xff) == field.ordinal()) {
                return value(bytes, at);
            }
        }
        return null;
    }

    static Map<PersonalField, String> deserialize(byte[] bytes) {
        Map<PersonalField, String> values = new EnumMap<>(PersonalField.class);
        PersonalField[] fields = PersonalField.values();
        for (int at = 0; at < bytes.length; at += 3 + valueLength(bytes, at)) {
            values.put(fields[bytes[at] & 0xff], value(bytes, at));
        }
        return values;
    }

    /** The length of the value whose entry starts at {@code at} (after the field's number, two bytes). */
    private static int valueLength(byte[] bytes, int at) {
        return ((bytes[at + 1] & 0xff) << 8) | (bytes[at + 2] & 0xff);
    }

    private static String value(byte[] bytes, int at) {
        return new String(bytes, at + 3, valueLength(bytes, at), StandardCharsets.UTF_8);
    }
}
