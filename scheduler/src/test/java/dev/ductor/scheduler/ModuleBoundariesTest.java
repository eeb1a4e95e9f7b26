package dev.ductor.scheduler;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The scheduler sees only shared-model, and its triggers do not know each other. */
class ModuleBoundariesTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.ductor.scheduler");

    @Test
    void knowsNoOtherService() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.ductor.orchestrator..", "dev.ductor.gateway..", "dev.ductor.runner..", "com.pengrad..")
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
