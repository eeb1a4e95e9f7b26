package dev.ductor.orchestrator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The orchestrator's packages form no cycle, its listeners never call each other, and state files are
 * written only through shared-model's state files. (That it sees no gateway or runner is the pom's: it
 * depends on shared-model only.)
 */
class ModuleBoundariesTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.ductor.orchestrator");

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.ductor.orchestrator.(*)..")
                .should()
                .beFreeOfCycles()
                .check(classes);
    }

    @Test
    void listenersDoNotCallEachOther() {
        noClasses()
                .that()
                .haveSimpleNameEndingWith("Listener")
                .should()
                .dependOnClassesThat(JavaClass.Predicates.resideInAPackage("dev.ductor..")
                        .and(JavaClass.Predicates.simpleNameEndingWith("Listener")))
                .check(classes);
    }

    @Test
    void stateIsWrittenOnlyThroughTheStateFiles() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.ductor.state..")
                .should()
                .callMethod(
                        java.nio.file.Files.class,
                        "writeString",
                        java.nio.file.Path.class,
                        CharSequence.class,
                        java.nio.file.OpenOption[].class)
                .check(classes);
    }
}
