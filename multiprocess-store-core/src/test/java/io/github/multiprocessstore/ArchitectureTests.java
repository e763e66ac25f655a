package io.github.multiprocessstore;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

/**
 * The core's layout, checked on its compiled classes: the public API ({@code io.github.multiprocessstore},
 * {@code .replication}, {@code .compaction}, {@code .changes}, {@code .indexes}) calls the engine ({@code .internal.*}), never the reverse, no two
 * packages depend on each other, and nothing of Spring gets in.
 */
class ArchitectureTests {

    private static final String BASE = "io.github.multiprocessstore";

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(BASE);

    /** Every package is its own slice, the base package included (a pattern like {@code (*)..} would leave it out). */
    private static final SliceAssignment PACKAGES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            return SliceIdentifier.of(javaClass.getPackageName());
        }

        @Override
        public String getDescription() {
            return "every package of the core";
        }
    };

    @Test
    void packagesAreFreeOfCycles() {
        slices().assignedFrom(PACKAGES).should().beFreeOfCycles().check(CORE);
    }

    @Test
    void theCoreUsesNoSpring() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.springframework..")
                .check(CORE);
    }

    @Test
    void theEngineNeverUsesThePublicApi() {
        noClasses()
                .that()
                .resideInAPackage(BASE + ".internal..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        BASE, BASE + ".replication..", BASE + ".compaction..", BASE + ".changes..", BASE + ".indexes..")
                .check(CORE);
    }

    @Test
    void indexesAreBuiltOnTopOfTheStoreAndNothingBelowKnowsThem() {
        // Indexes follow the public feed API, so the engine (and its write path) can change under them.
        noClasses()
                .that()
                .resideOutsideOfPackage(BASE + ".indexes..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(BASE + ".indexes..")
                .check(CORE);
    }

    @Test
    void theChangeFeedsTypesNeedNothingElseOfTheCore() {
        noClasses()
                .that()
                .resideInAPackage(BASE + ".changes..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(BASE, BASE + ".internal..", BASE + ".replication..", BASE + ".compaction..")
                .check(CORE);
    }

    @Test
    void theConflictPolicyTypeStandsAlone() {
        noClasses()
                .that()
                .resideInAPackage(BASE + ".conflicts..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(BASE, BASE + ".internal..", BASE + ".replication..", BASE + ".compaction..")
                .check(CORE);
    }

    @Test
    void replicationAndCompactionAreIndependent() {
        noClasses()
                .that()
                .resideInAPackage(BASE + ".compaction..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(BASE + ".replication..")
                .check(CORE);
        noClasses()
                .that()
                .resideInAPackage(BASE + ".replication..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(BASE + ".compaction..")
                .check(CORE);
    }
}
