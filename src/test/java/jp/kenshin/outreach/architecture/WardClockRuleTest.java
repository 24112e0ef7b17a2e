package jp.kenshin.outreach.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** ArchitectureTest's clock rule on classes made to break it: it finds each way round the ward's clock, and only those. */
class WardClockRuleTest {

    static class ReadsTheSystemClock {
        LocalDate today() {
            return LocalDate.now();
        }
    }

    static class ReadsTheSystemClockInAZone {
        Instant now() {
            return LocalDate.now(ZoneId.of("Asia/Tokyo")).atStartOfDay(ZoneId.systemDefault()).toInstant();
        }
    }

    static class TakesTheWardsClock {
        LocalDate today(Clock clock) {
            return LocalDate.now(clock);
        }
    }

    @Test
    void aClassThatReadsTheSystemClockOrNamesAZoneBreaksTheRuleAndOneThatTakesTheClockDoesNot() {
        JavaClasses classes = new ClassFileImporter().importClasses(ReadsTheSystemClock.class, ReadsTheSystemClockInAZone.class,
                TakesTheWardsClock.class);
        EvaluationResult result = ArchitectureTest.onlyTheWardClockReadsTheSystemClockOrNamesAZone.evaluate(classes);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).hasSize(4)
                .anySatisfy(d -> assertThat(d).contains("ReadsTheSystemClock.today()").contains("LocalDate.now()"))
                .anySatisfy(d -> assertThat(d).contains("ReadsTheSystemClockInAZone").contains("ZoneId.of(java.lang.String)"))
                .anySatisfy(d -> assertThat(d).contains("ReadsTheSystemClockInAZone").contains("LocalDate.now(java.time.ZoneId)"))
                .anySatisfy(d -> assertThat(d).contains("ReadsTheSystemClockInAZone").contains("ZoneId.systemDefault()"))
                .noneSatisfy(d -> assertThat(d).contains("TakesTheWardsClock"));
    }
}
