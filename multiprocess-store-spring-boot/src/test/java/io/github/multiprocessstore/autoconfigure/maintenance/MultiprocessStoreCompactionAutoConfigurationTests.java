package io.github.multiprocessstore.autoconfigure.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.StoreFixtures;
import io.github.multiprocessstore.StoreRoot;
import io.github.multiprocessstore.autoconfigure.MultiprocessStoreAutoConfiguration;
import io.github.multiprocessstore.autoconfigure.MultiprocessStoreProperties;
import io.github.multiprocessstore.compaction.CompactionPolicy;
import io.github.multiprocessstore.compaction.CompactionResult;
import io.github.multiprocessstore.maintenance.CompactionScheduler;
import io.github.multiprocessstore.maintenance.StoreCompactor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Compaction's auto-configuration: the compactor callable from code, the optional schedule, property binding and
 * bad values.
 */
class MultiprocessStoreCompactionAutoConfigurationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    MultiprocessStoreAutoConfiguration.class, MultiprocessStoreCompactionAutoConfiguration.class))
            .withPropertyValues("multiprocess.store.durable=false");

    @TempDir
    Path store;

    @Test
    void runShouldCreateACompactorWithTheDefaultPolicyButNoSchedule() {
        contextRunner.withPropertyValues("multiprocess.store.path=" + store).run(context -> {
            assertThat(context).hasSingleBean(StoreCompactor.class).doesNotHaveBean(CompactionScheduler.class);
            CompactionPolicy policy = context.getBean(StoreCompactor.class).policy();
            assertThat(policy.keepRevisions()).isEqualTo(1);
            assertThat(policy.removeDeletedObjects()).isTrue();
            assertThat(policy.deletedObjectRetention()).isEqualTo(Duration.ofDays(30));
            assertThat(policy.trashContentRetention()).isEqualTo(Duration.ofDays(30));
            assertThat(policy.discardUnresolvedConflicts()).isFalse();
            assertThat(policy.durable()).isFalse();
        });
    }

    @Test
    void runWhenEnabledShouldScheduleCompaction() {
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + store,
                        "multiprocess.store.compaction.enabled=true",
                        "multiprocess.store.compaction.initial-delay=1h")
                .run(context -> {
                    assertThat(context).hasSingleBean(CompactionScheduler.class);
                    CompactionScheduler scheduler = context.getBean(CompactionScheduler.class);
                    assertThat(scheduler.interval()).isEqualTo(Duration.ofHours(1));
                    assertThat(scheduler.compactor()).isSameAs(context.getBean(StoreCompactor.class));
                    assertThat(scheduler.isRunning()).isTrue();
                });
    }

    @Test
    void runWhenExplicitlyDisabledShouldNotSchedule() {
        contextRunner
                .withPropertyValues("multiprocess.store.path=" + store, "multiprocess.store.compaction.enabled=false")
                .run(context -> assertThat(context)
                        .hasSingleBean(StoreCompactor.class)
                        .doesNotHaveBean(CompactionScheduler.class));
    }

    @Test
    void propertiesShouldBindGoodValuesIntoThePolicy() {
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + store,
                        "multiprocess.store.compaction.enabled=true",
                        "multiprocess.store.compaction.interval=15m",
                        "multiprocess.store.compaction.initial-delay=2h",
                        "multiprocess.store.compaction.keep-revisions=3",
                        "multiprocess.store.compaction.deleted-object-retention=7d",
                        "multiprocess.store.compaction.trash-content-retention=0s")
                .run(context -> {
                    MultiprocessStoreProperties.Compaction compaction =
                            context.getBean(MultiprocessStoreProperties.class).getCompaction();
                    assertThat(compaction.isEnabled()).isTrue();
                    assertThat(compaction.getInterval()).isEqualTo(Duration.ofMinutes(15));
                    assertThat(compaction.getInitialDelay()).isEqualTo(Duration.ofHours(2));
                    CompactionPolicy policy =
                            context.getBean(StoreCompactor.class).policy();
                    assertThat(policy.keepRevisions()).isEqualTo(3);
                    assertThat(policy.deletedObjectRetention()).isEqualTo(Duration.ofDays(7));
                    assertThat(policy.trashContentRetention()).isZero();
                    assertThat(context.getBean(CompactionScheduler.class).interval())
                            .isEqualTo(Duration.ofMinutes(15));
                });
    }

    @Test
    void defaultsShouldBeTheDocumentedOnes() {
        MultiprocessStoreProperties.Compaction compaction = new MultiprocessStoreProperties().getCompaction();

        assertThat(compaction.isEnabled()).isFalse();
        assertThat(compaction.getInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(compaction.getInitialDelay()).isZero();
        assertThat(compaction.getKeepRevisions()).isEqualTo(1);
        assertThat(compaction.getDeletedObjectRetention()).isEqualTo(Duration.ofDays(30));
        assertThat(compaction.getTrashContentRetention()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void keepingNoRevisionShouldFailNamingTheProperty() {
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + store, "multiprocess.store.compaction.keep-revisions=0")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("'multiprocess.store.compaction.keep-revisions' must be at least 1"));
    }

    @Test
    void aKeepCountThatDoesNotParseShouldFailNamingTheProperty() {
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + store, "multiprocess.store.compaction.keep-revisions=all")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(messagesOf(context.getStartupFailure()))
                            .contains("multiprocess.store.compaction.keep-revisions");
                });
    }

    @Test
    void aNegativeRetentionShouldFailNamingTheProperty() {
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + store,
                        "multiprocess.store.compaction.deleted-object-retention=-1d")
                .run(
                        context -> assertThat(context)
                                .hasFailed()
                                .getFailure()
                                .rootCause()
                                .hasMessageContaining(
                                        "'multiprocess.store.compaction.deleted-object-retention' must be a duration of zero or more"));
    }

    @Test
    void aNegativeTrashRetentionShouldFailNamingTheProperty() {
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + store, "multiprocess.store.compaction.trash-content-retention=-1s")
                .run(
                        context -> assertThat(context)
                                .hasFailed()
                                .getFailure()
                                .rootCause()
                                .hasMessageContaining(
                                        "'multiprocess.store.compaction.trash-content-retention' must be a duration of zero or more"));
    }

    @Test
    void anIntervalThatIsNotPositiveShouldFailNamingTheProperty() {
        // Checked where it is used, by the schedule, so only when compaction is scheduled.
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + store,
                        "multiprocess.store.compaction.enabled=true",
                        "multiprocess.store.compaction.interval=0s")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("'multiprocess.store.compaction.interval' must be a positive duration"));
    }

    @Test
    void runWhenTheApplicationDefinesTheCompactorShouldBackOffAndScheduleItsOwn() {
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + store,
                        "multiprocess.store.compaction.enabled=true",
                        "multiprocess.store.compaction.initial-delay=1h")
                .withBean(
                        "myCompactor",
                        StoreCompactor.class,
                        () -> new StoreCompactor(
                                StoreRoot.open(store, builder -> {}),
                                CompactionPolicy.defaults().withKeepRevisions(5)))
                .run(context -> {
                    assertThat(context).hasSingleBean(StoreCompactor.class).hasBean("myCompactor");
                    assertThat(context.getBean(CompactionScheduler.class)
                                    .compactor()
                                    .policy()
                                    .keepRevisions())
                            .isEqualTo(5);
                });
    }

    @Test
    void runWithoutTheCoreOnTheClassPathShouldBackOff() {
        contextRunner
                .withClassLoader(new FilteredClassLoader(StoreRoot.class))
                .withPropertyValues("multiprocess.store.path=" + store, "multiprocess.store.compaction.enabled=true")
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .doesNotHaveBean(StoreCompactor.class)
                        .doesNotHaveBean(CompactionScheduler.class));
    }

    @Test
    void compactNowKeepsTheConfiguredRevisionsInEveryCollectionAndNeverAConflict() {
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + store, "multiprocess.store.compaction.keep-revisions=2")
                .run(context -> {
                    StoreRoot root = context.getBean(StoreRoot.class);
                    writeRevisions(root.collection("notes"), "n1", 4);
                    writeRevisions(root.collection("profiles"), "p1", 3);
                    List<String> conflict = StoreFixtures.createConflict(root.collection("profiles"), "c1");

                    List<CompactionResult> results =
                            context.getBean(StoreCompactor.class).compactNow();

                    assertThat(results)
                            .extracting(result -> result.store().getFileName().toString())
                            .containsExactly("notes", "profiles");
                    // In profiles: p1's oldest revision, and c1's revision 0, which is not part of its conflict.
                    assertThat(results)
                            .extracting(CompactionResult::revisionsRetired)
                            .containsExactly(2L, 2L);
                    assertThat(root.collection("notes").getRevisions("n1")).hasSize(2);
                    assertThat(root.collection("profiles").getRevisions("p1")).hasSize(2);
                    assertThat(root.collection("profiles").getConflicts("c1")).containsExactly(conflict);
                    assertThat(root.collection("profiles").getRevisions("c1"))
                            .containsExactlyInAnyOrderElementsOf(conflict);
                    assertThat(root.collection("notes")
                                    .getObject("n1")
                                    .get("text")
                                    .asString())
                            .isEqualTo("v3");
                });
    }

    @Test
    void compactNowWithAnotherPolicyCanDiscardConflicts() {
        contextRunner.withPropertyValues("multiprocess.store.path=" + store).run(context -> {
            StoreRoot root = context.getBean(StoreRoot.class);
            StoreFixtures.createConflict(root.collection("profiles"), "c1");
            StoreCompactor compactor = context.getBean(StoreCompactor.class);

            compactor.compactNow(compactor.policy().withDiscardUnresolvedConflicts(true));

            assertThat(root.collection("profiles").getConflicts("c1")).isEmpty();
            assertThat(root.collection("profiles").getRevisions("c1")).hasSize(1);
        });
    }

    @Test
    void scheduledCompactionRunsWithoutBeingCalledAndStopsWithTheContext() {
        CompactionScheduler[] scheduler = new CompactionScheduler[1];
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + store,
                        "multiprocess.store.compaction.enabled=true",
                        "multiprocess.store.compaction.interval=100ms")
                .run(context -> {
                    scheduler[0] = context.getBean(CompactionScheduler.class);
                    ObjectStore notes = context.getBean(StoreRoot.class).collection("notes");
                    writeRevisions(notes, "n1", 3);

                    await().atMost(Duration.ofSeconds(20))
                            .until(() -> notes.getRevisions("n1").size() == 1);
                    assertThat(notes.getObject("n1").get("text").asString()).isEqualTo("v2");
                });

        assertThat(scheduler[0].isRunning()).isFalse();
    }

    /** Writes revisions 0 to count - 1 of one object, one after the other, with text "v0", "v1", ... */
    private static void writeRevisions(ObjectStore store, String id, int count) {
        ObjectNode current =
                store.createObject(JSON.createObjectNode().put("_id", id).put("text", "v0"));
        for (int i = 1; i < count; i++) {
            current = store.updateObject(current.put("text", "v" + i));
        }
    }

    private static String messagesOf(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }
}
