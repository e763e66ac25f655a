package io.github.multiprocessstore.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.jspecify.annotations.NullMarked;

/**
 * Boot's layout rules for this module, as Spring Boot checks its own: runtime code never imports its
 * auto-configuration, the core is used through its public API only, and every package is null-marked.
 */
@AnalyzeClasses(packages = "io.github.multiprocessstore", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    /** The runtime packages of this module, named after their role. */
    private static final String[] RUNTIME = {
        "io.github.multiprocessstore.health..",
        "io.github.multiprocessstore.info..",
        "io.github.multiprocessstore.endpoint..",
        "io.github.multiprocessstore.metrics..",
        "io.github.multiprocessstore.maintenance..",
        "io.github.multiprocessstore.repository..",
        "io.github.multiprocessstore.resolution..",
        "io.github.multiprocessstore.changes.events.."
    };

    @ArchTest
    static final ArchRule runtimeCodeDoesNotImportAutoConfiguration = noClasses()
            .that()
            .resideInAnyPackage(RUNTIME)
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.github.multiprocessstore.autoconfigure..")
            .because("auto-configuration uses the runtime code, never the other way round (Boot's layout)");

    @ArchTest
    static final ArchRule moduleUsesNoCoreInternals = noClasses()
            .that()
            .resideInAnyPackage(withAutoConfiguration())
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.github.multiprocessstore.format..",
                    "io.github.multiprocessstore.read..",
                    "io.github.multiprocessstore.write..",
                    "io.github.multiprocessstore.internal..")
            .because("the core's internals are not its API");

    @ArchTest
    static final ArchRule queryEngineAndMappingKnowNoRepository = noClasses()
            .that()
            .resideInAnyPackage(
                    "io.github.multiprocessstore.repository.query..",
                    "io.github.multiprocessstore.repository.mapping..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.github.multiprocessstore.repository",
                    "io.github.multiprocessstore.repository.support..",
                    "io.github.multiprocessstore.repository.config..")
            .because("the repositories use the query engine and the mapping, never the other way round");

    @ArchTest
    static final ArchRule repositoryPackagesHaveNoCycles = slices().matching(
                    "io.github.multiprocessstore.repository.(*)..")
            .should()
            .beFreeOfCycles();

    @ArchTest
    static final ArchRule everyPackageIsNullMarked =
            classes().that().resideInAnyPackage(withAutoConfiguration()).should(beInANullMarkedPackage());

    private static String[] withAutoConfiguration() {
        String[] packages = new String[RUNTIME.length + 1];
        System.arraycopy(RUNTIME, 0, packages, 0, RUNTIME.length);
        packages[RUNTIME.length] = "io.github.multiprocessstore.autoconfigure..";
        return packages;
    }

    private static ArchCondition<JavaClass> beInANullMarkedPackage() {
        return new ArchCondition<>("be in a package whose package-info is @NullMarked") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                boolean marked = type.getPackage()
                        .tryGetPackageInfo()
                        .map(info -> info.isAnnotatedWith(NullMarked.class))
                        .orElse(false);
                events.add(new SimpleConditionEvent(
                        type, marked, type.getPackageName() + " has no @NullMarked package-info.java"));
            }
        };
    }
}
