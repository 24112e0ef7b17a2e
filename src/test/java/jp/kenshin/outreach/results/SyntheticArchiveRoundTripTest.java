package jp.kenshin.outreach.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jp.kenshin.outreach.fileimport.ZipImportFile;
import jp.kenshin.outreach.synthetic.SyntheticWardCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The synthetic ward's results of this year in the XML form (the CLI's archives) read back by the
 * import's archive reader and document parser: every document of every archive says what the CSV row
 * it was written from says.
 */
class SyntheticArchiveRoundTripTest {

    @Test
    void theArchivesOfTheSyntheticWardReadBackAsTheirCsvRows(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = SyntheticWardCli.run(new String[] {"--members", "3000", "--seed", "7", "--fiscal-year", "2026",
                "--encoding", "UTF-8", "--out", dir.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(status).isZero();

        List<String> lines = Files.readAllLines(dir.resolve("results-2026.csv"), StandardCharsets.UTF_8);
        List<String> header = List.of(lines.get(0).split(",", -1));
        Map<String, String[]> rowByTicket = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",", -1);
            String ticket = fields[header.indexOf("受診券整理番号")];
            if (!ticket.isEmpty()) {
                rowByTicket.put(ticket, fields);
            }
        }
        assertThat(rowByTicket).hasSizeGreaterThan(300);

        List<Path> archives;
        try (Stream<Path> files = Files.list(dir.resolve("results-2026-xml"))) {
            archives = files.sorted().toList();
        }
        assertThat(archives).isNotEmpty().allSatisfy(a ->
                assertThat(a.getFileName().toString()).matches("\\d{10}_00139999_202704150_1\\.zip"));
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("results-2026-xml: " + archives.size() + " archives, " + rowByTicket.size() + " documents");

        CdaResultParser parser = new CdaResultParser();
        List<ResultRow> rows = new ArrayList<>();
        for (Path archive : archives) {
            String sender = archive.getFileName().toString().substring(0, 10);
            try (InputStream in = Files.newInputStream(archive)) {
                new ZipImportFile(new jp.kenshin.outreach.fileimport.ImportProperties(null, null, null).archive()).read(in, ResultsImportService::isCheckupDocument,
                        (ordinal, path, content) -> {
                            String name = path.substring(path.lastIndexOf('/') + 1);
                            assertThat(name).matches("h" + sender + "2027041501\\d{6}\\.xml");
                            CdaResultParser.Parsed parsed = parser.parse(ordinal, name, content);
                            assertThat(parsed.issues()).as(name).isEmpty();
                            assertThat(parsed.row().institutionNo()).isEqualTo(sender);
                            rows.add(parsed.row());
                        });
            }
        }
        assertThat(rows).hasSize(rowByTicket.size());
        for (ResultRow row : rows) {
            String[] csv = rowByTicket.get(row.ticketNumber());
            assertThat(row.resultYear()).isEqualTo(2026);
            assertThat(row.birthDate()).isEqualTo(LocalDate.parse(csv[header.indexOf("生年月日")],
                    java.time.format.DateTimeFormatter.BASIC_ISO_DATE));
            assertThat(row.sex()).isEqualTo(Integer.parseInt(csv[header.indexOf("性別")]));
            assertThat(row.examDate()).isEqualTo(LocalDate.parse(csv[header.indexOf("実施年月日")],
                    java.time.format.DateTimeFormatter.BASIC_ISO_DATE));
            Map<String, String> expected = new LinkedHashMap<>();
            for (String item : ResultColumns.ITEMS) {
                String value = csv[header.indexOf(item)];
                if (!value.isEmpty()) {
                    expected.put(item, new BigDecimal(value).toPlainString());
                }
            }
            assertThat(row.items()).as(row.document()).containsExactlyEntriesOf(expected);
        }
    }
}
