package jp.kenshin.outreach.mailing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The ward as its documents name it: the sender of the postcards and the numbers people call. Until an
 * installation sets them, the values are placeholders ({@code 〇〇区}, {@code 03-0000-0000}) that the proof
 * shows with a 「見本：差出人情報が未設定」 notice and that the proof approval refuses ({@link SenderCheck}).
 * The card texts name them as {@code {wardName}}, {@code {wardDepartment}}, {@code {wardPostalCode}},
 * {@code {wardAddress}}, {@code {wardPhone}}, {@code {deskPhone}} and {@code {deskHours}}.
 */
@ConfigurationProperties("kenshin.ward")
public record WardProperties(String name, String department, String postalCode, String address, String phone,
        String deskPhone, String deskHours) {

    /** A placeholder: empty, 〇〇 (any circle), a phone number of zeros (03-0000-0000) or the postal code 000-0000. */
    private static final Pattern PLACEHOLDER = Pattern.compile(
            "^\\s*$|[〇○◯]{2}|\\d*[-－‐]0{3,4}[-－‐]0{3,4}(?!\\d)|(?<!\\d)000[-－‐]0000(?!\\d)");

    public WardProperties {
        name = name == null ? "〇〇区" : name.strip();
        department = department == null ? "健康推進課 健診係" : department.strip();
        postalCode = postalCode == null ? "000-0000" : postalCode.strip();
        address = address == null ? "東京都〇〇区〇〇一丁目1番1号" : address.strip();
        phone = phone == null ? "03-0000-0000" : phone.strip();
        deskPhone = deskPhone == null ? "0120-000-000" : deskPhone.strip();
        deskHours = deskHours == null ? "平日9時から17時" : deskHours.strip();
    }

    /** Whether a text still holds a placeholder value (〇〇, 03-0000-0000, 000-0000, only zeros, nothing). */
    public static boolean isPlaceholder(String value) {
        return value == null || PLACEHOLDER.matcher(value).find() || value.replaceAll("[^0-9]", "").matches("0{6,}");
    }

    /** The card texts' tokens and their values. */
    public Map<String, String> tokens() {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("{wardName}", name);
        tokens.put("{wardDepartment}", department);
        tokens.put("{wardPostalCode}", postalCode);
        tokens.put("{wardAddress}", address);
        tokens.put("{wardPhone}", phone);
        tokens.put("{deskPhone}", deskPhone);
        tokens.put("{deskHours}", deskHours);
        return tokens;
    }

    /** The text with every token replaced by its value. */
    public String fill(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (Map.Entry<String, String> token : tokens().entrySet()) {
            out = out.replace(token.getKey(), token.getValue());
        }
        return out;
    }

    /** What is still a placeholder among the settings the texts use, as reasons in Japanese naming the setting. */
    public List<String> placeholdersUsedBy(String texts) {
        List<String> reasons = new ArrayList<>();
        check(reasons, texts, "{wardName}", name, "差出人の区の名前（kenshin.ward.name）");
        check(reasons, texts, "{wardDepartment}", department, "差出人の担当課（kenshin.ward.department）");
        check(reasons, texts, "{wardPostalCode}", postalCode, "差出人の郵便番号（kenshin.ward.postal-code）");
        check(reasons, texts, "{wardAddress}", address, "差出人の住所（kenshin.ward.address）");
        check(reasons, texts, "{wardPhone}", phone, "区の電話番号（kenshin.ward.phone）");
        check(reasons, texts, "{deskPhone}", deskPhone, "問い合わせ窓口の電話番号（kenshin.ward.desk-phone）");
        check(reasons, texts, "{deskHours}", deskHours, "問い合わせ窓口の受付時間（kenshin.ward.desk-hours）");
        return reasons;
    }

    private static void check(List<String> reasons, String texts, String token, String value, String setting) {
        if (texts.contains(token) && isPlaceholder(value)) {
            reasons.add(setting + "が仮の値のままです");
        }
    }
}
