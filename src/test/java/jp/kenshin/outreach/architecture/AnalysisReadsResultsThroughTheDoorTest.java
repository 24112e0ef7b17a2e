package jp.kenshin.outreach.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The effect analysis reads checkup results (健診結果, a field of the ANALYSIS purpose) only through the door
 * ({@code PersonalDataService.attendanceForAnalysis}): no class of the analysis package names the table.
 */
class AnalysisReadsResultsThroughTheDoorTest {

    @Test
    void noAnalysisClassSelectsFromCheckupResult() throws IOException {
        Path analysis = Path.of("src/main/java/jp/kenshin/outreach/analysis");
        List<Path> naming;
        try (Stream<Path> files = Files.walk(analysis)) {
            naming = files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
                try {
                    return Files.readString(f).toLowerCase().contains("checkup_result");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        assertThat(naming).as("analysis classes that name checkup_result").isEmpty();
        assertThat(Files.readString(Path.of("src/main/java/jp/kenshin/outreach/privacy/PersonalDataService.java")))
                .contains("attendanceForAnalysis");
    }
}
