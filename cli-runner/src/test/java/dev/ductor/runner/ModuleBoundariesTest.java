package dev.ductor.runner;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The runner's packages form no cycle and each provider stays in its own package (style rule 14). (That it
 * knows no transport and no orchestrator is the pom's: it depends on shared-model only.)
 */
class ModuleBoundariesTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.ductor.runner");

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.ductor.runner.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void providersDoNotKnowEachOther() {
        for (String provider : new String[] {"claude", "codex", "gemini"}) {
            noClasses()
                    .that()
                    .resideInAPackage("..provider." + provider + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(java.util.stream.Stream.of("claude", "codex", "gemini")
                            .filter(other -> !other.equals(provider))
                            .map(other -> "..provider." + other + "..")
                            .toArray(String[]::new))
                    .check(classes);
        }
    }
}
