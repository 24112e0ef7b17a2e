package jp.kenshin.outreach.fileimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * {@link CsvImportFile} splits fields itself; it must read every file as Apache Commons CSV's RFC 4180 format did
 * when the import used it: the same rows with the same fields and lines, and a refusal where Commons CSV failed.
 */
class CsvSyntaxTest {

    private static final int COLUMNS = 6;
    private static final List<String> HEADER = IntStream.range(0, COLUMNS).mapToObj(i -> "c" + i).toList();
    private static final ColumnSet COLUMN_SET = new ColumnSet(Set.copyOf(HEADER), List.of(), List.of(), Set.of());
    /** Small pieces that make every case of the syntax likely: quotes, doubled quotes, each line break, white space. */
    private static final String[] PIECES = {"a", "あ", "髙", ",", ",", "\"", "\"\"", "\r\n", "\n", "\r", " ", "\t", "x y", "\"q\"", "1"};

    @Test
    void readsTwentyThousandRandomFilesAsCommonsCsvDid() {
        Random random = new Random(20261201);
        int refusedByBoth = 0;
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder(String.join(",", HEADER)).append(random.nextBoolean() ? "\r\n" : "\n");
            int pieces = random.nextInt(40);
            for (int i = 0; i < pieces; i++) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
            String file = text.toString();
            List<String> expected = commonsCsv(file);
            List<String> actual = ours(file);
            assertThat(actual).as("file %s", file.replace("\r", "\\r").replace("\n", "\\n")).isEqualTo(expected);
            if (expected.equals(List.of("refused"))) {
                refusedByBoth++;
            }
        }
        // both kinds of files were drawn: a test of only good (or only bad) files would prove little
        assertThat(refusedByBoth).isBetween(1_000, 19_000);
    }

    @Test
    void readsLargeFilesAcrossEveryBufferBoundaryAsCommonsCsvDid() {
        // files of well-formed rows, large enough that line breaks, doubled quotes and characters of several bytes
        // fall on the edges of the reader's 64 KiB buffers
        Random random = new Random(1201);
        String[] plain = {"a", "あ", "髙", " ", "\t", "x\"y", "1234567890"};
        String[] quoted = {"a", "あ", ",", "\"\"", "\r\n", "\n", "\r", " "};
        for (int n = 0; n < 30; n++) {
            StringBuilder text = new StringBuilder(String.join(",", HEADER)).append("\r\n");
            while (text.length() < 150_000) {
                int fields = 1 + random.nextInt(COLUMNS + 2);
                for (int f = 0; f < fields; f++) {
                    if (f > 0) {
                        text.append(',');
                    }
                    boolean inQuotes = random.nextInt(3) == 0;
                    String[] pieces = inQuotes ? quoted : plain;
                    text.append(inQuotes ? "\"" : "");
                    for (int i = random.nextInt(12); i > 0; i--) {
                        text.append(pieces[random.nextInt(pieces.length)]);
                    }
                    text.append(inQuotes ? "\"" + (random.nextInt(4) == 0 ? " " : "") : "");
                }
                text.append(random.nextInt(5) == 0 ? "\n" : random.nextInt(5) == 0 ? "\r" : "\r\n");
            }
            String file = text.toString();
            List<String> expected = commonsCsv(file);
            assertThat(expected).hasSizeGreaterThan(1_000);
            assertThat(ours(file)).isEqualTo(expected);
        }
    }

    /** The rows as the import read them with Commons CSV (line, then fields), blank lines left out; or "refused". */
    private static List<String> commonsCsv(String file) {
        List<String> rows = new ArrayList<>();
        try (CSVParser parser = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get().parse(new StringReader(file))) {
            long lastEndLine = 0;
            boolean header = true;
            for (CSVRecord record : parser) {
                long line = lastEndLine + 1;
                lastEndLine = parser.getCurrentLineNumber();
                if (header) {
                    header = false;
                    continue;
                }
                if (record.size() == 1 && record.get(0).isBlank()) {
                    continue;
                }
                rows.add(line + ":" + String.join("|", record.toList()));
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            return List.of("refused");
        }
        return rows;
    }

    private static List<String> ours(String file) {
        List<String> rows = new ArrayList<>();
        try (CsvImportFile csv = CsvImportFile.open(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8,
                COLUMN_SET)) {
            for (CsvImportFile.Row row : csv) {
                rows.add(row.line() + ":" + String.join("|", row.fields()));
            }
        } catch (FileRefusedException e) {
            return List.of("refused");
        }
        return rows;
    }
}
