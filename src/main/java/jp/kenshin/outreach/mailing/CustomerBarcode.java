package jp.kenshin.outreach.mailing;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The customer barcode (カスタマバーコード) of Japan Post for bulk mail, from the specification in
 * shared/formats/postcard.md: 7 digits of postal code and 13 characters of address number, a check
 * character, framed by start and stop codes (67 bars).
 *
 * <p>Bars: 1 long, 2 upper half, 3 lower half, 4 timing.
 */
public final class CustomerBarcode {

    /** The 21 characters of data and check, each a digit, '-', or a control code "CC1".."CC8". */
    public record Encoded(List<String> characters, String check, String bars) {

        /** The 20 data characters joined, control codes in brackets, e.g. 26300233-30-8-403[CC4][CC4][CC4]. */
        public String data() {
            StringBuilder out = new StringBuilder();
            for (String c : characters) {
                out.append(c.length() == 1 ? c : "[" + c + "]");
            }
            return out.toString();
        }
    }

    private static final Map<String, String> BARS = Map.ofEntries(
            Map.entry("1", "114"), Map.entry("2", "132"), Map.entry("3", "312"), Map.entry("4", "123"),
            Map.entry("5", "141"), Map.entry("6", "321"), Map.entry("7", "214"), Map.entry("8", "231"),
            Map.entry("9", "411"), Map.entry("0", "144"), Map.entry("-", "414"),
            Map.entry("CC1", "324"), Map.entry("CC2", "342"), Map.entry("CC3", "234"), Map.entry("CC4", "432"),
            Map.entry("CC5", "243"), Map.entry("CC6", "423"), Map.entry("CC7", "441"), Map.entry("CC8", "111"));
    private static final String START = "13";
    private static final String STOP = "31";

    private static final String MARKERS = "丁目|丁|番地|番|号|地割|線|の|ノ";
    private static final Pattern KANJI_NUMBER_BEFORE_MARKER = Pattern.compile("([〇一二三四五六七八九十百千]+)(?=" + MARKERS + ")");
    private static final Pattern FIRST_NUMBER = Pattern.compile("[0-9０-９]|[〇一二三四五六七八九十百千]+(?=" + MARKERS + ")");

    private CustomerBarcode() {
    }

    /**
     * The part of an address from its first house number on (the part after the town name the postal
     * code covers), when the town name is not known separately: from the first digit, or the first kanji
     * numeral followed by 丁目, 番地 and the like. Empty when the address has no number.
     */
    public static String addressNumberPart(String address) {
        Matcher m = FIRST_NUMBER.matcher(address);
        return m.find() ? address.substring(m.start()) : "";
    }

    /** Encodes a postal code (7 digits, a hyphen allowed) and the address part after the town name (with 方書). */
    public static Encoded encode(String postalCode, String addressAfterTown) {
        String postal = postalCode.replace("-", "").replace("－", "");
        if (!postal.matches("[0-9]{7}")) {
            throw new IllegalArgumentException("郵便番号は7桁の数字です");
        }
        List<String> characters = new ArrayList<>();
        for (char c : postal.toCharArray()) {
            characters.add(String.valueOf(c));
        }
        List<String> address = new ArrayList<>();
        for (char c : addressNumber(addressAfterTown).toCharArray()) {
            if (c >= 'A' && c <= 'Z') {
                int index = c - 'A';
                address.add(index < 10 ? "CC1" : index < 20 ? "CC2" : "CC3");
                address.add(String.valueOf(index % 10));
            } else {
                address.add(String.valueOf(c));
            }
        }
        if (address.size() > 13) {
            address = new ArrayList<>(address.subList(0, 13)); // a letter's code on the 13th place keeps its code, drops its digit
        }
        while (address.size() < 13) {
            address.add("CC4");
        }
        characters.addAll(address);
        int sum = 0;
        for (String c : characters) {
            sum += value(c);
        }
        String check = character((19 - sum % 19) % 19);
        StringBuilder bars = new StringBuilder(START);
        for (String c : characters) {
            bars.append(BARS.get(c));
        }
        bars.append(BARS.get(check)).append(STOP);
        return new Encoded(List.copyOf(characters), check, bars.toString());
    }

    /** The address number of the rules: digits, hyphens and single letters, e.g. 十一丁目六番地一号 → 11-6-1. */
    static String addressNumber(String source) {
        String text = Normalizer.normalize(source, Normalizer.Form.NFKC).toUpperCase();
        text = text.replaceAll("[&/・.]", "");
        Matcher kanji = KANJI_NUMBER_BEFORE_MARKER.matcher(text);
        StringBuilder converted = new StringBuilder();
        while (kanji.find()) {
            kanji.appendReplacement(converted, Integer.toString(kanjiNumber(kanji.group(1))));
        }
        kanji.appendTail(converted);
        text = converted.toString();
        // F after digits is a floor: dropped at the end, a hyphen inside
        text = text.replaceAll("(?<=[0-9])F$", "").replaceAll("(?<=[0-9])F", "-");
        // keep digits, hyphens and single letters; every other run becomes one hyphen
        StringBuilder kept = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9' || c == '-') {
                kept.append(c);
                i++;
            } else if (c >= 'A' && c <= 'Z' && !isLetter(text, i - 1) && !isLetter(text, i + 1)) {
                kept.append(c);
                i++;
            } else {
                int j = i;
                while (j < text.length() && !isKept(text, j)) {
                    j++;
                }
                kept.append('-');
                i = Math.max(j, i + 1);
            }
        }
        String number = kept.toString()
                .replaceAll("-+(?=[A-Z])", "").replaceAll("(?<=[A-Z])-+", "")
                .replaceAll("-{2,}", "-").replaceAll("^-+|-+$", "");
        return number;
    }

    private static boolean isKept(String text, int i) {
        char c = text.charAt(i);
        return c >= '0' && c <= '9' || c == '-' || c >= 'A' && c <= 'Z' && !isLetter(text, i - 1) && !isLetter(text, i + 1);
    }

    private static boolean isLetter(String text, int i) {
        return i >= 0 && i < text.length() && text.charAt(i) >= 'A' && text.charAt(i) <= 'Z';
    }

    static int kanjiNumber(String kanji) {
        int total = 0;
        int current = 0;
        for (char c : kanji.toCharArray()) {
            int digit = "〇一二三四五六七八九".indexOf(c);
            if (digit >= 0) {
                current = current * 10 + digit;
            } else {
                int unit = c == '十' ? 10 : c == '百' ? 100 : 1000;
                total += (current == 0 ? 1 : current) * unit;
                current = 0;
            }
        }
        return total + current;
    }

    private static int value(String c) {
        if (c.length() == 1) {
            return c.equals("-") ? 10 : c.charAt(0) - '0';
        }
        return 10 + (c.charAt(2) - '0');
    }

    private static String character(int value) {
        return value < 10 ? Integer.toString(value) : value == 10 ? "-" : "CC" + (value - 10);
    }

    /** Bar dimensions in millimetres at a point size between 8 and 11.5: long bar, timing bar, pitch, width, total length. */
    public record Dimensions(double longBar, double timingBar, double pitch, double barWidth, double length) {
        public static Dimensions at(double points) {
            if (points < 8 || points > 11.5) {
                throw new IllegalArgumentException("The point size must be between 8 and 11.5");
            }
            double unit = points / 10;
            return new Dimensions(3.6 * unit, 1.2 * unit, 1.2 * unit, 0.6 * unit, (66 * 1.2 + 0.6) * unit);
        }
    }
}
