package io.github.multiprocessstore.autoconfigure.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.StoreRoot;
import io.github.multiprocessstore.autoconfigure.MultiprocessStoreAutoConfiguration;
import io.github.multiprocessstore.changes.ChangeKind;
import io.github.multiprocessstore.changes.events.ChangeEventPublisher;
import io.github.multiprocessstore.changes.events.StoreChangeEvent;
import io.github.multiprocessstore.changes.events.StoreConflictEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The change feed as application events: what is published, from which writers, and the properties. */
class MultiprocessStoreChangesAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    MultiprocessStoreAutoConfiguration.class, MultiprocessStoreChangesAutoConfiguration.class))
            .withUserConfiguration(Listeners.class)
            .withPropertyValues(
                    "multiprocess.store.durable=false", "multiprocess.store.changes.reconcile-interval=200ms");

    @TempDir
    Path store;

    record Profile(
            @JsonProperty("_id") String id,
            @JsonProperty("_rev") String rev,
            String email) {}

    @Configuration(proxyBeanMethods = false)
    static class Listeners {
        final List<StoreChangeEvent> changes = new CopyOnWriteArrayList<>();
        final List<StoreConflictEvent> conflicts = new CopyOnWriteArrayList<>();

        @Bean
        Listeners.Collector collector() {
            return new Collector(changes, conflicts);
        }

        record Collector(List<StoreChangeEvent> changes, List<StoreConflictEvent> conflicts) {
            @EventListener
            void onChange(StoreChangeEvent event) {
                changes.add(event);
            }

            @EventListener
            void onConflict(StoreConflictEvent event) {
                conflicts.add(event);
            }
        }
    }

    private static ObjectNode profile(String id, String email) {
        return JsonNodeFactory.instance.objectNode().put("_id", id).put("email", email);
    }

    @Test
    void runShouldPublishEveryChangeAsAnEventThatMapsTheObjectOnRequest() {
        try (StoreRoot before = StoreRoot.open(store, b -> b.durable(false))) {
            before.collection("profiles").createObject(profile("existing", "e@example.com"));
        }
        contextRunner.withPropertyValues("multiprocess.store.path=" + store).run(context -> {
            assertThat(context).hasSingleBean(ChangeEventPublisher.class);
            List<StoreChangeEvent> changes =
                    context.getBean(Listeners.Collector.class).changes();
            ObjectStore profiles = context.getBean(StoreRoot.class).collection("profiles");
            ObjectNode alice = profiles.createObject(profile("alice", "alice@example.com"));
            String deleted = profiles.deleteObject("alice");

            await().atMost(Duration.ofSeconds(30)).until(() -> changes.size() >= 2);
            assertThat(changes)
                    .extracting(
                            StoreChangeEvent::getCollection,
                            StoreChangeEvent::getId,
                            StoreChangeEvent::getRevision,
                            StoreChangeEvent::getKind)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(
                                    "profiles", "alice", alice.get("_rev").asString(), ChangeKind.CREATED),
                            org.assertj.core.groups.Tuple.tuple("profiles", "alice", deleted, ChangeKind.DELETED));
            assertThat(changes.get(0).object(Profile.class))
                    .contains(new Profile("alice", alice.get("_rev").asString(), "alice@example.com"));
            assertThat(changes.get(1).object(Profile.class)).isEmpty();
        });
    }

    @Test
    void writesOfAnotherInstanceConflictsAndNewCollectionsArePublished() {
        contextRunner.withPropertyValues("multiprocess.store.path=" + store).run(context -> {
            Listeners.Collector collector = context.getBean(Listeners.Collector.class);
            try (StoreRoot other = StoreRoot.open(store, b -> b.durable(false))) {
                ObjectStore notes = other.collection("notes"); // appears after the start: followed from its beginning
                ObjectNode note = notes.createObject(profile("n1", "x"));
                notes.updateObject(note.deepCopy().put("email", "y"));
                notes.updateObject(note.deepCopy().put("email", "z"));

                await().atMost(Duration.ofSeconds(30))
                        .until(() -> !collector.conflicts().isEmpty());
                StoreConflictEvent conflict = collector.conflicts().get(0);
                assertThat(conflict.getCollection()).isEqualTo("notes");
                assertThat(conflict.getId()).isEqualTo("n1");
                assertThat(conflict.getConflicts())
                        .singleElement()
                        .satisfies(group -> assertThat(group).hasSize(2));
                assertThat(collector.changes())
                        .extracting(StoreChangeEvent::getKind)
                        .contains(ChangeKind.CONFLICT);
            }
        });
    }

    @Test
    void runWhenDisabledShouldPublishNothing() {
        contextRunner
                .withPropertyValues("multiprocess.store.path=" + store, "multiprocess.store.changes.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(ChangeEventPublisher.class));
    }

    @Test
    void retentionBelowAMinuteFailsNamingTheProperty() {
        contextRunner
                .withPropertyValues("multiprocess.store.path=" + store, "multiprocess.store.changes.retention=10s")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("multiprocess.store.changes.retention"));
    }

    @Test
    void aNonPositiveReconcileIntervalFailsNamingTheProperty() {
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + store, "multiprocess.store.changes.reconcile-interval=0s")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("multiprocess.store.changes.reconcile-interval"));
    }
}
