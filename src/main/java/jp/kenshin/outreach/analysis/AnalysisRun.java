package jp.kenshin.outreach.analysis;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A run of the effect analysis as listed: who ran it on which data, and where it stands. Its figures are
 * in {@link EffectAnalysis}.
 *
 * @param status {@code DRAFT} (waiting for the ward's approval), {@code APPROVED} or {@code SUPERSEDED}
 *        (a later run replaced it)
 * @param publishedFiles the deliverables written for it (names and SHA-256), once published
 */
public record AnalysisRun(long id, int fiscalYear, long selectionRunId, LocalDate cutOff, BigDecimal unitCostPerCard,
        BigDecimal unitCostPerCall, String status, String createdBy, Instant createdAt, String approvedBy,
        Instant approvedAt, Instant publishedAt, String publishedFiles) {

    public static final String DRAFT = "DRAFT";
    public static final String APPROVED = "APPROVED";
    public static final String SUPERSEDED = "SUPERSEDED";

    /** The unit costs entered, when both were. */
    public Optional<UnitCosts> unitCosts() {
        return unitCostPerCard == null || unitCostPerCall == null ? Optional.empty()
                : Optional.of(new UnitCosts(unitCostPerCard, unitCostPerCall));
    }
}
