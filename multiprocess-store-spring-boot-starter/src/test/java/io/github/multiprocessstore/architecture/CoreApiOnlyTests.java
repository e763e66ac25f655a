package io.github.multiprocessstore.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The starter uses the core through its public API only: the engine's internals
 * ({@code io.github.multiprocessstore.internal..}) may change in any release.
 */
class CoreApiOnlyTests {

    /** The starter's own classes only (the core's, on the class path too, use their internals by design). */
    private static final JavaClasses STARTER = new ClassFileImporter().importPath(Path.of("target", "classes"));

    @Test
    void starterUsesNoCoreInternals() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.github.multiprocessstore.internal..")
                .check(STARTER);
    }
}
