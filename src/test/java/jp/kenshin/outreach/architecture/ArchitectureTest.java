package jp.kenshin.outreach.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
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
}
