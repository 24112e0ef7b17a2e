package jp.kenshin.outreach.compliance;

import java.util.Arrays;

/**
 * An Aho-Corasick automaton over a year's personal values, held in a few flat arrays: a state is an int, its
 * transitions are entries of one open-addressing table keyed by (state, character) (the root's also in an array by
 * character), and its failure and output links are ints. About 40 bytes a state (a state per distinct prefix of the
 * values), against about 0.7 kB a value in {@code org.ahocorasick}'s object automaton, and built in a few passes over
 * the sorted values: the trie by their common prefixes (no lookup), the transition table once at its final size, and
 * the failure links in order of depth. Only the values' lengths are kept, not the values, so a hit names where it
 * lies and which value (by index).
 */
final class ValueAutomaton {

    /** Called for each value found, where it lies in the text; returns true to stop the search. */
    interface Hit {
        boolean at(int start, int endExclusive, int value);
    }

    private static final int ROOT = 0;
    private static final long EMPTY = -1;

    private final long[] keys;
    private final int[] targets;
    private final int shift;
    private final int[] fail;
    /** The value that ends in a state, or -1. */
    private final int[] output;
    /** The nearest state on a state's failure chain where a value ends, or -1. */
    private final int[] nextOutput;
    private final int[] lengths;
    /**
     * The characters that occur in some value. A character of none can follow no state, so the search goes back to the
     * root without looking it up: most of a sealed record's bytes decode to U+FFFD, and each look-up is a random read
     * of a table of hundreds of megabytes at a large ward, where this array of 64 kB stays in the cache.
     */
    private final boolean[] inSomeValue = new boolean[Character.MAX_VALUE + 1];
    /**
     * The root's transitions by character (0 where there is none: no transition leads back to the root). After a
     * character of no value, and in binary data nearly every few bytes, the search is at the root: its step is then
     * one read of this array of 256 kB instead of a look-up in the table.
     */
    private final int[] fromRoot = new int[Character.MAX_VALUE + 1];
    /**
     * By byte: whether it sends a search of UTF-8 bytes back to the root at once, as an ASCII character of no value or
     * a byte that starts no sequence (a continuation byte, C0, C1, F5 to FF). In a sealed record, three bytes in four;
     * one look-up here instead of a few branches that random bytes make the processor guess wrong.
     */
    private final boolean[] resetsUtf8 = new boolean[256];

    /**
     * @param sorted non-empty values, each once, in {@link String#compareTo} order; a value's index here is what
     *        {@link Hit} gets
     */
    ValueAutomaton(String[] sorted) {
        lengths = new int[sorted.length];
        // the trie: each value shares with the previous one its common prefix, whose states lie on the path
        int capacity = 1024;
        int[] parent = new int[capacity];
        char[] label = new char[capacity];
        int[] depth = new int[capacity];
        int[] out = new int[capacity];
        out[ROOT] = -1;
        int n = 1;
        int[] path = new int[16];
        String previous = "";
        int maxDepth = 0;
        for (int v = 0; v < sorted.length; v++) {
            String value = sorted[v];
            if (value.isEmpty() || v > 0 && value.compareTo(previous) <= 0) {
                throw new IllegalArgumentException("values must be non-empty, distinct and sorted (value " + v + ")");
            }
            lengths[v] = value.length();
            for (int i = 0; i < value.length(); i++) {
                inSomeValue[value.charAt(i)] = true;
            }
            int common = 0;
            int max = Math.min(value.length(), previous.length());
            while (common < max && value.charAt(common) == previous.charAt(common)) {
                common++;
            }
            if (path.length <= value.length()) {
                path = Arrays.copyOf(path, Math.max(path.length * 2, value.length() + 1));
            }
            for (int d = common; d < value.length(); d++) {
                if (n == capacity) {
                    capacity = Math.addExact(capacity, capacity >> 1);
                    parent = Arrays.copyOf(parent, capacity);
                    label = Arrays.copyOf(label, capacity);
                    depth = Arrays.copyOf(depth, capacity);
                    out = Arrays.copyOf(out, capacity);
                }
                parent[n] = path[d];
                label[n] = value.charAt(d);
                depth[n] = d + 1;
                out[n] = -1;
                path[d + 1] = n++;
            }
            out[path[value.length()]] = v;
            maxDepth = Math.max(maxDepth, value.length());
            previous = value;
        }
        output = Arrays.copyOf(out, n);
        for (int x = 0; x < 256; x++) {
            resetsUtf8[x] = x < 0x80 ? !inSomeValue[x] : x < 0xC2 || x > 0xF4;
        }
        // the transitions, one table at its final size (at most half full)
        int slots = Integer.highestOneBit(Math.max(2, n - 1) * 2 - 1) << 1;
        shift = 64 - Integer.numberOfTrailingZeros(slots);
        keys = new long[slots];
        Arrays.fill(keys, EMPTY);
        targets = new int[slots];
        for (int s = 1; s < n; s++) {
            long key = key(parent[s], label[s]);
            int slot = slot(key);
            keys[slot] = key;
            targets[slot] = s;
            if (parent[s] == ROOT) {
                fromRoot[label[s]] = s;
            }
        }
        // the states in order of depth (a counting sort), so a state's failure link is set before its children's
        int[] start = new int[maxDepth + 2];
        for (int s = 0; s < n; s++) {
            start[depth[s] + 1]++;
        }
        for (int d = 1; d < start.length; d++) {
            start[d] += start[d - 1];
        }
        int[] byDepth = new int[n];
        for (int s = 0; s < n; s++) {
            byDepth[start[depth[s]]++] = s;
        }
        fail = new int[n];
        nextOutput = new int[n];
        nextOutput[ROOT] = -1;
        for (int i = 1; i < n; i++) {
            int s = byDepth[i];
            // where the search goes on reading the state's label after its parent's failure (the root's are set above)
            int f = parent[s] == ROOT ? ROOT : step(fail[parent[s]], label[s]);
            fail[s] = f;
            nextOutput[s] = output[f] >= 0 ? f : nextOutput[f];
        }
    }

