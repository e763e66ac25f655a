package io.github.multiprocessstore.autoconfigure.metrics;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.multiprocessstore.StoreFixtures;
import io.github.multiprocessstore.StoreRoot;
import io.github.multiprocessstore.autoconfigure.MultiprocessStoreAutoConfiguration;
import io.github.multiprocessstore.autoconfigure.maintenance.MultiprocessStoreCompactionAutoConfiguration;
import io.github.multiprocessstore.autoconfigure.maintenance.MultiprocessStoreReplicationAutoConfiguration;
import io.github.multiprocessstore.maintenance.ReplicationScheduler;
import io.github.multiprocessstore.maintenance.StoreCompactor;
import io.github.multiprocessstore.repository.DefaultStoreOperationObservationConvention;
import io.github.multiprocessstore.repository.ObjectRepository;
import io.github.multiprocessstore.repository.ObjectRepositoryFactory;
import io.github.multiprocessstore.repository.StoreOperationContext;
import io.github.multiprocessstore.repository.StoreOperationObservationConvention;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.dao.DuplicateKeyException;

/**
 * Repository operations are observed (a timer and, with tracing on, a span per operation), with today's tag names
 * and a replaceable convention; replication and compaction are counted per peer and per collection.
 */
class StoreObservationAndMeterTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    MultiprocessStoreAutoConfiguration.class,
                    MultiprocessStoreReplicationAutoConfiguration.class,
                    MultiprocessStoreCompactionAutoConfiguration.class,
                    MultiprocessStoreMetricsAutoConfiguration.class));

    @TempDir
    Path temp;

    @Test
    void repositoryOperationsAreObservedWithTodaysTagsAndTheIdAsHighCardinality() {
        TestObservationRegistry observations = TestObservationRegistry.create();
        contextRunner
                .withPropertyValues("multiprocess.store.path=" + temp.resolve("store"))
                .withBean(ObservationRegistry.class, () -> observations)
                .run(context -> {
                    ObjectRepository<Memo> memos =
                            context.getBean(ObjectRepositoryFactory.class).create(Memo.class);
                    memos.save(new Memo("m1", null, "hello"));
                    memos.findById("m1");
                    assertThatExceptionOfType(DuplicateKeyException.class)
                            .isThrownBy(() -> memos.save(new Memo("m1", null, "again")));

                    assertThat(observations)
                            .hasNumberOfObservationsWithNameEqualTo("multiprocess.store.operations", 3)
                            .forAllObservationsWithNameEqualTo(
                                    "multiprocess.store.operations",
                                    observation -> observation
                                            .hasLowCardinalityKeyValueWithKey("collection")
                                            .hasLowCardinalityKeyValueWithKey("operation")
                                            .hasLowCardinalityKeyValueWithKey("outcome")
                                            .hasLowCardinalityKeyValueWithKey("exception"));
                    assertThat(observations)
                            .hasAnObservation(observation -> observation
                                    .hasContextualNameEqualTo("memo findById")
                                    .hasLowCardinalityKeyValue("collection", "memo")
                                    .hasLowCardinalityKeyValue("operation", "findById")
                                    .hasLowCardinalityKeyValue("outcome", "SUCCESS")
                                    .hasLowCardinalityKeyValue("exception", "none")
                                    .hasHighCardinalityKeyValue("id", "m1"))
                            .hasAnObservation(observation -> observation
                                    .hasLowCardinalityKeyValue("operation", "save")
                                    .hasLowCardinalityKeyValue("outcome", "ERROR")
                                    .hasLowCardinalityKeyValue("exception", "DuplicateKeyException")
                                    .hasError());
                });
    }

    @Test
    void anApplicationConventionReplacesTheDefault() {
        TestObservationRegistry observations = TestObservationRegistry.create();
        contextRunner
                .withPropertyValues("multiprocess.store.path=" + temp.resolve("store"))
                .withBean(ObservationRegistry.class, () -> observations)
                .withBean(StoreOperationObservationConvention.class, TenantConvention::new)
                .run(context -> {
                    context.getBean(ObjectRepositoryFactory.class)
                            .create(Memo.class)
                            .findById("m1");

                    assertThat(observations)
                            .hasObservationWithNameEqualTo("multiprocess.store.operations")
                            .that()
                            .hasLowCardinalityKeyValue("tenant", "acme")
                            .hasLowCardinalityKeyValue("operation", "findById");
                });
    }

    @Test
    void replicationIsCountedPerPeerWithTheTimeSinceTheLastSuccess() {
        Path store = temp.resolve("store");
        Path peer = temp.resolve("peer");
        Path missing = temp.resolve("unmounted");
        StoreRoot peerRoot = StoreRoot.open(peer, builder -> builder.durable(false));
        StoreFixtures.createObject(peerRoot.collection("notes"), "a");
        StoreFixtures.createObject(peerRoot.collection("notes"), "b");
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + store,
                        "multiprocess.store.replication.peers=" + peer + "," + missing,
                        "multiprocess.store.replication.initial-delay=1h")
                .withConfiguration(AutoConfigurations.of(
                        MetricsAutoConfiguration.class,
                        CompositeMeterRegistryAutoConfiguration.class,
                        SimpleMetricsExportAutoConfiguration.class))
                .run(context -> {
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    context.getBean(ReplicationScheduler.class).replicateNow();

                    assertThat(registry.get("multiprocess.store.replication.runs")
                                    .tag("peer", peer.toString())
                                    .counter()
                                    .count())
                            .isEqualTo(1);
                    assertThat(registry.get("multiprocess.store.replication.failures")
                                    .tag("peer", peer.toString())
                                    .counter()
                                    .count())
                            .isZero();
                    assertThat(registry.get("multiprocess.store.replication.failures")
                                    .tag("peer", missing.toString())
                                    .counter()
                                    .count())
                            .isEqualTo(1);
                    assertThat(registry.get("multiprocess.store.replication.revisions.copied")
                                    .tags("peer", peer.toString(), "direction", "pull")
                                    .counter()
                                    .count())
                            .isEqualTo(2);
                    assertThat(registry.get("multiprocess.store.replication.since.last.success")
                                    .timeGauges())
                            .hasSize(2)
                            .allSatisfy(gauge -> assertThat(gauge.value()).isNotNegative());
                    ReplicationScheduler scheduler = context.getBean(ReplicationScheduler.class);
                    assertThat(scheduler.lastSuccess(peer)).isPresent();
                    assertThat(scheduler.lastSuccess(missing)).isEmpty();
                });
    }

    @Test
    void compactionIsCountedPerCollection() {
        Path store = temp.resolve("store");
        StoreRoot before = StoreRoot.open(store, builder -> builder.durable(false));
        StoreFixtures.createConflict(before.collection("notes"), "n");
        contextRunner
                .withPropertyValues("multiprocess.store.path=" + store)
                .withConfiguration(AutoConfigurations.of(
                        MetricsAutoConfiguration.class,
                        CompositeMeterRegistryAutoConfiguration.class,
                        SimpleMetricsExportAutoConfiguration.class))
                .run(context -> {
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    context.getBean(StoreCompactor.class).compactNow();

                    assertThat(registry.get("multiprocess.store.compaction.runs")
                                    .tag("collection", "notes")
                                    .counter()
                                    .count())
                            .isEqualTo(1);
                    assertThat(registry.get("multiprocess.store.compaction.revisions.retired")
                                    .tag("collection", "notes")
                                    .counter()
                                    .count())
                            .isNotNegative();
                    assertThat(registry.find("multiprocess.store.compaction.failures")
                                    .counter())
                            .isNull();
                });
    }

    /** A convention that adds a tag, as an application might. */
    static final class TenantConvention extends DefaultStoreOperationObservationConvention {
        @Override
        public KeyValues getLowCardinalityKeyValues(StoreOperationContext context) {
            return super.getLowCardinalityKeyValues(context).and("tenant", "acme");
        }
    }

    record Memo(
            @JsonProperty("_id") String id,
            @JsonProperty("_rev") String rev,
            String text) {}
}
