package io.github.multiprocessstore.autoconfigure.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.multiprocessstore.StoreFixtures;
import io.github.multiprocessstore.StoreRoot;
import io.github.multiprocessstore.autoconfigure.MultiprocessStoreAutoConfiguration;
import io.github.multiprocessstore.maintenance.ConflictMonitor;
import io.github.multiprocessstore.metrics.StoreConflictsMeterBinder;
import io.github.multiprocessstore.repository.ObjectRepository;
import io.github.multiprocessstore.repository.ObjectRepositoryFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.dao.DuplicateKeyException;

/** The conflicts gauge and the operation timers, and their back-off. */
class MultiprocessStoreMetricsAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    MultiprocessStoreAutoConfiguration.class, MultiprocessStoreMetricsAutoConfiguration.class));

    private final ApplicationContextRunner withMeterRegistry = contextRunner.withConfiguration(AutoConfigurations.of(
            ObservationAutoConfiguration.class,
            MetricsAutoConfiguration.class,
            CompositeMeterRegistryAutoConfiguration.class,
            SimpleMetricsExportAutoConfiguration.class));

    @TempDir
    Path store;

    @Test
    void theGaugeCountsConflictedObjectsPerCollection() {
        StoreRoot before = StoreRoot.open(store, builder -> builder.durable(false));
        StoreFixtures.createConflict(before.collection("profiles"), "alice");
        StoreFixtures.createConflict(before.collection("profiles"), "bob");
        StoreFixtures.createObject(before.collection("notes"), "memo");

        withMeterRegistry.withPropertyValues("multiprocess.store.path=" + store).run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);

            assertThat(registry.get("multiprocess.store.conflicts")
                            .tag("collection", "profiles")
                            .gauge()
                            .value())
                    .isEqualTo(2.0);
            assertThat(registry.get("multiprocess.store.conflicts")
                            .tag("collection", "notes")
                            .gauge()
                            .value())
                    .isZero();
            assertThat(registry.get("multiprocess.store.conflicts").gauges()).hasSize(2);
        });
    }

    @Test
    void theGaugeFollowsTheBackgroundScanIncludingNewCollections() {
        withMeterRegistry
                .withPropertyValues(
                        "multiprocess.store.path=" + store, "multiprocess.store.conflict-scan-interval=100ms")
                .run(context -> {
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    StoreRoot elsewhere = StoreRoot.open(store, builder -> builder.durable(false));

                    StoreFixtures.createConflict(elsewhere.collection("late"), "alice");

                    await().atMost(Duration.ofSeconds(10))
                            .untilAsserted(() -> assertThat(registry.find("multiprocess.store.conflicts")
                                            .tag("collection", "late")
                                            .gauge())
                                    .isNotNull()
                                    .extracting(gauge -> gauge.value())
                                    .isEqualTo(1.0));
                });
    }

    @Test
    void repositoryOperationsAreTimedWithOperationOutcomeAndCollection() {
        withMeterRegistry.withPropertyValues("multiprocess.store.path=" + store).run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            ObjectRepository<Memo> memos =
                    context.getBean(ObjectRepositoryFactory.class).create(Memo.class);

            memos.save(new Memo("m1", null, "hello"));
            memos.findById("m1");
            memos.findById("m2");
            assertThatExceptionOfType(DuplicateKeyException.class)
                    .isThrownBy(() -> memos.save(new Memo("m1", null, "again")));

            assertThat(registry.get("multiprocess.store.operations")
                            .tags("collection", "memo", "operation", "save", "outcome", "SUCCESS")
                            .timer()
                            .count())
                    .isEqualTo(1);
            assertThat(registry.get("multiprocess.store.operations")
                            .tags("collection", "memo", "operation", "findById", "outcome", "SUCCESS")
                            .timer()
                            .count())
                    .isEqualTo(2);
            assertThat(registry.get("multiprocess.store.operations")
                            .tags("operation", "save", "outcome", "ERROR", "exception", "DuplicateKeyException")
                            .timer()
                            .count())
                    .isEqualTo(1);
            // The tags are exactly those of the timer before observations: no 'error' from the meter handler.
            assertThat(registry.get("multiprocess.store.operations").timers())
                    .allSatisfy(timer -> assertThat(timer.getId().getTags())
                            .extracting(io.micrometer.core.instrument.Tag::getKey)
                            .containsExactlyInAnyOrder("collection", "operation", "outcome", "exception"));
        });
    }

    @Test
    void runWithoutMicrometerOnTheClassPathShouldBackOff() {
        contextRunner
                .withPropertyValues("multiprocess.store.path=" + store)
                .withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(StoreConflictsMeterBinder.class);
                    ObjectRepository<Memo> memos =
                            context.getBean(ObjectRepositoryFactory.class).create(Memo.class);
                    assertThat(memos.save(new Memo("m1", null, "hello")).rev()).startsWith("0-");
                });
    }

    @Test
    void runWithoutAMeterRegistryBeanShouldBindTheGaugeAndStillServeRepositories() {
        contextRunner.withPropertyValues("multiprocess.store.path=" + store).run(context -> {
            assertThat(context).hasSingleBean(StoreConflictsMeterBinder.class);
            ObjectRepository<Memo> memos =
                    context.getBean(ObjectRepositoryFactory.class).create(Memo.class);
            assertThat(memos.save(new Memo("m1", null, "hello")).rev()).startsWith("0-");
        });
    }

    @Test
    void runWhenTheApplicationDefinesTheBinderShouldBackOff() {
        StoreConflictsMeterBinder own = new StoreConflictsMeterBinder(
                new ConflictMonitor(StoreRoot.open(store, builder -> {}), Duration.ofHours(1)));
        contextRunner
                .withPropertyValues("multiprocess.store.path=" + store)
                .withBean("ownBinder", StoreConflictsMeterBinder.class, () -> own)
                .run(context -> assertThat(context)
                        .hasSingleBean(StoreConflictsMeterBinder.class)
                        .hasBean("ownBinder"));
    }

    /** A record outside any scanned package. */
    record Memo(
            @JsonProperty("_id") String id,
            @JsonProperty("_rev") String rev,
            String text) {}
}
