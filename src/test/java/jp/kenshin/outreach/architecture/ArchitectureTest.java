package jp.kenshin.outreach.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.TimeZone;
import jp.kenshin.outreach.infrastructure.WardClock;
import jp.kenshin.outreach.privacy.PersonalCipher;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * The walls of the hexagon: capabilities (members, results, selection, privacy, file import) know
 * nothing of the engine's delegates or of the web; the engine adapters live in the cycle package
 * and only call services; no package cycles. That only a table's owning capability writes it is
 * {@link TableOwnershipTest}'s check.
 */
@AnalyzeClasses(packages = "jp.kenshin.outreach", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] CAPABILITIES = {"..members..", "..results..", "..selection..", "..privacy..", "..fileimport..",
        "..compliance..", "..audit..", "..mailing..", "..calling..", "..inquiry..", "..analysis..", "..reports.."};

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("jp.kenshin.outreach.(*)..").should().beFreeOfCycles()
            .because("a package that needs another's classes must not be needed by it, or neither can change alone");

    @ArchTest
    static final ArchRule capabilitiesDoNotKnowTheEngineAdapters = noClasses().that().resideInAnyPackage(CAPABILITIES)
            .should().dependOnClassesThat().resideInAnyPackage("org.camunda.bpm.engine.delegate..", "..cycle..", "..demo..");

    @ArchTest
    static final ArchRule capabilityServicesDoNotKnowTheWeb = noClasses().that().resideInAnyPackage(CAPABILITIES)
            .and().haveSimpleNameNotEndingWith("Controller")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..", "jakarta.servlet..");

    @ArchTest
    static final ArchRule delegatesAndListenersAreEngineAdaptersInTheCyclePackage = classes()
            .that().implement(JavaDelegate.class).or().implement(TaskListener.class)
            .should().resideInAPackage("..cycle..")
            .andShould().notBePublic();

    @ArchTest
    static final ArchRule onlyTheDoorOpensSealedRecords = noClasses().that().doNotHaveFullyQualifiedName(
                    "jp.kenshin.outreach.privacy.PersonalDataService")
            .and().doNotHaveFullyQualifiedName("jp.kenshin.outreach.privacy.PersonalCipher")
            .should().callMethod(PersonalCipher.class, "open", int.class, String.class, byte[].class)
            .orShould().callMethod(PersonalCipher.class, "openRecord", int.class, String.class, byte[].class)
            .because("every read of a personal field goes through the one door, which checks and records it");

    @ArchTest
    static final ArchRule callingKnowsNothingOfTheDesk = noClasses().that().resideInAPackage("..calling..")
            .should().dependOnClassesThat().resideInAPackage("..inquiry..")
            .because("the desk ends calls through the calling capability, never the other way round");

    @ArchTest
    static final ArchRule onlyThePrivacyPackageHoldsKeys = noClasses().that().resideOutsideOfPackage("..privacy..")
            .should().dependOnClassesThat().haveFullyQualifiedName("jp.kenshin.outreach.privacy.YearKeys")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("jp.kenshin.outreach.privacy.MasterKey");

    /**
     * One ward clock: the time is read from the {@link Clock} bean of {@link WardClock} ({@code LocalDate.now(clock)},
     * {@code clock.instant()}) and the zone is its zone; nothing else reads the system clock or names a zone. (The
     * engine's own clock, ClockUtil, which tests move to drive timers, is the engine's: its timers, locks and tasks.)
     */
    @ArchTest
    static final ArchRule onlyTheWardClockReadsTheSystemClockOrNamesAZone = noClasses()
            .that().doNotHaveFullyQualifiedName(WardClock.class.getName())
            .should().callMethod(Instant.class, "now")
            .orShould().callMethod(LocalDate.class, "now").orShould().callMethod(LocalDate.class, "now", ZoneId.class)
            .orShould().callMethod(LocalDateTime.class, "now").orShould().callMethod(LocalDateTime.class, "now", ZoneId.class)
            .orShould().callMethod(LocalTime.class, "now").orShould().callMethod(LocalTime.class, "now", ZoneId.class)
            .orShould().callMethod(ZonedDateTime.class, "now").orShould().callMethod(ZonedDateTime.class, "now", ZoneId.class)
            .orShould().callMethod(OffsetDateTime.class, "now").orShould().callMethod(OffsetDateTime.class, "now", ZoneId.class)
            .orShould().callMethod(Year.class, "now").orShould().callMethod(YearMonth.class, "now")
            .orShould().callMethod(Clock.class, "systemDefaultZone").orShould().callMethod(Clock.class, "systemUTC")
            .orShould().callMethod(Clock.class, "system", ZoneId.class)
            .orShould().callMethod(ZoneId.class, "systemDefault").orShould().callMethod(ZoneId.class, "of", String.class)
            .orShould().callMethod(TimeZone.class, "getDefault")
            .orShould().callMethod(System.class, "currentTimeMillis")
            .because("the ward has one clock and one zone (kenshin.zone): a second would start days and hours elsewhere");
}
