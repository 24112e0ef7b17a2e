package jp.kenshin.outreach.mailing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CustomerBarcodeTest {

    private static CustomerBarcode.Encoded encode(String postal, String address) {
        return CustomerBarcode.encode(postal, CustomerBarcode.addressNumberPart(address));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            // the published test cases of postcard.md
            "263-0023|千葉市稲毛区緑町3丁目30-8 郵便ビル403号|26300233-30-8-403[CC4][CC4][CC4]|5",
            "110-0016|東京都台東区台東5-6-3 ABCビル10F|11000165-6-3-10[CC4][CC4][CC4][CC4][CC4]|9",
            "623-0011|京都府綾部市青野町綾部6-7 LプラザB106|62300116-7[CC2]1[CC1]1106[CC4][CC4][CC4]|4",
            "014-0113|秋田県大仙市堀見内 南田茂木 添60-1|014011360-1[CC4][CC4][CC4][CC4][CC4][CC4][CC4][CC4][CC4]|CC8"})
    void thePublishedCases(String postal, String address, String data, String check) {
        CustomerBarcode.Encoded encoded = encode(postal, address);
        assertThat(encoded.data()).isEqualTo(data);
        assertThat(encoded.check()).isEqualTo(check);
        assertThat(encoded.bars()).hasSize(67).startsWith("13").endsWith("31");
    }

    @Test
    void kanjiNumeralsBeforeChomeBanchiGoBecomeDigits() {
        assertThat(CustomerBarcode.addressNumber("十一丁目六番地一号")).isEqualTo("11-6-1");
        assertThat(CustomerBarcode.addressNumber("二十三番地")).isEqualTo("23");
        assertThat(CustomerBarcode.kanjiNumber("百五")).isEqualTo(105);
        assertThat(CustomerBarcode.addressNumberPart("東京都豊島区東池袋三丁目1番1号 サンシャイン荘101"))
                .isEqualTo("三丁目1番1号 サンシャイン荘101");
        assertThat(encode("1700013", "東京都豊島区東池袋三丁目1番1号 サンシャイン荘101").data())
                .isEqualTo("17000133-1-1-101[CC4][CC4][CC4][CC4]");
    }

    @Test
    void fullWidthDigitsAndLettersAreTakenAsHalfWidth() {
        assertThat(CustomerBarcode.addressNumber("１－２－３　Ａ棟")).isEqualTo("1-2-3A");
    }

    @Test
    void anAddressWithoutANumberIsAllPadding() {
        CustomerBarcode.Encoded encoded = encode("1000001", "東京都千代田区千代田");
        assertThat(encoded.data()).isEqualTo("1000001" + "[CC4]".repeat(13));
    }

    @Test
    void aLongAddressDetailIsCutAtThirteenAndALetterOnTheLastPlaceKeepsItsCode() {
        CustomerBarcode.Encoded encoded = encode("1700013", "東京都豊島区東池袋1-2-3 メゾン青葉 4-5-6-78 号室Z");
        assertThat(encoded.characters()).hasSize(20);
        assertThat(encoded.data()).isEqualTo("17000131-2-3-4-5-6-7");
        CustomerBarcode.Encoded letterLast = encode("1700013", "1-2-3-4-5-67Z");
        assertThat(letterLast.characters().get(19)).isEqualTo("CC3");
    }

    @Test
    void atTenPointsTheWholeCodeIs79point8Millimetres() {
        CustomerBarcode.Dimensions tenPoints = CustomerBarcode.Dimensions.at(10);
        assertThat(tenPoints.length()).isCloseTo(79.8, within(1e-9));
        assertThat(tenPoints.longBar()).isCloseTo(3.6, within(1e-9));
        assertThat(tenPoints.barWidth()).isCloseTo(0.6, within(1e-9));
    }
}
