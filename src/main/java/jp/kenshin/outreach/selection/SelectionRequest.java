package jp.kenshin.outreach.selection;

import java.time.LocalDate;

/**
 * A request to select a fiscal year's targets.
 *
 * @param holdoutShare the share of phone owners moved to NOTICE_ONLY for an unbiased estimate of the calls (0 to 0.5)
 * @param holdoutSeed the seed of that draw; null draws one and records it
 */
public record SelectionRequest(int fiscalYear, LocalDate referenceDate, double holdoutShare, Long holdoutSeed,
        Long membersImportId, Long resultsImportId, String processInstanceId) {
}
