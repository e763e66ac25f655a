package io.github.multiprocessstore.autoconfigure.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.ReadOnlyDirectory;
import io.github.multiprocessstore.StoreFixtures;
import io.github.multiprocessstore.StoreRoot;
import io.github.multiprocessstore.autoconfigure.MultiprocessStoreAutoConfiguration;
import io.github.multiprocessstore.health.MultiprocessStoreHealthIndicator;
import io.github.multiprocessstore.maintenance.ConflictMonitor;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.FileSystemUtils;

/** The {@code multiprocessStore} health indicator: when it exists and what it reports. */
class MultiprocessStoreHealthContributorAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    MultiprocessStoreAutoConfiguration.class,
                    MultiprocessStoreHealthContributorAutoConfiguration.class));

    @TempDir
    Path store;

    @Test
    void runShouldCreateTheIndicatorOfTheMultiprocessStoreComponent() {
        contextRunner
                .withPropertyValues("multiprocess.store.path=" + store)
                .run(context -> assertThat(context)
                        .hasSingleBean(MultiprocessStoreHealthIndicator.class)
                        .hasBean("multiprocessStoreHealthIndicator"));
    }

    @Test
    void runWhenTheIndicatorIsDisabledShouldBackOff() {
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + store, "management.health.multiprocessstore.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(MultiprocessStoreHealthIndicator.class));
    }

    @Test
    void runWhenTheIndicatorIsDisabledInCamelCaseShouldBackOff() {
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + store, "management.health.multiprocessStore.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(MultiprocessStoreHealthIndicator.class));
    }

    @Test
    void runWhenDefaultHealthIndicatorsAreDisabledShouldBackOff() {
        contextRunner
                .withPropertyValues("multiprocess.store.path=" + store, "management.health.defaults.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(MultiprocessStoreHealthIndicator.class));
    }

    @Test
    void runWithoutHealthSupportOnTheClassPathShouldBackOff() {
        contextRunner
                .withPropertyValues("multiprocess.store.path=" + store)
                .withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run(context ->
                        assertThat(context).hasNotFailed().doesNotHaveBean(MultiprocessStoreHealthIndicator.class));
    }

    @Test
    void runWhenTheApplicationDefinesTheIndicatorShouldBackOff() {
        HealthIndicator own = () -> Health.up().build();
        contextRunner
                .withPropertyValues("multiprocess.store.path=" + store)
                .withBean("multiprocessStoreHealthIndicator", HealthIndicator.class, () -> own)
                .run(context -> assertThat(context)
                        .doesNotHaveBean(MultiprocessStoreHealthIndicator.class)
                        .getBean("multiprocessStoreHealthIndicator")
                        .isSameAs(own));
    }

    @Test
    void healthIsUpWithPathFreeBytesAndTheCachedConflictCount() {
        contextRunner.withPropertyValues("multiprocess.store.path=" + store).run(context -> {
            StoreFixtures.createConflict(context.getBean(StoreRoot.class).collection("profiles"), "alice");
            context.getBean(ConflictMonitor.class).refresh();

            Health health =
                    context.getBean(MultiprocessStoreHealthIndicator.class).health();

            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails())
                    .containsEntry("path", store.toString())
                    .containsEntry("conflictedObjects", 1)
                    .containsEntry("minFreeBytes", 10L * 1024 * 1024)
                    .containsKeys("freeBytes", "lastConflictScan");
            assertThat((Long) health.getDetails().get("freeBytes")).isPositive();
        });
    }

    @Test
    void healthReadsConflictsFromTheCacheNotFromDisk() {
        contextRunner.withPropertyValues("multiprocess.store.path=" + store).run(context -> {
            MultiprocessStoreHealthIndicator indicator = context.getBean(MultiprocessStoreHealthIndicator.class);
            assertThat(indicator.health().getDetails()).containsEntry("conflictedObjects", 0);

            StoreFixtures.createConflict(context.getBean(StoreRoot.class).collection("profiles"), "alice");

            assertThat(indicator.health().getDetails()).containsEntry("conflictedObjects", 0);
            context.getBean(ConflictMonitor.class).refresh();
            assertThat(indicator.health().getDetails()).containsEntry("conflictedObjects", 1);
        });
    }

    @Test
    void healthIsDownWhenFreeSpaceIsBelowTheThreshold() {
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + store, "multiprocess.store.health.min-free-space=1000000TB")
                .run(context -> {
                    Health health = context.getBean(MultiprocessStoreHealthIndicator.class)
                            .health();

                    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(health.getDetails().get("reason").toString())
                            .contains("multiprocess.store.health.min-free-space");
                });
    }

    @Test
    void healthIsDownWhenTheDirectoryIsGone() {
        Path root = store.resolve("root");
        contextRunner.withPropertyValues("multiprocess.store.path=" + root).run(context -> {
            FileSystemUtils.deleteRecursively(root);

            Health health =
                    context.getBean(MultiprocessStoreHealthIndicator.class).health();

            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("path", root.toString());
            assertThat(health.getDetails().get("reason").toString()).contains("does not exist");
        });
    }

    @Test
    void healthIsDownWhenTheDirectoryIsNotWritable() {
        contextRunner.withPropertyValues("multiprocess.store.path=" + store).run(context -> {
            try (ReadOnlyDirectory unwritable = ReadOnlyDirectory.of(store)) {
                Health health =
                        context.getBean(MultiprocessStoreHealthIndicator.class).health();

                assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                assertThat(health.getDetails().get("reason").toString()).contains("not writable");
            }
        });
    }
}
