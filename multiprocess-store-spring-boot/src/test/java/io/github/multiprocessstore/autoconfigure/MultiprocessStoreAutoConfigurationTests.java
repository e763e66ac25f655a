package io.github.multiprocessstore.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.ReadOnlyDirectory;
import io.github.multiprocessstore.StoreRoot;
import io.github.multiprocessstore.maintenance.ConflictMonitor;
import io.github.multiprocessstore.repository.ObjectRepository;
import io.github.multiprocessstore.repository.ObjectRepositoryFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** The core auto-configuration: the store bean, its back-off, property binding and the start-up failures. */
@ExtendWith(OutputCaptureExtension.class)
class MultiprocessStoreAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MultiprocessStoreAutoConfiguration.class));

    @TempDir
    Path temp;

    @Test
    void runShouldCreateStoreRootFactoryAndMonitorAtTheConfiguredPath() {
        Path store = temp.resolve("store");
        contextRunner.withPropertyValues("multiprocess.store.path=" + store).run(context -> {
            assertThat(context)
                    .hasSingleBean(StoreRoot.class)
                    .hasSingleBean(ObjectRepositoryFactory.class)
                    .hasSingleBean(ConflictMonitor.class);
            assertThat(context.getBean(StoreRoot.class).path()).isEqualTo(store);
            assertThat(store).isDirectory();
        });
    }

    @Test
    void runShouldCreateMissingParentDirectories() {
        Path store = temp.resolve("a").resolve("b").resolve("store");
        contextRunner
                .withPropertyValues("multiprocess.store.path=" + store)
                .run(context -> assertThat(store).isDirectory());
    }

    @Test
    void runWhenUserDefinesStoreRootShouldBackOff() {
        Path configured = temp.resolve("configured");
        StoreRoot own = StoreRoot.open(temp.resolve("own"), builder -> builder.durable(false));
        contextRunner
                .withPropertyValues("multiprocess.store.path=" + configured)
                .withBean("myStoreRoot", StoreRoot.class, () -> own)
                .run(context -> {
                    assertThat(context).hasSingleBean(StoreRoot.class).hasBean("myStoreRoot");
                    assertThat(context.getBean(ObjectRepositoryFactory.class).root())
                            .isSameAs(own);
                    assertThat(configured).doesNotExist();
                });
    }

    @Test
    void runWithoutTheCoreOnTheClassPathShouldBackOff() {
        contextRunner
                .withClassLoader(new FilteredClassLoader(StoreRoot.class))
                .withPropertyValues("multiprocess.store.path=" + temp.resolve("store"))
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .doesNotHaveBean(ObjectRepositoryFactory.class)
                        .doesNotHaveBean(ConflictMonitor.class));
    }

    @Test
    void propertiesShouldBindGoodValues() {
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + temp.resolve("store"),
                        "multiprocess.store.durable=false",
                        "multiprocess.store.conflict-scan-interval=250ms",
                        "multiprocess.store.temp-file-grace-period=2h",
                        "multiprocess.store.health.min-free-space=1GB",
                        "multiprocess.store.keep-listings=false")
                .run(context -> {
                    MultiprocessStoreProperties properties = context.getBean(MultiprocessStoreProperties.class);
                    assertThat(properties.isDurable()).isFalse();
                    assertThat(properties.isKeepListings()).isFalse();
                    assertThat(properties.getConflictScanInterval()).isEqualTo(Duration.ofMillis(250));
                    assertThat(properties.getTempFileGracePeriod()).isEqualTo(Duration.ofHours(2));
                    assertThat(properties.getHealth().getMinFreeSpace()).isEqualTo(DataSize.ofGigabytes(1));
                    assertThat(context.getBean(ConflictMonitor.class).interval())
                            .isEqualTo(Duration.ofMillis(250));
                });
    }

    @Test
    void theHistoryLimitReachesTheStoresOfEveryCollection() {
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + temp.resolve("store"), "multiprocess.store.history-limit=4")
                .run(context -> {
                    assertThat(context.getBean(MultiprocessStoreProperties.class)
                                    .getHistoryLimit())
                            .isEqualTo(4);
                    ObjectStore store = context.getBean(StoreRoot.class).collection("counters");
                    store.createObject(JsonMapper.builder()
                            .build()
                            .createObjectNode()
                            .put("_id", "c")
                            .put("n", 0));
                    for (int i = 0; i < 10; i++) {
                        store.updateObjectAtomically(
                                "c", c -> c.put("n", c.get("n").asInt() + 1));
                    }
                    assertThat(store.getRevisions("c")).hasSizeLessThanOrEqualTo(4);
                    assertThat(store.getObject("c").get("n").asInt()).isEqualTo(10);
                });
    }

    @Test
    void aHistoryLimitOfOneShouldFailNamingTheProperty() {
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + temp.resolve("store"), "multiprocess.store.history-limit=1")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("'multiprocess.store.history-limit' must be 0"));
    }

    @Test
    void defaultsShouldBeTheDocumentedOnes() {
        MultiprocessStoreProperties properties = new MultiprocessStoreProperties();

        assertThat(properties.getPath()).isEqualTo(Path.of("data"));
        assertThat(properties.isDurable()).isTrue();
        assertThat(properties.getConflictScanInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(properties.getTempFileGracePeriod()).isEqualTo(Duration.ofHours(1));
        assertThat(properties.getHistoryLimit()).isZero();
        assertThat(properties.isKeepListings()).isTrue();
        assertThat(properties.getHealth().getMinFreeSpace()).isEqualTo(DataSize.ofMegabytes(10));
    }

    @Test
    void aDurationThatDoesNotParseShouldFailNamingTheProperty() {
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + temp.resolve("store"),
                        "multiprocess.store.conflict-scan-interval=soon")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(messagesOf(context.getStartupFailure()))
                            .contains("multiprocess.store.conflict-scan-interval")
                            .contains("soon");
                });
    }

    @Test
    void aScanIntervalThatIsNotPositiveShouldFailNamingTheProperty() {
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + temp.resolve("store"),
                        "multiprocess.store.conflict-scan-interval=0s")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining(
                                "'multiprocess.store.conflict-scan-interval' must be a positive duration"));
    }

    @Test
    void aDataSizeThatDoesNotParseShouldFailNamingTheProperty() {
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + temp.resolve("store"),
                        "multiprocess.store.health.min-free-space=plenty")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(messagesOf(context.getStartupFailure()))
                            .contains("multiprocess.store.health.min-free-space");
                });
    }

    @Test
    void aBooleanThatDoesNotParseShouldFailNamingTheProperty() {
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + temp.resolve("store"), "multiprocess.store.durable=perhaps")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(messagesOf(context.getStartupFailure())).contains("multiprocess.store.durable");
                });
    }

    @Test
    void aPathThatIsAFileShouldFailWithAnAnalysisNamingThePropertyAndThePath() throws IOException {
        Path file = Files.writeString(temp.resolve("not-a-directory"), "x");
        contextRunner.withPropertyValues("multiprocess.store.path=" + file).run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new MultiprocessStoreFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription())
                    .contains("'multiprocess.store.path'")
                    .contains(file.toString())
                    .contains("is not a directory");
            assertThat(analysis.getAction()).contains("'multiprocess.store.path'");
        });
    }

    @Test
    void aPathThatCannotBeCreatedShouldFailWithAnAnalysisNamingTheProperty() throws IOException {
        Path underAFile = Files.writeString(temp.resolve("file"), "x").resolve("store");
        contextRunner
                .withPropertyValues("multiprocess.store.path=" + underAFile)
                .run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis =
                            new MultiprocessStoreFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis).isNotNull();
                    assertThat(analysis.getDescription())
                            .contains("'multiprocess.store.path'")
                            .contains(underAFile.toString())
                            .contains("cannot be created");
                });
    }

    @Test
    void aPathThatIsNotWritableShouldFailWithAnAnalysisNamingTheProperty() throws IOException {
        Path readOnly = Files.createDirectory(temp.resolve("read-only"));
        try (ReadOnlyDirectory unwritable = ReadOnlyDirectory.of(readOnly)) {
            contextRunner
                    .withPropertyValues("multiprocess.store.path=" + readOnly)
                    .run(context -> {
                        assertThat(context).hasFailed();
                        FailureAnalysis analysis =
                                new MultiprocessStoreFailureAnalyzer().analyze(context.getStartupFailure());
                        assertThat(analysis).isNotNull();
                        assertThat(analysis.getDescription())
                                .contains("'multiprocess.store.path'")
                                .contains(readOnly.toString())
                                .contains("is not writable");
                    });
        }
    }

    @Test
    void theFailureAnalyzerIsRegisteredForSpringApplication(CapturedOutput output) throws IOException {
        Path file = Files.writeString(temp.resolve("a-file"), "x");
        SpringApplicationBuilder application = new SpringApplicationBuilder(MinimalApplication.class)
                .web(WebApplicationType.NONE)
                .properties("multiprocess.store.path=" + file, "spring.main.banner-mode=off");

        assertThatException().isThrownBy(application::run);
        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains("Description:")
                .contains("The store directory configured by 'multiprocess.store.path' cannot be used")
                .contains(file.toString())
                .contains("Action:");
    }

    @Test
    void aPathThatHoldsASingleStoreShouldFailWithAnAnalysisSayingItIsNotARootOfCollections() {
        Path store = temp.resolve("notes-store");
        String revision;
        try (ObjectStore notes = ObjectStore.open(store)) {
            revision = notes.createObject(JsonMapper.shared().createObjectNode().put("_id", "alice"))
                    .get("_rev")
                    .asString();
        }
        contextRunner.withPropertyValues("multiprocess.store.path=" + store).run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new MultiprocessStoreFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription())
                    .contains("'multiprocess.store.path'")
                    .contains(store.toString())
                    .contains("looks like a single store, not a root of collections")
                    .contains("sub-directory 'alice' holds the revision file " + revision);
            assertThat(analysis.getAction())
                    .contains("'multiprocess.store.path'")
                    .contains("a root directory whose sub-directories are collections")
                    .contains(temp.resolve("notes-store-root").toString());
        });
        assertThat(store.resolve("alice").resolve(revision)).isRegularFile();
    }

    @Test
    void aRootOfCollectionsWithObjectsShouldStart() {
        Path root = temp.resolve("my-app-root");
        try (StoreRoot existing = StoreRoot.open(root, builder -> {})) {
            existing.collection("profiles")
                    .createObject(JsonMapper.shared().createObjectNode().put("_id", "alice"));
        }
        contextRunner
                .withPropertyValues("multiprocess.store.path=" + root)
                .run(context -> assertThat(context.getBean(StoreRoot.class)
                                .collection("profiles")
                                .exists("alice"))
                        .isTrue());
    }

    @Test
    void anObjectDirectoryWithoutRevisionFilesAmongItsFirstEntriesIsNotTakenForAStore() throws IOException {
        Path root = temp.resolve("root");
        Path collection = Files.createDirectories(root.resolve("profiles"));
        for (int i = 0; i < RootLayout.ENTRIES_CHECKED_PER_DIRECTORY * 2; i++) {
            Files.createDirectory(collection.resolve("0-" + "%032x".formatted(i)));
        }
        contextRunner
                .withPropertyValues("multiprocess.store.path=" + root)
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void aSingleStoreFailsTheStartOfASpringApplicationWithTheReport(CapturedOutput output) {
        Path store = temp.resolve("notes-store");
        try (ObjectStore notes = ObjectStore.open(store)) {
            notes.createObject(JsonMapper.shared().createObjectNode().put("_id", "alice"));
        }
        SpringApplicationBuilder application = new SpringApplicationBuilder(MinimalApplication.class)
                .web(WebApplicationType.NONE)
                .properties("multiprocess.store.path=" + store, "spring.main.banner-mode=off");

        assertThatException().isThrownBy(application::run);
        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains("looks like a single store, not a root of collections")
                .contains("Action:");
    }

    @Test
    void theStartShouldLogTheRootAndItsCollections(CapturedOutput output) {
        Path root = temp.resolve("my-app-root");
        try (StoreRoot existing = StoreRoot.open(root, builder -> {})) {
            existing.collection("profiles");
            existing.collection("notes");
        }
        contextRunner
                .withPropertyValues("multiprocess.store.path=" + root)
                .run(context -> assertThat(output)
                        .contains("INFO")
                        .contains("Multiprocess store at " + root + " with collections [notes, profiles]"));
    }

    @Test
    void aLeadingTildeShouldExpandToTheUserHome() throws IOException {
        Path home = Files.createDirectory(temp.resolve("home"));
        String realHome = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
        try {
            contextRunner
                    .withPropertyValues("multiprocess.store.path=~/stores/app")
                    .run(context -> {
                        assertThat(context.getBean(StoreRoot.class).path())
                                .isEqualTo(home.resolve("stores").resolve("app"));
                        assertThat(home.resolve("stores").resolve("app")).isDirectory();
                    });
        } finally {
            System.setProperty("user.home", realHome);
        }
    }

    @Test
    void aRelativePathShouldResolveAgainstTheWorkingDirectory() {
        assertThat(StoreDirectory.resolve(Path.of("data")))
                .isEqualTo(Path.of("").toAbsolutePath().resolve("data"));
        assertThat(StoreDirectory.resolve(Path.of("~"))).isEqualTo(Path.of(System.getProperty("user.home")));
    }

    @Test
    void repositoriesShouldMapWithTheApplicationsJsonMapper() {
        JsonMapper snakeCase = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .build();
        Path store = temp.resolve("store");
        contextRunner
                .withPropertyValues("multiprocess.store.path=" + store)
                .withBean(JsonMapper.class, () -> snakeCase)
                .run(context -> {
                    ObjectRepository<Person> people =
                            context.getBean(ObjectRepositoryFactory.class).create(Person.class);
                    Person saved = people.save(new Person("ada", null, "Ada Lovelace"));

                    String onDisk = Files.readString(
                            store.resolve("person").resolve("ada").resolve(saved.rev()));
                    assertThat(onDisk).contains("\"display_name\"").doesNotContain("displayName");
                    assertThat(people.findById("ada")).contains(saved);
                });
    }

    @Test
    void repositoriesShouldMapWithTheMapperOfSpringBootsJacksonAutoConfiguration() {
        Path store = temp.resolve("store");
        contextRunner
                .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
                .withPropertyValues(
                        "multiprocess.store.path=" + store, "spring.jackson.property-naming-strategy=SNAKE_CASE")
                .run(context -> {
                    ObjectRepository<Person> people =
                            context.getBean(ObjectRepositoryFactory.class).create(Person.class);
                    Person saved = people.save(new Person("ada", null, "Ada Lovelace"));

                    String onDisk = Files.readString(
                            store.resolve("person").resolve("ada").resolve(saved.rev()));
                    assertThat(onDisk).contains("\"display_name\"");
                });
    }

    @Test
    void runWithoutSpringBootJacksonShouldMapWithADefaultMapper() {
        Path store = temp.resolve("store");
        contextRunner
                .withClassLoader(new FilteredClassLoader("org.springframework.boot.jackson"))
                .withPropertyValues("multiprocess.store.path=" + store)
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(JsonMapper.class);
                    ObjectRepository<Person> people =
                            context.getBean(ObjectRepositoryFactory.class).create(Person.class);
                    Person saved = people.save(new Person("ada", null, "Ada Lovelace"));
                    assertThat(people.findById("ada")).contains(saved);
                });
    }

    private static String messagesOf(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }

    /** Only the store's auto-configuration, as an application would get it. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(MultiprocessStoreAutoConfiguration.class)
    static class MinimalApplication {}

    /** A record whose Java names the application's naming strategy renames on disk. */
    record Person(
            @JsonProperty("_id") String id,
            @JsonProperty("_rev") String rev,
            String displayName) {}
}
