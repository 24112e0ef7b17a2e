package jp.kenshin.outreach.fileimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TextTest {

    /** The rule as first written: a regular expression on the normalised text, then BigDecimal's plain form. */
    private static final Pattern RULE = Pattern.compile(
            "\\d{1," + Text.MAX_INTEGER_DIGITS + "}(\\.\\d{1," + Text.MAX_FRACTION_DIGITS + "})?");

    private static String byTheRule(String value) {
        if (value == null || value.length() > 3 * (Text.MAX_INTEGER_DIGITS + Text.MAX_FRACTION_DIGITS + 1)) {
            return null;
        }
        String text = Text.halfWidthAscii(Text.number(value));
        return RULE.matcher(text).matches() ? new BigDecimal(text).toPlainString() : null;
    }

    @Test
    void resultValuesAreReadAsTheClerkWroteThemWithoutLeadingZeros() {
        assertThat(Text.decimal("170.1")).isEqualTo("170.1");
        assertThat(Text.decimal(" 5.60 ")).isEqualTo("5.60");
        assertThat(Text.decimal("0120")).isEqualTo("120");
        assertThat(Text.decimal("00.5")).isEqualTo("0.5");
        assertThat(Text.decimal("000")).isEqualTo("0");
        assertThat(Text.decimal("１２０．５")).isEqualTo("120.5");
        assertThat(Text.decimal("99999.999")).isEqualTo("99999.999");
    }

    @Test
    void anythingElseIsNotAResultValue() {
        for (String bad : new String[] {"", " ", ".", "5.", ".5", "1.2.3", "-1", "+1", "1E3", "123456", "1.2345", "1,5", "５ ５",
                "1" + "0".repeat(1_000_000), "NaN"}) {
            assertThat(Text.decimal(bad)).as(bad.length() > 20 ? bad.length() + " characters" : bad).isNull();
        }
        assertThat(Text.decimal(null)).isNull();
    }

    @Test
    void agreesWithTheRegularExpressionAndBigDecimalOnAMillionRandomValues() {
        String alphabet = "0123456789..０５９ 　-+Ee,a";
        Random random = new Random(20261201);
        for (int n = 0; n < 1_000_000; n++) {
            StringBuilder value = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                value.append(i > 0 && random.nextInt(3) > 0 ? (char) ('0' + random.nextInt(10))
                        : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = value.toString();
            assertThat(Text.decimal(text)).as("[%s]", text).isEqualTo(byTheRule(text));
        }
    }

    @Test
    void aDateIsReadAsTheCalendarHasIt() {
        java.time.format.DateTimeFormatter basic = java.time.format.DateTimeFormatter.BASIC_ISO_DATE;
        for (java.time.LocalDate day = java.time.LocalDate.of(1900, 1, 1); day.getYear() < 2100; day = day.plusDays(1)) {
            assertThat(Text.yyyymmdd(day.format(basic))).isEqualTo(day);
        }
        for (String bad : new String[] {"20230229", "20231301", "20230132", "20230000", "20230431", "2023011", "202301011",
                "2023-1-1", "2O230101", "１２３４５６７８", ""}) {
            assertThat(Text.yyyymmdd(bad)).as(bad).isNull();
        }
        assertThat(Text.yyyymmdd("20240229")).isEqualTo(java.time.LocalDate.of(2024, 2, 29));
    }
}
