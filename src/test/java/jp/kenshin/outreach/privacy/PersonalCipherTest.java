package jp.kenshin.outreach.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PersonalCipherTest {

    private static PersonalCipher cipher(int fiscalYear, long seed) {
        byte[] dataKey = new byte[32];
        new Random(seed).nextBytes(dataKey);
        YearKeys keys = mock(YearKeys.class);
        when(keys.forYear(fiscalYear)).thenReturn(YearKeys.DerivedKeys.derive(dataKey));
        return new PersonalCipher(keys);
    }

    @Test
    void aRecordOpensToTheValuesItWasSealedWith() {
        PersonalCipher cipher = cipher(2030, 1);
        Random random = new Random(7);
        String alphabet = "0123456789-abc 髙橋﨑①～ｶﾅ😀";
        for (int n = 0; n < 2_000; n++) {
            Map<PersonalField, String> values = new LinkedHashMap<>();
            for (PersonalField field : PersonalField.values()) {
                switch (random.nextInt(4)) {
                    case 0 -> { } // absent
                    case 1 -> values.put(field, null); // present without a value: not stored
                    default -> {
                        StringBuilder value = new StringBuilder();
                        for (int i = random.nextInt(300); i > 0; i--) {
                            value.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0, random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
                        }
                        values.put(field, value.toString());
                    }
                }
            }
            byte[] sealed = cipher.seal(2030, "member:2030:" + n, values);
            Map<PersonalField, String> expected = new EnumMap<>(PersonalField.class);
            values.forEach((field, value) -> {
                if (value != null) {
                    expected.put(field, value);
                }
            });
            assertThat(cipher.openRecord(2030, "member:2030:" + n, sealed)).isEqualTo(expected);
            PersonalCipher.Year year = cipher.year(2030);
            for (PersonalField field : PersonalField.values()) {
                assertThat(year.openField("member:2030:" + n, sealed, field)).as(field.name()).isEqualTo(expected.get(field));
            }
            int other = n;
            assertThatThrownBy(() -> cipher.openRecord(2030, "member:2030:" + (other + 1), sealed))
                    .as("bound to its row").isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void everySealHasItsOwnNonceThoughNoncesAreDrawnInBulk() {
        PersonalCipher cipher = cipher(2030, 1);
        java.util.Set<String> nonces = new java.util.HashSet<>();
        int seals = 20 * PersonalCipher.Nonces.NONCES + 5; // across many draws, ending in the middle of one
        for (int n = 0; n < seals; n++) {
            byte[] sealed = cipher.seal(2030, "member:2030:x", new byte[] {1, 2, 3});
            nonces.add(java.util.HexFormat.of().formatHex(sealed, 0, 12));
            assertThat(cipher.open(2030, "member:2030:x", sealed)).containsExactly(1, 2, 3);
        }
        assertThat(nonces).hasSize(seals).doesNotContain("00".repeat(12));
    }

    @Test
    void aBlindIndexDependsOnTheValueAndTheYearsKeyOnlyEvenAfterAFailedOne() {
        PersonalCipher cipher = cipher(2030, 1);
        byte[] first = cipher.blindIndex(2030, "person", "100000001");
        assertThatThrownBy(() -> cipher.blindIndex(2030, "person", null)).isInstanceOf(NullPointerException.class);
        assertThat(cipher.blindIndex(2030, "person", "100000001")).isEqualTo(first).hasSize(16);
        assertThat(cipher.blindIndex(2030, "ticket", "100000001")).isNotEqualTo(first);
        assertThat(cipher.blindIndex(2030, "person", "100000002")).isNotEqualTo(first);
        // another key (another year's), then this one again: the thread's HMAC is keyed again each time
        assertThat(cipher(2030, 2).blindIndex(2030, "person", "100000001")).isNotEqualTo(first);
        assertThat(cipher.blindIndex(2030, "person", "100000001")).isEqualTo(first);
    }
}
