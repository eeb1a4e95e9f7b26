package dev.ductor.scheduler;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The scheduler's packages have no cycles, and its triggers do not know each other. (That it sees only
 * shared-model is the pom's: no other service is on its class path.)
 */
class ModuleBoundariesTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.ductor.scheduler");

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.ductor.scheduler.(*)..")
                .should()
                .beFreeOfCycles()
                .check(classes);
    }

    @Test
    void triggersAreIndependent() {
        noClasses()
                .that()
                .resideInAPackage("..scheduler.webhook..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..scheduler.cron..", "..scheduler.heartbeat..", "..scheduler.cleanup..")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage("..scheduler.cron..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..scheduler.webhook..", "..scheduler.heartbeat..", "..scheduler.cleanup..")
                .check(classes);
    }
}
