package jp.kenshin.outreach.mailing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The ward's settings: placeholders until set, named by their setting. */
class WardPropertiesTest {

    private static final String SENDER = "〒{wardPostalCode}　{wardAddress}　{wardName} {wardDepartment}　電話 {wardPhone}";

    @Test
    void unsetSettingsArePlaceholdersNamedByTheirSetting() {
        WardProperties unset = new WardProperties(null, null, null, null, null, null, null);
        assertThat(unset.placeholdersUsedBy(SENDER)).containsExactly(
                "差出人の区の名前（kenshin.ward.name）が仮の値のままです",
                "差出人の郵便番号（kenshin.ward.postal-code）が仮の値のままです",
                "差出人の住所（kenshin.ward.address）が仮の値のままです",
                "区の電話番号（kenshin.ward.phone）が仮の値のままです");
        assertThat(unset.placeholdersUsedBy("お問い合わせ {deskPhone}")).containsExactly(
                "問い合わせ窓口の電話番号（kenshin.ward.desk-phone）が仮の値のままです");
        assertThat(unset.placeholdersUsedBy("区からのお知らせ")).isEmpty();
    }

    @Test
    void realValuesPassAndFillTheTokens() {
        WardProperties ward = new WardProperties("みなと台区", "健康推進課", "170-8422", "東京都みなと台区南池袋二丁目45番1号",
                "03-5555-0140", "0120-555-014", "平日9時から17時");
        assertThat(ward.placeholdersUsedBy(SENDER)).isEmpty();
        assertThat(ward.fill(SENDER)).isEqualTo("〒170-8422　東京都みなと台区南池袋二丁目45番1号　みなと台区 健康推進課　電話 03-5555-0140");
    }

    @Test
    void placeholdersAreRecognisedInTypedTexts() {
        assertThat(WardProperties.isPlaceholder("東京都○○区南池袋")).isTrue();
        assertThat(WardProperties.isPlaceholder("電話 03-0000-0000")).isTrue();
        assertThat(WardProperties.isPlaceholder("0120-000-000")).isTrue();
        assertThat(WardProperties.isPlaceholder("〒000-0000")).isTrue();
        assertThat(WardProperties.isPlaceholder(" ")).isTrue();
        assertThat(WardProperties.isPlaceholder("電話 03-3981-1111")).isFalse();
        assertThat(WardProperties.isPlaceholder("〒170-8422")).isFalse();
    }
}
