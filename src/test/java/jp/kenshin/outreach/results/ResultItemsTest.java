package jp.kenshin.outreach.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ResultItemsTest {

    /** The stored form as the analysis reads it back: lines of name=value in UTF-8, in the items' order. */
    private static byte[] asText(Map<String, String> items) {
        StringBuilder text = new StringBuilder();
        items.forEach((name, value) -> text.append(name).append('=').append(value).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void itemsAreStoredAsLinesOfNameAndValueInUtf8() {
        Map<String, String> items = new LinkedHashMap<>();
        items.put("身長", "170.1");
        items.put("HbA1c", "5.60");
        assertThat(new String(ResultsImportService.serialize(items), StandardCharsets.UTF_8)).isEqualTo("身長=170.1\nHbA1c=5.60\n");
        assertThat(ResultsImportService.serialize(Map.of())).isEmpty();
    }

    @Test
    void anyItemsOfAnyLengthGiveTheSameBytesAsTheirText() {
        Random random = new Random(20261201);
        String[] names = ResultColumns.ITEMS.toArray(new String[0]);
        for (int n = 0; n < 20_000; n++) {
            Map<String, String> items = new LinkedHashMap<>();
            int count = random.nextInt(names.length + 3);
            for (int i = 0; i < count; i++) {
                String name = random.nextInt(5) == 0 ? "項目" + random.nextInt(100) : names[random.nextInt(names.length)];
                StringBuilder value = new StringBuilder();
                for (int c = random.nextInt(40); c > 0; c--) {
                    value.append(random.nextInt(10) == 0 ? "陽性＋" : Integer.toString(random.nextInt(10)));
                }
                items.put(name, value.toString());
            }
            assertThat(ResultsImportService.serialize(items)).isEqualTo(asText(items));
        }
    }
}
