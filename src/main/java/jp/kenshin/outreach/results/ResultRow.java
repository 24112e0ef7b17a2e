package jp.kenshin.outreach.results;

import java.time.LocalDate;
import java.util.Map;

/**
 * One checked result, before it is matched to a person: a row of a results CSV ({@code line} its line,
 * {@code document} null) or a document of a standard XML archive ({@code line} its place in the
 * archive, {@code document} its file name there).
 */
public record ResultRow(int line, String document, int resultYear, String personNo, String ticketNumber,
        LocalDate birthDate, int sex, LocalDate examDate, String institutionNo, Map<String, String> items) {
}
