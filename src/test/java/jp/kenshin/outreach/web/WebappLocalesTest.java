package jp.kenshin.outreach.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The webapps' Japanese locale files against the English ones of the Camunda version on the class path: every key
 * translated (an upgrade that adds keys fails here), the placeholders kept, the text Japanese, and Japanese the only
 * locale the app offers.
 */
class WebappLocalesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The scripts every webapp shares, served at /camunda/app/kenshin/. */
    private static final String SHARED = "META-INF/resources/webjars/camunda/app/kenshin/";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*(\\w+)\\s*\\}\\}");
    private static final Pattern JAPANESE = Pattern.compile("[\\p{IsHiragana}\\p{IsKatakana}\\p{IsHan}～]");
    /** Values that stay as they are in Japanese too (symbols, file formats, product names). */
    private static final Set<String> UNCHANGED = Set.of("", "<", "<=", ">", ">=", "OK", " OK", "ID", "null", "<null>",
            "<undefined>", "ID*", "CSV", "JSON", "Optimize", "requestPayload", "YYYY-MM-DDTHH:mm:ss");

    @ParameterizedTest
    @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
    void everyLabelOfTheWebappIsInJapanese(String app) throws IOException {
        JsonNode english = read("META-INF/resources/webjars/camunda/app/" + app + "/locales/en.json", true);
        JsonNode japanese = read("META-INF/resources/webjars/camunda/app/" + app + "/locales/ja.json", false);
        Set<String> englishKeys = new TreeSet<>();
        english.get("labels").fieldNames().forEachRemaining(englishKeys::add);
        Set<String> japaneseKeys = new TreeSet<>();
        japanese.get("labels").fieldNames().forEachRemaining(japaneseKeys::add);
        assertThat(japaneseKeys).isEqualTo(englishKeys);

        List<String> notJapanese = new ArrayList<>();
        List<String> placeholders = new ArrayList<>();
        for (String key : englishKeys) {
            String en = english.get("labels").get(key).asText();
            String ja = japanese.get("labels").get(key).asText();
            if (!key.equals("BANNER_CE_EOL_TEXT") && !UNCHANGED.contains(ja.strip()) && !JAPANESE.matcher(ja).find()) {
                notJapanese.add(key + "=" + ja);
            }
            if (!key.equals("AUTH_LOGOUT_THANKS") && !names(en).equals(names(ja))) {
                placeholders.add(key);
            }
        }
        assertThat(notJapanese).as("labels not in Japanese").isEmpty();
        assertThat(placeholders).as("labels whose {{placeholders}} differ from the English").isEmpty();
        assertThat(japanese.get("labels").get("BANNER_CE_EOL_TEXT").asText()).isEmpty();
        if (english.has("dateLocales")) {
            assertThat(japanese.at("/dateLocales/longDateFormat/L").asText()).isEqualTo("YYYY/MM/DD");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
    void japaneseIsTheOnlyLocaleAndTheBannerIsHidden(String app) throws IOException {
        // each webapp's config.js takes what they share from the one kenshin-config.js (a path its import resolves:
        // config.js is at /camunda/app/<webapp>/scripts/, the shared folder at /camunda/app/kenshin/)
        String config = text("META-INF/resources/webjars/camunda/app/" + app + "/scripts/config.js");
        assertThat(config).contains("import { webappConfig } from '../../kenshin/kenshin-config.js';")
                .contains("export default webappConfig(");
        String shared = text(SHARED + "kenshin-config.js");
        assertThat(shared).contains("availableLocales: ['ja']").contains("fallbackLocale: 'ja'")
                .contains("customScripts: ['../kenshin/kenshin-ja', ...scripts]");
        if (app.equals("tasklist") || app.equals("cockpit")) {
            // the year's dashboard is one click away in both: the one script holds a plugin for each header
            assertThat(config).contains("scripts: ['../kenshin/kenshin-dashboard-link'");
            assertThat(text(SHARED + "kenshin-dashboard-link.js")).contains("/dashboard.html")
                    .contains(app.equals("tasklist") ? "pluginPoint: 'tasklist.navbar.action'" : "pluginPoint: 'cockpit.navigation'");
        } else {
            assertThat(config).doesNotContain("kenshin-dashboard-link");
        }
        // the auditors' page is linked from Tasklist only (auditors have no Cockpit), by the same header-links script
        if (app.equals("tasklist")) {
            assertThat(text(SHARED + "kenshin-dashboard-link.js")).contains("/audit.html")
                    .contains("{ id: 'kenshin-audit-link', pluginPoint: 'tasklist.navbar.action'");
        }
        assertThat(text("META-INF/resources/webjars/camunda/app/" + app + "/styles/user-styles.css"))
                .contains(".ce-eol-banner").contains("display: none");
        // customScripts are loaded from /camunda/app/<webapp>/: '../kenshin/kenshin-ja' is the one shared file
        assertThat(text(SHARED + "kenshin-ja.js")).contains("lang', 'ja'");
        assertThat(WebappLocalesTest.class.getClassLoader().getResource("META-INF/resources/webjars/camunda/app/" + app
                + "/scripts/kenshin-ja.js")).as("no copy of kenshin-ja.js in " + app).isNull();
    }

    private static List<String> names(String text) {
        List<String> names = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        Collections.sort(names);
        return names;
    }

    /** The webjar's English file, or the application's own override (first on the class path). */
    private static JsonNode read(String path, boolean fromTheWebjar) throws IOException {
        URL url = null;
        for (URL candidate : Collections.list(WebappLocalesTest.class.getClassLoader().getResources(path))) {
            if (candidate.toString().contains("camunda-webapp-webjar") == fromTheWebjar) {
                url = candidate;
                break;
            }
        }
        assertThat(url).as(path + (fromTheWebjar ? " in the webjar" : " of the application")).isNotNull();
        try (InputStream in = url.openStream()) {
            String json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return JSON.readTree(json.startsWith("\uFEFF") ? json.substring(1) : json);
        }
    }

    private static String text(String path) throws IOException {
        try (InputStream in = WebappLocalesTest.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
