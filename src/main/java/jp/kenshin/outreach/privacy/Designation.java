package jp.kenshin.outreach.privacy;

import java.time.LocalDate;
import java.util.Set;

/**
 * A contractor user designated for a fiscal year: the person in charge (取扱責任者) or a handler
 * (取扱者), for some purposes, from when to when, and the date of their privacy training (clause 10).
 */
public record Designation(Long id, int fiscalYear, String userId, Role role, Set<Purpose> purposes, LocalDate validFrom,
        LocalDate validTo, LocalDate trainedOn) {

    public enum Role { PERSON_IN_CHARGE, HANDLER }

    public boolean covers(Purpose purpose, LocalDate day) {
        return purposes.contains(purpose) && !day.isBefore(validFrom) && !day.isAfter(validTo);
    }

    public boolean trainedBy(LocalDate day) {
        return trainedOn != null && !trainedOn.isAfter(day);
    }
}
