package io.github.multiprocessstore.autoconfigure.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.StoreFixtures;
import io.github.multiprocessstore.StoreRoot;
import io.github.multiprocessstore.autoconfigure.MultiprocessStoreAutoConfiguration;
import io.github.multiprocessstore.autoconfigure.maintenance.MultiprocessStoreReplicationAutoConfiguration;
import io.github.multiprocessstore.endpoint.ReplicationEndpoint;
import io.github.multiprocessstore.endpoint.ReplicationEndpoint.PeerDescriptor;
import io.github.multiprocessstore.endpoint.ReplicationEndpoint.PeerStatus;
import io.github.multiprocessstore.endpoint.ReplicationEndpoint.ReplicationDescriptor;
import io.github.multiprocessstore.maintenance.ReplicationScheduler;
import io.github.multiprocessstore.replication.ReplicationDirection;
import io.github.multiprocessstore.replication.ReplicationOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.json.JsonMapper;

/** The {@code replication} endpoint: when it exists and what it returns. */
class ReplicationEndpointAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    MultiprocessStoreAutoConfiguration.class,
                    MultiprocessStoreReplicationAutoConfiguration.class,
                    ReplicationEndpointAutoConfiguration.class))
            .withPropertyValues("multiprocess.store.replication.initial-delay=1h", "multiprocess.store.durable=false");

    @TempDir
    Path temp;

    @Test
    void runWhenNotExposedShouldNotCreateTheEndpoint() {
        contextRunner
                .withPropertyValues(storeWithPeer())
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .hasSingleBean(ReplicationScheduler.class)
                        .doesNotHaveBean(ReplicationEndpoint.class));
    }

    @Test
    void runWhenExposedShouldCreateTheEndpoint() {
        contextRunner
                .withPropertyValues(storeWithPeer())
                .withPropertyValues("management.endpoints.web.exposure.include=health,replication")
                .run(context -> assertThat(context).hasSingleBean(ReplicationEndpoint.class));
    }

    @Test
    void runWhenExposedWithoutPeersShouldNotCreateTheEndpoint() {
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + temp.resolve("store"),
                        "management.endpoints.web.exposure.include=replication")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ReplicationEndpoint.class));
    }

    @Test
    void runWhenExposedButAccessIsNoneShouldNotCreateTheEndpoint() {
        contextRunner
                .withPropertyValues(storeWithPeer())
                .withPropertyValues(
                        "management.endpoints.web.exposure.include=replication",
                        "management.endpoint.replication.access=NONE")
                .run(context -> assertThat(context).doesNotHaveBean(ReplicationEndpoint.class));
    }

    @Test
    void runWithoutActuatorOnTheClassPathShouldBackOff() {
        contextRunner
                .withPropertyValues(storeWithPeer())
                .withPropertyValues("management.endpoints.web.exposure.include=replication")
                .withClassLoader(new FilteredClassLoader(Endpoint.class))
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .hasSingleBean(ReplicationScheduler.class)
                        .doesNotHaveBean(ReplicationEndpoint.class));
    }

    @Test
    void runWhenTheApplicationDefinesTheEndpointShouldBackOff() {
        Path store = temp.resolve("store");
        contextRunner
                .withPropertyValues(storeWithPeer())
                .withPropertyValues("management.endpoints.web.exposure.include=replication")
                .withBean(
                        "ownReplicationEndpoint",
                        ReplicationEndpoint.class,
                        () -> new ReplicationEndpoint(new ReplicationScheduler(
                                io.github.multiprocessstore.replication.RootReplication.of(
                                        StoreRoot.open(store, builder -> {}),
                                        List.of(temp.resolve("other")),
                                        ReplicationDirection.PUSH,
                                        ReplicationOptions.defaults()),
                                new org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler(),
                                Duration.ofHours(1),
                                Duration.ofHours(1))))
                .run(context -> assertThat(context)
                        .hasSingleBean(ReplicationEndpoint.class)
                        .hasBean("ownReplicationEndpoint"));
    }

    @Test
    void beforeTheFirstRunEveryPeerIsPending() {
        contextRunner
                .withPropertyValues(storeWithPeer())
                .withPropertyValues("management.endpoints.web.exposure.include=replication")
                .run(context -> {
                    ReplicationDescriptor document =
                            context.getBean(ReplicationEndpoint.class).replication();

                    assertThat(document.store()).isEqualTo(temp.resolve("store").toString());
                    assertThat(document.direction()).isEqualTo(ReplicationDirection.BOTH);
                    assertThat(document.interval()).isEqualTo("PT30S");
                    assertThat(document.peers()).singleElement().satisfies(peer -> {
                        assertThat(peer.path()).isEqualTo(temp.resolve("peer").toString());
                        assertThat(peer.status()).isEqualTo(PeerStatus.PENDING);
                        assertThat(peer.lastRun()).isNull();
                        assertThat(peer.errors()).isEmpty();
                    });
                });
    }

    @Test
    void afterRunsTheDocumentShowsTheLatestResultOfEveryPeerButNoObjectContent() throws Exception {
        Path good = Files.createDirectory(temp.resolve("good"));
        Path missing = temp.resolve("missing");
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + temp.resolve("store"),
                        "multiprocess.store.replication.peers=" + good + "," + missing,
                        "management.endpoints.web.exposure.include=replication")
                .run(context -> {
                    StoreFixtures.createConflict(
                            context.getBean(StoreRoot.class).collection("profiles"), "alice");
                    context.getBean(ReplicationScheduler.class).replicateNow();

                    ReplicationDescriptor document =
                            context.getBean(ReplicationEndpoint.class).replication();

                    PeerDescriptor succeeded = document.peers().get(0);
                    assertThat(succeeded.status()).isEqualTo(PeerStatus.SUCCEEDED);
                    assertThat(succeeded.lastRun()).isNotNull().isEqualTo(succeeded.lastSuccess());
                    assertThat(succeeded.duration()).startsWith("PT");
                    assertThat(succeeded.collections()).containsExactly("profiles");
                    assertThat(succeeded.pushed().revisionsCopied()).isEqualTo(3);
                    assertThat(succeeded.pushed().objectsCreated()).isEqualTo(1);
                    assertThat(succeeded.pulled().revisionsCopied()).isZero();
                    assertThat(succeeded.errors()).isEmpty();

                    PeerDescriptor failed = document.peers().get(1);
                    assertThat(failed.status()).isEqualTo(PeerStatus.FAILED);
                    assertThat(failed.lastRun()).isNotNull();
                    assertThat(failed.lastSuccess()).isNull();
                    assertThat(failed.errors()).singleElement().asString().contains(missing.toString());

                    String json = JsonMapper.builder().build().writeValueAsString(document);
                    assertThat(json).doesNotContain("s3cret");
                });
    }

    private String[] storeWithPeer() {
        return new String[] {
            "multiprocess.store.path=" + temp.resolve("store"),
            "multiprocess.store.replication.peers=" + temp.resolve("peer")
        };
    }
}
