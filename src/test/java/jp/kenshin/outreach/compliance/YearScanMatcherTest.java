package jp.kenshin.outreach.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scan's one matcher: values inside longer texts and bytes, numbers not inside longer numbers, short values whole. */
class YearScanMatcherTest {

    private final YearScan.Matcher matcher = new YearScan.Matcher(
            List.of("山田 太郎", "ヤマダ タロウ", "1000001", "03-1234-5678", "林一", "1960-04-02", " "));

    /**
     * A short value is found in bytes only as their whole, blanks around it aside (the ideographic space included), and
     * random bytes (a keyed hash) are never one, however they decode.
     */
    @Test
    void findsAShortValueInBytesOnlyAsTheirWhole() {
        YearScan.Matcher shortOnes = new YearScan.Matcher(List.of("林一", "AB", "山田 太郎"));
        assertThat(shortOnes.matchesBytes("林一".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(shortOnes.matchesBytes("\u3000 林一\t\u3000".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(shortOnes.matchesBytes(" AB \n".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(shortOnes.matchesBytes("ABC".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(shortOnes.matchesBytes("林一郎".getBytes(StandardCharsets.UTF_8))).isFalse();
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < 20_000; i++) {
            byte[] hash = new byte[1 + random.nextInt(63)];
            random.nextBytes(hash);
            String decoded = new String(hash, StandardCharsets.UTF_8).strip();
            assertThat(shortOnes.matchesBytes(hash)).isEqualTo(decoded.equals("林一") || decoded.equals("AB")
                    || decoded.contains("山田 太郎"));
        }
    }

    /** A text column read from the copy's bytes says what its string says, texts of values, numbers and blanks. */
    @Test
    void aTextColumnsBytesMatchAsItsString() {
        java.util.Random random = new java.util.Random(3);
        String[] pieces = {"山田 太郎", "林一", "1000001", "03-1234-5678", "1960-04-02", " ", "\u3000", "9", "-", "a", "田", "様",
            "0", "\t", "19600402", "ff"};
        int found = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int part = random.nextInt(6); part > 0; part--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String value = text.toString();
            boolean expected = matcher.matchesText(value);
            assertThat(matcher.matchesUtf8Text(value.getBytes(StandardCharsets.UTF_8))).as(value).isEqualTo(expected);
            found += expected ? 1 : 0;
        }
        assertThat(found).isBetween(1_000, 19_000);
    }

    @Test
    void findsAValueInsideALongerTextAndInBytes() {
        assertThat(matcher.matchesText("メモ：山田 太郎様、夕方なら在宅")).isTrue();
        assertThat(matcher.matchesText("{\"name\":\"ヤマダ タロウ\"}")).isTrue();
        assertThat(matcher.matchesText("電話 03-1234-5678 まで")).isTrue();
        assertThat(matcher.matchesBytes("<note>山田 太郎</note>".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(matcher.matchesBytes("born 1960-04-02".getBytes(StandardCharsets.UTF_8))).isTrue();
        byte[] name = "山田 太郎".getBytes(StandardCharsets.UTF_8);
        byte[] binary = new byte[name.length + 6];
        binary[0] = (byte) 0xE3; // a broken sequence right before the value: the decoder picks up again at the value
        binary[1] = 0;
        binary[2] = (byte) 0xFF;
        System.arraycopy(name, 0, binary, 3, name.length);
        binary[binary.length - 1] = (byte) 0xC3;
        assertThat(matcher.matchesBytes(binary)).as("text inside binary data").isTrue();
        assertThat(matcher.matchesText("山田 次郎")).isFalse();
        assertThat(matcher.matchesText(null)).isFalse();
        assertThat(matcher.matchesBytes(new byte[0])).isFalse();
    }

    @Test
    void aNumberCountsOnlyWhereNoDigitStandsBesideIt() {
        assertThat(matcher.matchesText("〒1000001 東京都")).isTrue();
        assertThat(matcher.matchesText("CC2131N10000019")).as("inside a longer number: an id, not a postal code").isFalse();
        assertThat(matcher.matchesText("a1000001b")).isTrue();
    }

    @Test
    void aNumberInsideADigestOrSignatureIsNotAValue() {
        // the audit log's hash, prev_hash and signature: 64 hexadecimal characters that may hold any run of digits
        String signature = "3fa9c0e4b71d2a" + "1000001" + "c9e8d7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f";
        assertThat(signature).hasSize(64).matches("[0-9a-f]{64}");
        assertThat(matcher.matchesText(signature)).isFalse();
        assertThat(matcher.matchesBytes(signature.getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(matcher.matchesText("sha256 " + signature.substring(0, 31) + " 〒1000001")).as("beside a shorter hex run").isTrue();
        assertThat(matcher.matchesText(signature.substring(0, 14) + "-1000001-" + signature.substring(21)))
                .as("set apart from the digest by a separator: a value").isTrue();
        assertThat(matcher.matchesText(signature.replace("1000001", "山田 太郎"))).as("a name inside a digest is no digest").isTrue();
    }

    @Test
    void aNumberInsideAnEngineIdIsNotAValue() {
        // the engine's ids are UUIDs; about one in 40 starts with eight digits
        assertThat(matcher.matchesText("a1000001-3fa9-11ef-9c0e-0242ac120002")).isFalse();
        assertThat(matcher.matchesText("ProcessInstance[1000001a-3fa9-11ef-9c0e-0242ac120002]")).isFalse();
        assertThat(matcher.matchesText("1960-04-02")).as("a birth date is still a birth date").isTrue();
        assertThat(matcher.matchesText("id 3fa9c0e4-1000001-1ef9")).as("not a UUID: a value").isTrue();
    }

    @Test
    void aShortValueIsFoundOnlyAsTheWholeValue() {
        assertThat(matcher.matchesText("林一")).isTrue();
        assertThat(matcher.matchesText("小林一茶の句")).isFalse();
        assertThat(matcher.size()).isEqualTo(6);
    }

    @Test
    void aValueThatIsTheWholeColumnValueIsFoundEvenWhereItsDigitsWouldReadAsADigest() {
        String longNumber = "12345678901234567890123456789012"; // 32 digits: inside a longer text, a digest's run
        YearScan.Matcher digits = new YearScan.Matcher(List.of(longNumber, "山田 太郎"));
        assertThat(digits.matchesText("  " + longNumber + "\t")).as("the whole value, blanks around it").isTrue();
        assertThat(digits.matchesBytes((" " + longNumber).getBytes(StandardCharsets.US_ASCII))).isTrue();
        assertThat(digits.matchesText("hash " + longNumber)).as("a run of 32 hex characters in a text").isFalse();
        assertThat(digits.matchesText(" 山田 太郎 ")).isTrue();
        assertThat(digits.matchesText("山田")).isFalse();
    }

    @Test
    void gatheredValuesWithRepeatsAndBlanksAreEachKeptOnce() {
        YearScan.Matcher.Values values = new YearScan.Matcher.Values();
        List<String> distinct = new ArrayList<>();
        for (int i = 0; i < 60_000; i++) {
            distinct.add("住所" + (i * 7919 % 60_000) + "番地");
        }
        distinct.add("林一");
        for (String value : distinct) {
            values.accept(value);
            values.accept(" " + value + " "); // the same value again, as a second member's address, unstripped
        }
        values.accept("  ");
        values.accept(null);
        assertThat(values.given()).isEqualTo(2L * distinct.size());
        YearScan.Matcher matcher = new YearScan.Matcher(values);
        assertThat(matcher.size()).isEqualTo(distinct.size());
        for (String value : distinct) {
            assertThat(matcher.matchesText("〒 " + value)).as(value).isEqualTo(value.length() >= YearScan.MIN_CONTAINED_LENGTH);
            assertThat(matcher.matchesText(value)).isTrue();
        }
        assertThat(matcher.matchesText("住所60000番地")).isFalse();
    }

    @Test
    void valuesGivenFromTwoThreadsAtOnceAreEachKeptOnceAndEachCounted() throws Exception {
        // the door reads the year's members in two halves side by side; a household's address comes from both
        YearScan.Matcher.Values values = new YearScan.Matcher.Values();
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        Runnable half = () -> {
            try {
                start.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            for (int i = 0; i < 200_000; i++) {
                values.accept("東京都区内" + (i % 50_000) + "番地");
            }
        };
        Thread first = new Thread(half);
        Thread second = new Thread(half);
        first.start();
        second.start();
        start.countDown();
        first.join();
        second.join();
        assertThat(values.given()).isEqualTo(400_000L);
        YearScan.Matcher matcher = new YearScan.Matcher(values);
        assertThat(matcher.size()).isEqualTo(50_000);
        assertThat(matcher.matchesText("〒 東京都区内49999番地")).isTrue();
    }

    @Test
    void costGrowsWithTheTextNotWithTextTimesValues() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            many.add("氏名" + i + "番");
        }
        YearScan.Matcher big = new YearScan.Matcher(many);
        String text = "x".repeat(1_000) + "氏名199999番";
        long t0 = System.nanoTime();
        for (int i = 0; i < 2_000; i++) {
            assertThat(big.matchesText(text)).isTrue();
        }
        // 2,000 texts of 1 kB against 200,000 values: a nested loop would compare 4e8 times a kilobyte
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(5);
    }

    @org.junit.jupiter.api.Test
    void theShippedProcessFilesAreNotDataButAnyOtherDeployedResourceIs() throws Exception {
        byte[] shipped;
        try (var in = getClass().getClassLoader().getResourceAsStream("bpmn/card-variant.dmn")) {
            shipped = in.readAllBytes();
        }
        // DMN's namespace holds 20191111, the birth date of a child born that day
        assertThat(new String(shipped, java.nio.charset.StandardCharsets.UTF_8)).contains("20191111");
        assertThat(new YearScan.Matcher(List.of("20191111")).matchesBytes(shipped)).isTrue();
        YearScan.ShippedResources scan = new YearScan.ShippedResources();
        assertThat(scan.contains("bpmn/card-variant.dmn", shipped)).isTrue();
        byte[] altered = java.util.Arrays.copyOf(shipped, shipped.length + 1);
        assertThat(scan.contains("bpmn/card-variant.dmn", altered)).as("a changed file is scanned").isFalse();
        assertThat(scan.contains("uploaded/card-variant.dmn", shipped)).as("another name is scanned").isFalse();
        assertThat(scan.contains("bpmn/../application.yml", shipped)).isFalse();
        // one row per deployment holds the file: the classpath is read once per name within a scan
        for (int row = 0; row < 1000; row++) {
            assertThat(scan.contains("bpmn/card-variant.dmn", shipped)).isTrue();
        }
        assertThat(scan.namesRead()).isEqualTo(1);
    }

    @Test
    void theValuesAreSortedOnTwoThreadsAsOneThreadSortsThem() {
        // a ward's size of values, above the size sorted on one thread, with repeats of prefixes and odd lengths
        java.util.Random random = new java.util.Random(7);
        String[] values = new String[YearScan.Matcher.Values.TWO_THREAD_SORT * 2 + 3];
        for (int i = 0; i < values.length; i++) {
            values[i] = Integer.toString(random.nextInt(1_000_000)) + (i % 3 == 0 ? "丁目" : "") + i;
        }
        String[] expected = values.clone();
        java.util.Arrays.sort(expected);

        YearScan.Matcher.Values.sortOnTwoThreads(values);

        assertThat(values).containsExactly(expected);
    }
}
