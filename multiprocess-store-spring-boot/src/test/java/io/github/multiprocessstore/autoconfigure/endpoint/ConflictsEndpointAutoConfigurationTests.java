package io.github.multiprocessstore.autoconfigure.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.StoreFixtures;
import io.github.multiprocessstore.StoreRoot;
import io.github.multiprocessstore.autoconfigure.MultiprocessStoreAutoConfiguration;
import io.github.multiprocessstore.endpoint.ConflictsEndpoint;
import io.github.multiprocessstore.endpoint.ConflictsEndpoint.ConflictsDescriptor;
import io.github.multiprocessstore.maintenance.ConflictMonitor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.json.JsonMapper;

/** The {@code conflicts} endpoint: when it exists and what it returns. */
class ConflictsEndpointAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    MultiprocessStoreAutoConfiguration.class, ConflictsEndpointAutoConfiguration.class));

    @TempDir
    Path store;

    @Test
    void runWhenNotExposedShouldNotCreateTheEndpoint() {
        contextRunner
                .withPropertyValues("multiprocess.store.path=" + store)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ConflictsEndpoint.class));
    }

    @Test
    void runWhenExposedOverHttpShouldCreateTheEndpoint() {
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + store,
                        "management.endpoints.web.exposure.include=health,conflicts")
                .run(context -> assertThat(context).hasSingleBean(ConflictsEndpoint.class));
    }

    @Test
    void runWhenExposedButAccessIsNoneShouldNotCreateTheEndpoint() {
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + store,
                        "management.endpoints.web.exposure.include=conflicts",
                        "management.endpoint.conflicts.access=NONE")
                .run(context -> assertThat(context).doesNotHaveBean(ConflictsEndpoint.class));
    }

    @Test
    void runWithoutActuatorOnTheClassPathShouldBackOff() {
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + store, "management.endpoints.web.exposure.include=conflicts")
                .withClassLoader(new FilteredClassLoader(Endpoint.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ConflictsEndpoint.class));
    }

    @Test
    void runWhenTheApplicationDefinesTheEndpointShouldBackOff() {
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + store, "management.endpoints.web.exposure.include=conflicts")
                .withBean("ownConflictsEndpoint", ConflictsEndpoint.class, () -> {
                    StoreRoot root = StoreRoot.open(store, builder -> {});
                    return new ConflictsEndpoint(root, new ConflictMonitor(root, Duration.ofHours(1)));
                })
                .run(context -> assertThat(context)
                        .hasSingleBean(ConflictsEndpoint.class)
                        .hasBean("ownConflictsEndpoint"));
    }

    @Test
    void theDocumentListsEveryConflictByCollectionAndIdFromAFreshScan() {
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + store, "management.endpoints.web.exposure.include=conflicts")
                .run(context -> {
                    ConflictsEndpoint endpoint = context.getBean(ConflictsEndpoint.class);
                    assertThat(endpoint.conflicts().conflictedObjects()).isZero();
                    StoreRoot root = context.getBean(StoreRoot.class);
                    List<String> alice = StoreFixtures.createConflict(root.collection("profiles"), "alice");
                    List<String> bob = StoreFixtures.createConflict(root.collection("profiles"), "bob");
                    List<String> memo = StoreFixtures.createConflict(root.collection("notes"), "memo");
                    StoreFixtures.createObject(root.collection("notes"), "clean");
                    root.collection("empty");

                    ConflictsDescriptor document = endpoint.conflicts();

                    assertThat(document.conflictedObjects()).isEqualTo(3);
                    assertThat(document.collections())
                            .isEqualTo(Map.of(
                                    "profiles", Map.of("alice", List.of(alice), "bob", List.of(bob)),
                                    "notes", Map.of("memo", List.of(memo)),
                                    "empty", Map.of()));
                    assertThat(context.getBean(ConflictMonitor.class).latest().conflictedObjects())
                            .isEqualTo(3);
                });
    }

    @Test
    void theDocumentHoldsNamesOnlyNeverObjectContents() {
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + store, "management.endpoints.web.exposure.include=conflicts")
                .run(context -> {
                    StoreFixtures.createConflict(
                            context.getBean(StoreRoot.class).collection("profiles"), "alice");

                    String json = JsonMapper.builder()
                            .build()
                            .writeValueAsString(
                                    context.getBean(ConflictsEndpoint.class).conflicts());

                    assertThat(json)
                            .startsWith("{\"conflictedObjects\":1,\"collections\":{\"profiles\":{\"alice\":[[")
                            .doesNotContain("s3cret");
                });
    }

    @Test
    void theSelectorReturnsOneObjectsGroupsAndNullForWhatDoesNotExist() {
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + store, "management.endpoints.web.exposure.include=conflicts")
                .run(context -> {
                    StoreRoot root = context.getBean(StoreRoot.class);
                    List<String> alice = StoreFixtures.createConflict(root.collection("profiles"), "alice");
                    StoreFixtures.createObject(root.collection("profiles"), "bob");
                    ConflictsEndpoint endpoint = context.getBean(ConflictsEndpoint.class);

                    assertThat(endpoint.objectConflicts("profiles", "alice")).containsExactly(alice);
                    assertThat(endpoint.objectConflicts("profiles", "bob")).isEmpty();
                    assertThat(endpoint.objectConflicts("profiles", "nobody")).isNull();
                    assertThat(endpoint.objectConflicts("nothing", "alice")).isNull();
                    assertThat(endpoint.objectConflicts("..", "alice")).isNull();
                    assertThat(store.resolve("nothing")).doesNotExist();
                });
    }
}
