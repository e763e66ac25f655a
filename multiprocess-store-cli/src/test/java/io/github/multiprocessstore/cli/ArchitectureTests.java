package io.github.multiprocessstore.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The CLI uses the core's public API only, nothing of Spring, and its packages have no cycles. */
class ArchitectureTests {

    private static final JavaClasses CLI = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.github.multiprocessstore.cli");

    @Test
    void usesThePublicApiOnly() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.github.multiprocessstore.internal..")
                .check(CLI);
    }

    @Test
    void usesNoSpring() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.springframework..")
                .check(CLI);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("io.github.multiprocessstore.cli.(*)..")
                .should()
                .beFreeOfCycles()
                .check(CLI);
    }
}
