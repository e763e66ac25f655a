package io.github.multiprocessstore.autoconfigure.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.multiprocessstore.CoreLogCapture;
import io.github.multiprocessstore.StoreFixtures;
import io.github.multiprocessstore.StoreRoot;
import io.github.multiprocessstore.autoconfigure.MultiprocessStoreAutoConfiguration;
import io.github.multiprocessstore.autoconfigure.MultiprocessStoreProperties;
import io.github.multiprocessstore.maintenance.ReplicationScheduler;
import io.github.multiprocessstore.replication.PeerReplicationResult;
import io.github.multiprocessstore.replication.ReplicationDirection;
import io.github.multiprocessstore.replication.ReplicationOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The scheduled replication's auto-configuration: when it exists, how its properties bind, how it fails on bad
 * values, and what one run does with a peer that is missing or half broken.
 */
class MultiprocessStoreReplicationAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    MultiprocessStoreAutoConfiguration.class, MultiprocessStoreReplicationAutoConfiguration.class))
            // Scheduled runs would race with the assertions on results; the tests that want them set a delay.
            .withPropertyValues("multiprocess.store.replication.initial-delay=1h", "multiprocess.store.durable=false");

    @TempDir
    Path temp;

    @Test
    void runWithoutPeersShouldNotReplicate() {
        contextRunner
                .withPropertyValues("multiprocess.store.path=" + temp.resolve("store"))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ReplicationScheduler.class));
    }

    @Test
    void runWithAnEmptyPeerListShouldNotReplicate() {
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + temp.resolve("store"), "multiprocess.store.replication.peers=")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ReplicationScheduler.class));
    }

    @Test
    void runWithCommaSeparatedPeersShouldCreateTheSchedulerWithTheDefaults() {
        Path a = temp.resolve("peer-a");
        Path b = temp.resolve("peer-b");
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + temp.resolve("store"),
                        "multiprocess.store.replication.peers=" + a + "," + b)
                .run(context -> {
                    assertThat(context).hasSingleBean(ReplicationScheduler.class);
                    ReplicationScheduler scheduler = context.getBean(ReplicationScheduler.class);
                    assertThat(scheduler.peers()).containsExactly(a, b);
                    assertThat(scheduler.direction()).isEqualTo(ReplicationDirection.BOTH);
                    assertThat(scheduler.interval()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(scheduler.isRunning()).isTrue();
                });
    }

    @Test
    void runWithIndexedPeersAsFromYamlShouldCreateTheScheduler() {
        Path a = temp.resolve("peer-a");
        Path b = temp.resolve("peer-b");
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + temp.resolve("store"),
                        "multiprocess.store.replication.peers[0]=" + a,
                        "multiprocess.store.replication.peers[1]=" + b)
                .run(context -> assertThat(
                                context.getBean(ReplicationScheduler.class).peers())
                        .containsExactly(a, b));
    }

    @Test
    void aLeadingTildeInAPeerShouldExpandToTheUserHome() throws IOException {
        Path home = Files.createDirectory(temp.resolve("home"));
        String realHome = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
        try {
            contextRunner
                    .withPropertyValues(
                            "multiprocess.store.path=" + temp.resolve("store"),
                            "multiprocess.store.replication.peers=~/shared/app")
                    .run(context -> assertThat(
                                    context.getBean(ReplicationScheduler.class).peers())
                            .containsExactly(home.resolve("shared").resolve("app")));
        } finally {
            System.setProperty("user.home", realHome);
        }
    }

    @Test
    void propertiesShouldBindGoodValues() {
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + temp.resolve("store"),
                        "multiprocess.store.replication.peers=" + temp.resolve("peer"),
                        "multiprocess.store.replication.direction=pull",
                        "multiprocess.store.replication.interval=5m",
                        "multiprocess.store.replication.initial-delay=2h")
                .run(context -> {
                    MultiprocessStoreProperties.Replication replication =
                            context.getBean(MultiprocessStoreProperties.class).getReplication();
                    assertThat(replication.getPeers()).containsExactly(temp.resolve("peer"));
                    assertThat(replication.getDirection()).isEqualTo(ReplicationDirection.PULL);
                    assertThat(replication.getInterval()).isEqualTo(Duration.ofMinutes(5));
                    assertThat(replication.getInitialDelay()).isEqualTo(Duration.ofHours(2));
                    ReplicationScheduler scheduler = context.getBean(ReplicationScheduler.class);
                    assertThat(scheduler.direction()).isEqualTo(ReplicationDirection.PULL);
                    assertThat(scheduler.interval()).isEqualTo(Duration.ofMinutes(5));
                });
    }

    @Test
    void defaultsShouldBeTheDocumentedOnes() {
        MultiprocessStoreProperties.Replication replication = new MultiprocessStoreProperties().getReplication();

        assertThat(replication.getPeers()).isEmpty();
        assertThat(replication.getDirection()).isEqualTo(ReplicationDirection.BOTH);
        assertThat(replication.getInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(replication.getInitialDelay()).isZero();
    }

    @Test
    void anUnknownDirectionShouldFailNamingTheProperty() {
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + temp.resolve("store"),
                        "multiprocess.store.replication.peers=" + temp.resolve("peer"),
                        "multiprocess.store.replication.direction=sideways")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(messagesOf(context.getStartupFailure()))
                            .contains("multiprocess.store.replication.direction")
                            .contains("sideways");
                });
    }

    @Test
    void anIntervalThatIsNotPositiveShouldFailNamingTheProperty() {
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + temp.resolve("store"),
                        "multiprocess.store.replication.peers=" + temp.resolve("peer"),
                        "multiprocess.store.replication.interval=0s")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("'multiprocess.store.replication.interval' must be a positive duration"));
    }

    @Test
    void aNegativeInitialDelayShouldFailNamingTheProperty() {
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + temp.resolve("store"),
                        "multiprocess.store.replication.peers=" + temp.resolve("peer"),
                        "multiprocess.store.replication.initial-delay=-1s")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining(
                                "'multiprocess.store.replication.initial-delay' must be a duration of zero or more"));
    }

    @Test
    void anIntervalThatDoesNotParseShouldFailNamingTheProperty() {
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + temp.resolve("store"),
                        "multiprocess.store.replication.peers=" + temp.resolve("peer"),
                        "multiprocess.store.replication.interval=often")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(messagesOf(context.getStartupFailure()))
                            .contains("multiprocess.store.replication.interval")
                            .contains("often");
                });
    }

    @Test
    void aPeerInsideTheStoreShouldFailNamingBothProperties() {
        Path store = temp.resolve("store");
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + store,
                        "multiprocess.store.replication.peers=" + store.resolve("backup"))
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("'multiprocess.store.replication.peers[0]' (" + store.resolve("backup")
                                + ") overlaps the store's root, 'multiprocess.store.path' (" + store + ")"));
    }

    @Test
    void thePeerBeingTheStoreItselfShouldFail() {
        Path store = temp.resolve("store");
        contextRunner
                .withPropertyValues("multiprocess.store.path=" + store, "multiprocess.store.replication.peers=" + store)
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("'multiprocess.store.replication.peers[0]' (" + store + ") overlaps"));
    }

    @Test
    void aPeerListedTwiceShouldFail() {
        Path peer = temp.resolve("peer");
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + temp.resolve("store"),
                        "multiprocess.store.replication.peers=" + peer + "," + peer)
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining(
                                "'multiprocess.store.replication.peers[1]' (" + peer + ") is listed twice"));
    }

    @Test
    void runWhenTheApplicationDefinesTheSchedulerShouldBackOff() {
        Path store = temp.resolve("store");
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + store,
                        "multiprocess.store.replication.peers=" + temp.resolve("peer"))
                .withBean(
                        "myScheduler",
                        ReplicationScheduler.class,
                        () -> new ReplicationScheduler(
                                io.github.multiprocessstore.replication.RootReplication.of(
                                        StoreRoot.open(store, builder -> {}),
                                        List.of(temp.resolve("own-peer")),
                                        ReplicationDirection.PUSH,
                                        ReplicationOptions.defaults()),
                                new org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler(),
                                Duration.ofHours(1),
                                Duration.ofHours(1)))
                .run(context -> {
                    assertThat(context)
                            .hasSingleBean(ReplicationScheduler.class)
                            .hasBean("myScheduler");
                    assertThat(context.getBean(ReplicationScheduler.class).peers())
                            .containsExactly(temp.resolve("own-peer"));
                });
    }

    @Test
    void runWithoutTheCoreOnTheClassPathShouldBackOff() {
        contextRunner
                .withClassLoader(new FilteredClassLoader(StoreRoot.class))
                .withPropertyValues(
                        "multiprocess.store.path=" + temp.resolve("store"),
                        "multiprocess.store.replication.peers=" + temp.resolve("peer"))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ReplicationScheduler.class));
    }

    @Test
    void theScheduleStartsWithTheContextAndStopsWhenItCloses() {
        ReplicationScheduler[] scheduler = new ReplicationScheduler[1];
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + temp.resolve("store"),
                        "multiprocess.store.replication.peers=" + temp.resolve("peer"))
                .run(context -> {
                    scheduler[0] = context.getBean(ReplicationScheduler.class);
                    assertThat(scheduler[0].isRunning()).isTrue();
                });

        assertThat(scheduler[0].isRunning()).isFalse();
    }

    @Test
    void scheduledRunsReplicateWithoutBeingCalled() throws IOException {
        Path store = temp.resolve("store");
        Path peer = Files.createDirectory(temp.resolve("peer"));
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + store,
                        "multiprocess.store.replication.peers=" + peer,
                        "multiprocess.store.replication.initial-delay=0s",
                        "multiprocess.store.replication.interval=100ms")
                .run(context -> {
                    StoreFixtures.createObject(context.getBean(StoreRoot.class).collection("notes"), "n1");

                    await().atMost(Duration.ofSeconds(20)).until(() -> Files.isDirectory(peer.resolve("notes/n1")));
                    ReplicationScheduler scheduler = context.getBean(ReplicationScheduler.class);
                    await().atMost(Duration.ofSeconds(20))
                            .until(() -> scheduler.lastResult(peer).isPresent());
                    assertThat(scheduler.lastSuccess(peer)).isPresent();
                });
    }

    @Test
    void aMissingPeerFailsTheRunWithoutBeingCreatedAndWithoutThrowing() {
        Path store = temp.resolve("store");
        Path unmounted = temp.resolve("mnt").resolve("shared");
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + store, "multiprocess.store.replication.peers=" + unmounted)
                .run(context -> {
                    StoreFixtures.createObject(context.getBean(StoreRoot.class).collection("notes"), "n1");
                    ReplicationScheduler scheduler = context.getBean(ReplicationScheduler.class);

                    List<PeerReplicationResult> results = scheduler.replicateNow();

                    assertThat(results).hasSize(1);
                    PeerReplicationResult result = results.get(0);
                    assertThat(result.succeeded()).isFalse();
                    assertThat(result.errors())
                            .singleElement()
                            .asString()
                            .contains(unmounted.toString())
                            .contains("does not exist");
                    assertThat(result.collections()).isEmpty();
                    assertThat(unmounted).doesNotExist();
                    assertThat(scheduler.lastResult(unmounted)).contains(result);
                    assertThat(scheduler.lastSuccess(unmounted)).isEmpty();
                });
    }

    @Test
    void aFailingCollectionIsReportedWithThePeerAndTheRestIsStillReplicated() throws IOException {
        Path store = temp.resolve("store");
        Path broken = Files.createDirectory(temp.resolve("broken-peer"));
        Path healthy = Files.createDirectory(temp.resolve("healthy-peer"));
        // A file where the peer's collection directory belongs: pushing that collection cannot work.
        Files.writeString(broken.resolve("notes"), "not a collection");
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + store,
                        "multiprocess.store.replication.peers=" + broken + "," + healthy)
                .run(context -> {
                    StoreRoot root = context.getBean(StoreRoot.class);
                    StoreFixtures.createObject(root.collection("notes"), "n1");
                    StoreFixtures.createObject(root.collection("profiles"), "p1");

                    List<PeerReplicationResult> results;
                    try (CoreLogCapture log = new CoreLogCapture()) {
                        results = context.getBean(ReplicationScheduler.class).replicateNow();

                        assertThat(log.warnings())
                                .singleElement()
                                .asString()
                                .contains("push of collection 'notes' to " + broken.resolve("notes"));
                    }

                    PeerReplicationResult failed = results.get(0);
                    assertThat(failed.peer()).isEqualTo(broken);
                    assertThat(failed.succeeded()).isFalse();
                    assertThat(failed.errors())
                            .singleElement()
                            .asString()
                            .contains("push of collection 'notes'")
                            .contains(broken.resolve("notes").toString());
                    assertThat(failed.collections()).containsExactly("profiles");
                    assertThat(broken.resolve("profiles").resolve("p1")).isDirectory();

                    PeerReplicationResult succeeded = results.get(1);
                    assertThat(succeeded.succeeded()).isTrue();
                    assertThat(succeeded.collections()).containsExactly("notes", "profiles");
                    assertThat(succeeded.pushed().revisionsCopied()).isEqualTo(2);
                    assertThat(healthy.resolve("notes").resolve("n1")).isDirectory();
                });
    }

    @Test
    void pullOnlyCopiesFromThePeerAndNeverIntoIt() throws IOException {
        Path peer = Files.createDirectory(temp.resolve("peer"));
        StoreFixtures.createObject(StoreRoot.open(peer, builder -> {}).collection("notes"), "on-peer");
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + temp.resolve("store"),
                        "multiprocess.store.replication.peers=" + peer,
                        "multiprocess.store.replication.direction=PULL")
                .run(context -> {
                    StoreRoot root = context.getBean(StoreRoot.class);
                    StoreFixtures.createObject(root.collection("notes"), "here");
                    StoreFixtures.createObject(root.collection("profiles"), "here");

                    PeerReplicationResult result = context.getBean(ReplicationScheduler.class)
                            .replicateNow()
                            .get(0);

                    assertThat(root.collection("notes").exists("on-peer")).isTrue();
                    assertThat(peer.resolve("notes").resolve("here")).doesNotExist();
                    assertThat(peer.resolve("profiles")).doesNotExist();
                    assertThat(result.pulled().revisionsCopied()).isEqualTo(1);
                    assertThat(result.pushed()).isEqualTo(PeerReplicationResult.Transfer.NONE);
                });
    }

    @Test
    void pushOnlyCopiesIntoThePeerAndNeverFromIt() throws IOException {
        Path peer = Files.createDirectory(temp.resolve("peer"));
        StoreFixtures.createObject(StoreRoot.open(peer, builder -> {}).collection("notes"), "on-peer");
        StoreFixtures.createObject(StoreRoot.open(peer, builder -> {}).collection("only-on-peer"), "x");
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + temp.resolve("store"),
                        "multiprocess.store.replication.peers=" + peer,
                        "multiprocess.store.replication.direction=PUSH")
                .run(context -> {
                    StoreRoot root = context.getBean(StoreRoot.class);
                    StoreFixtures.createObject(root.collection("notes"), "here");

                    PeerReplicationResult result = context.getBean(ReplicationScheduler.class)
                            .replicateNow()
                            .get(0);

                    assertThat(peer.resolve("notes").resolve("here")).isDirectory();
                    assertThat(root.collection("notes").exists("on-peer")).isFalse();
                    assertThat(root.collectionNames()).containsExactly("notes");
                    assertThat(result.pushed().revisionsCopied()).isEqualTo(1);
                    assertThat(result.pulled()).isEqualTo(PeerReplicationResult.Transfer.NONE);
                });
    }

    private static String messagesOf(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }
}