    /** Distinct prefixes of the values, the root included. */
    int states() {
        return fail.length;
    }

    /** Reports each occurrence of a value in the text, ending where it ends, until the hit says stop. */
    void search(CharSequence text, Hit hit) {
        int state = ROOT;
        for (int i = 0, n = text.length(); i < n; i++) {
            state = step(state, text.charAt(i));
            for (int o = output[state] >= 0 ? state : nextOutput[state]; o >= 0; o = nextOutput[o]) {
                int value = output[o];
                if (hit.at(i + 1 - lengths[value], i + 1, value)) {
                    return;
                }
            }
        }
    }

    /**
     * Whether some value occurs in these bytes read as UTF-8, as {@code new String(bytes, UTF_8)} reads them, without
     * making that string: at a large ward most of the scan's bytes are sealed records, and decoding them took half of
     * the scan's time (measured at 1,100,000 members). A well-formed sequence is a character (two for one beyond the
     * basic plane); a byte that starts none is a character of no value, which is what the replacement character the
     * string would hold there is, as long as no value holds U+FFFD (else the string is made after all, since how many
     * replacements a malformed sequence gives then matters). A byte that continues a sequence never starts one, so the
     * characters read are the string's, whichever bytes a malformed sequence is said to span.
     */
    boolean occursInUtf8(byte[] bytes) {
        if (inSomeValue[0xFFFD]) {
            boolean[] found = {false};
            search(new String(bytes, java.nio.charset.StandardCharsets.UTF_8), (start, end, value) -> found[0] = true);
            return found[0];
        }
        int state = ROOT;
        int n = bytes.length;
        int i = 0;
        while (i < n) {
            int x = bytes[i] & 0xFF;
            if (resetsUtf8[x]) {
                state = ROOT;
                i++;
                continue;
            }
            int code = -1;
            int length = 1;
            if (x < 0x80) {
                code = x;
            } else if (x >= 0xC2 && x <= 0xDF) {
                if (i + 1 < n && continues(bytes[i + 1])) {
                    code = (x & 0x1F) << 6 | bytes[i + 1] & 0x3F;
                    length = 2;
                }
            } else if (x >= 0xE0 && x <= 0xEF) {
                if (i + 2 < n) {
                    int y = bytes[i + 1] & 0xFF;
                    if (continues(bytes[i + 1]) && continues(bytes[i + 2]) && (x != 0xE0 || y >= 0xA0) && (x != 0xED || y < 0xA0)) {
                        code = (x & 0x0F) << 12 | (y & 0x3F) << 6 | bytes[i + 2] & 0x3F;
                        length = 3;
                    }
                }
            } else if (x >= 0xF0 && x <= 0xF4) {
                if (i + 3 < n) {
                    int y = bytes[i + 1] & 0xFF;
                    if (continues(bytes[i + 1]) && continues(bytes[i + 2]) && continues(bytes[i + 3]) && (x != 0xF0 || y >= 0x90)
                            && (x != 0xF4 || y < 0x90)) {
                        code = (x & 0x07) << 18 | (y & 0x3F) << 12 | (bytes[i + 2] & 0x3F) << 6 | bytes[i + 3] & 0x3F;
                        length = 4;
                    }
                }
            }
            i += length;
            if (code < 0) {
                state = ROOT; // a malformed byte: U+FFFD in the string, a character of no value
                continue;
            }
            if (code > Character.MAX_VALUE) {
                state = step(state, Character.highSurrogate(code));
                if (endsValue(state)) {
                    return true;
                }
                state = step(state, Character.lowSurrogate(code));
            } else {
                state = step(state, (char) code);
            }
            if (endsValue(state)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a value ends in the state or on its failure chain. */
    private boolean endsValue(int state) {
        return output[state] >= 0 || nextOutput[state] >= 0;
    }

    private static boolean continues(byte b) {
        return (b & 0xC0) == 0x80;
    }

    /** The state after reading c in the given state. */
    private int step(int state, char c) {
        if (!inSomeValue[c]) {
            return ROOT; // no value holds it: every failure chain ends at the root, and no value ends there
        }
        while (state != ROOT) {
            int t = next(state, c);
            if (t >= 0) {
                return t;
            }
            state = fail[state];
        }
        return fromRoot[c];
    }

    private int next(int state, char c) {
        long key = key(state, c);
        int slot = slot(key);
        return keys[slot] == key ? targets[slot] : -1;
    }

    /** The key's slot, or the empty slot where it would go. */
    private int slot(long key) {
        int slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
        while (keys[slot] != EMPTY && keys[slot] != key) {
            slot = (slot + 1) & (keys.length - 1);
        }
        return slot;
    }

    private static long key(int state, char c) {
        return (long) state << 16 | c;
    }
}
