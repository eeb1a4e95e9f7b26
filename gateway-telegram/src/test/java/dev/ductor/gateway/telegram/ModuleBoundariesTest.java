package dev.ductor.gateway.telegram;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.io.FileOutputStream;
import java.io.FileWriter;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The gateway's packages: the Bot API client stays behind the port, inbound and outbound do not know each
 * other, no package cycles, files are written only atomically, and only cross-package types are public.
 */
class ModuleBoundariesTest {

    private static final String BASE = "dev.ductor.gateway.telegram";
    private static final List<String> FILE_WRITES = List.of(
            "write",
            "writeString",
            "newOutputStream",
            "newBufferedWriter",
            "newByteChannel",
            "move",
            "copy",
            "createTempFile");

    /** The gateway's main classes, imported once for all rules from where they were compiled to. */
    private static final JavaClasses GATEWAY = new ClassFileImporter()
            .importUrl(TelegramGatewayApplication.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation());

    @Test
    void outboundDoesNotUseTheClientLibrary() {
        noClasses()
                .that()
                .resideInAPackage("..gateway.telegram.outbound..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("com.pengrad..")
                .check(GATEWAY);
    }

    @Test
    void inboundAndOutboundDoNotKnowEachOther() {
        noClasses()
                .that()
                .resideInAPackage("..gateway.telegram.inbound..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..gateway.telegram.outbound..")
                .check(GATEWAY);
        noClasses()
                .that()
                .resideInAPackage("..gateway.telegram.outbound..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..gateway.telegram.inbound..")
                .check(GATEWAY);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().assignedFrom(new SliceAssignment() {
                    @Override
                    public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                        String name = javaClass.getPackageName();
                        if (name.equals(BASE)) {
                            return SliceIdentifier.of("root");
                        }
                        if (!name.startsWith(BASE + ".")) {
                            return SliceIdentifier.ignore();
                        }
                        return SliceIdentifier.of(
                                name.substring(BASE.length() + 1).split("\\.")[0]);
                    }

                    @Override
                    public String getDescription() {
                        return "the gateway's packages, the root package included";
                    }
                })
                .should()
                .beFreeOfCycles()
                .check(GATEWAY);
    }

    /**
     * State files and stored media are written through shared-model's AtomicFiles (or JsonStateFile); the
     * one exception, by design, is outbound's StreamJournal, which appends fsynced, checksummed records.
     */
    @Test
    void filesAreWrittenOnlyThroughAtomicFiles() {
        noClasses()
                .should()
                .callMethodWhere(DescribedPredicate.describe(
                        "a java.nio.file.Files method that writes (" + String.join(", ", FILE_WRITES) + ")",
                        (JavaMethodCall call) -> call.getTargetOwner().isEquivalentTo(Files.class)
                                && FILE_WRITES.contains(call.getName())))
                .orShould()
                .dependOnClassesThat()
                .belongToAnyOf(FileOutputStream.class, FileWriter.class, RandomAccessFile.class)
                .check(GATEWAY);
    }

    @Test
    void insideInboundAndOutboundEverythingIsPackagePrivate() {
        classes()
                .that()
                .resideInAnyPackage("..gateway.telegram.inbound..", "..gateway.telegram.outbound..")
                .and()
                .areTopLevelClasses() // members of an interface are public by the language
                .should()
                .notBePublic()
                .check(GATEWAY);
    }
}
