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
        Set<String> values = new TreeSet<>();
        while (values.size() < 3_000) {
            values.add(word(random, alphabet, 1 + random.nextInt(8)));
        }
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

    private static String word(Random random, String alphabet, int length) {
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < length; i++) {
            word.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return word.toString();
    }
}
