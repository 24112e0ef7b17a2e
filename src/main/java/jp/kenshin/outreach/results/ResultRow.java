package jp.kenshin.outreach.results;

import java.time.LocalDate;
import java.util.Map;

/** One checked row of a results file, before it is matched to a person. */
public record ResultRow(int line, int resultYear, String personNo, String ticketNumber, LocalDate birthDate, int sex,
        LocalDate examDate, String institutionNo, Map<String, String> items) {
}
