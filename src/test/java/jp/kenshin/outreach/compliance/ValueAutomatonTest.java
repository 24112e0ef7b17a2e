package jp.kenshin.outreach.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.ahocorasick.trie.Emit;
import org.ahocorasick.trie.Trie;
import org.junit.jupiter.api.Test;

/** The scan's flat automaton finds exactly what the org.ahocorasick library finds, overlaps and nested values included. */
class ValueAutomatonTest {

    @Test
    void findsEveryOccurrenceOfEveryValueAsTheLibraryDoes() {
        Random random = new Random(7);
        // a small alphabet, so values share prefixes, contain one another and overlap in the texts
        String alphabet = "山田太郎ヤマダ0123-";
        Set<String> values = values(random, alphabet, 3_000, 1, 8);
        String[] sorted = values.toArray(String[]::new);
        ValueAutomaton automaton = new ValueAutomaton(sorted);
        Trie library = Trie.builder().addKeywords(values).build();
        for (int i = 0; i < 2_000; i++) {
            // with characters of no value among them (U+FFFD: how a sealed record's bytes mostly decode)
            String text = word(random, alphabet + "あ \uFFFD", random.nextInt(60));
            List<String> ours = new ArrayList<>();
            automaton.search(text, (start, end, v) -> {
                assertThat(text.substring(start, end)).isEqualTo(sorted[v]);
                ours.add(start + ":" + sorted[v]);
                return false;
            });
            List<String> theirs = new ArrayList<>();
            for (Emit emit : library.parseText(text)) {
                theirs.add(emit.getStart() + ":" + emit.getKeyword());
            }
            assertThat(ours).as(text).containsExactlyInAnyOrderElementsOf(theirs);
        }
    }

    /**
     * Bytes are searched as the string UTF-8 decodes them to: values of one to four bytes a character (a kanji, a
     * kana, a character beyond the basic plane) among random bytes, cut, overlong, surrogates (CESU-8), stray continuation
     * bytes; whether a value occurs is what a search of {@code new String(bytes, UTF_8)} says, case by case.
     */
    @Test
    void findsAValueInBytesExactlyWhenItIsInTheirUtf8String() {
        Random random = new Random(11);
        String alphabet = "山田太郎ヤマダ0123-é𠮷";
        String[] sorted = values(random, alphabet, 500, 2, 6).toArray(String[]::new);
        ValueAutomaton automaton = new ValueAutomaton(sorted);
        byte[][] pieces = {{(byte) 0xE3}, {(byte) 0xE3, (byte) 0x81}, {(byte) 0x80}, {(byte) 0xBF}, {(byte) 0xC0, (byte) 0xAF},
                {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                {(byte) 0xF0, (byte) 0x80}, {(byte) 0xFF}, {(byte) 0xF5}, {(byte) 0xC2}};
        int found = 0;
        for (int i = 0; i < 20_000; i++) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            for (int part = random.nextInt(12); part > 0; part--) {
                switch (random.nextInt(5)) {
                    case 4 -> bytes.writeBytes(cesu8(sorted[random.nextInt(sorted.length)])); // surrogates as 3 bytes each
                    case 0 -> bytes.writeBytes(word(random, alphabet + "あ ", 1 + random.nextInt(4))
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    case 1 -> bytes.writeBytes(pieces[random.nextInt(pieces.length)]);
                    case 2 -> {
                        byte[] noise = new byte[1 + random.nextInt(6)];
                        random.nextBytes(noise);
                        bytes.writeBytes(noise);
                    }
                    default -> {
                        // a value cut short: its last byte left off
                        byte[] value = sorted[random.nextInt(sorted.length)].getBytes(java.nio.charset.StandardCharsets.UTF_8);
                        bytes.write(value, 0, value.length - random.nextInt(2));
                    }
                }
            }
            byte[] data = bytes.toByteArray();
            boolean[] inString = {false};
            automaton.search(new String(data, java.nio.charset.StandardCharsets.UTF_8), (start, end, v) -> inString[0] = true);
            assertThat(automaton.occursInUtf8(data)).as(java.util.HexFormat.of().formatHex(data)).isEqualTo(inString[0]);
            found += inString[0] ? 1 : 0;
        }
        assertThat(found).as("cases with a value").isBetween(2_000, 18_000);
        // a value holding U+FFFD: the string is made, since the replacements then count
        ValueAutomaton replacement = new ValueAutomaton(new String[] {"\uFFFD\uFFFD"});
        assertThat(replacement.occursInUtf8(new byte[] {(byte) 0xE3, (byte) 0x81, 0x41})).isFalse();
        assertThat(replacement.occursInUtf8(new byte[] {(byte) 0xFF, (byte) 0xFF})).isTrue();
    }

    @Test
    void stopsWhenTheHitSaysSo() {
        ValueAutomaton automaton = new ValueAutomaton(new String[] {"abc", "bc", "c"});
        List<Integer> hits = new ArrayList<>();
        automaton.search("xabcabc", (start, end, v) -> {
            hits.add(v);
            return hits.size() == 2;
        });
        assertThat(hits).hasSize(2);
        assertThat(automaton.states()).isEqualTo(1 + 3 + 2 + 1);
    }

    @Test
    void refusesValuesOutOfOrderTwiceOrEmpty() {
        assertThatThrownBy(() -> new ValueAutomaton(new String[] {"b", "a"})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ValueAutomaton(new String[] {"a", "a"})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ValueAutomaton(new String[] {""})).isInstanceOf(IllegalArgumentException.class);
        assertThat(new ValueAutomaton(new String[0]).states()).isEqualTo(1);
    }

    /** Each UTF-16 unit as UTF-8 would encode a character of its value (CESU-8): not well-formed UTF-8 for a surrogate. */
    private static byte[] cesu8(String value) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (char c : value.toCharArray()) {
            if (c < 0x80) {
                out.write(c);
            } else if (c < 0x800) {
                out.write(0xC0 | c >> 6);
                out.write(0x80 | c & 0x3F);
            } else {
                out.write(0xE0 | c >> 12);
                out.write(0x80 | c >> 6 & 0x3F);
                out.write(0x80 | c & 0x3F);
            }
        }
        return out.toByteArray();
    }

    /** So many distinct words of the alphabet, of the given lengths, sorted. */
    private static Set<String> values(Random random, String alphabet, int count, int shortest, int longest) {
        Set<String> values = new TreeSet<>();
        while (values.size() < count) {
            values.add(word(random, alphabet, shortest + random.nextInt(longest - shortest + 1)));
        }
        return values;
    }

    private static String word(Random random, String alphabet, int length) {
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < length; i++) {
            word.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return word.toString();
    }
}
