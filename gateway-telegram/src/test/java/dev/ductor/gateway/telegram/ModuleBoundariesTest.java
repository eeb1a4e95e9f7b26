package dev.ductor.gateway.telegram;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The Bot API client stays behind the port: outbound code talks to {@code TelegramPort} only. */
class ModuleBoundariesTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.ductor.gateway.telegram");

    @Test
    void outboundDoesNotUseTheClientLibrary() {
        noClasses()
                .that()
                .resideInAPackage("..gateway.telegram.outbound..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("com.pengrad..")
                .check(classes);
    }

    @Test
    void inboundAndOutboundDoNotKnowEachOther() {
        noClasses()
                .that()
                .resideInAPackage("..gateway.telegram.inbound..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..gateway.telegram.outbound..")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage("..gateway.telegram.outbound..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..gateway.telegram.inbound..")
                .check(classes);
    }
}
