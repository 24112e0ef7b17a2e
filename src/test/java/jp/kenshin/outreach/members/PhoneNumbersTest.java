package jp.kenshin.outreach.members;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneNumbersTest {

    private final PhoneNumbers tokyo = new PhoneNumbers(List.of("3"));
    private final PhoneNumbers noRule = new PhoneNumbers(List.of());

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "03-1234-5678|0312345678",
            "０９０（１２３４）５６７８|09012345678",
            "03(1234)5678|0312345678",
            " 080-1234-5678 |08012345678",
            "050-1234-5678|05012345678",
            "0422-12-3456|0422123456",
            "312345678|0312345678"})
    void normalisesUsableNumbersToDigits(String recorded, String expected) {
        assertThat(tokyo.callable(recorded)).contains(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "03-12AB-5678", "03-1234-567", "03-1234-56789", "0901234567", "090-1234-56789", "020-1234-5678",
            "1234567890", "tel 0312345678", "''"})
    void refusesUnusableNumbers(String recorded) {
        assertThat(tokyo.callable(recorded)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"312345678", "612345678"})
    void nineDigitsNeedTheAreaCodeRule(String recorded) {
        assertThat(noRule.callable(recorded)).isEmpty();
        assertThat(tokyo.callable("612345678")).isEmpty();
    }
}
