package io.github.multiprocessstore.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.ObjectTooLargeException;
import io.github.multiprocessstore.StoreRoot;
import io.github.multiprocessstore.autoconfigure.maintenance.MultiprocessStoreCompactionAutoConfiguration;
import io.github.multiprocessstore.autoconfigure.maintenance.MultiprocessStoreReplicationAutoConfiguration;
import io.github.multiprocessstore.maintenance.ReplicationScheduler;
import io.github.multiprocessstore.maintenance.StoreCompactor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code multiprocess.store.max-object-size} and {@code multiprocess.store.permissions.*}: bound, checked with a
 * message naming the property, and given to every collection's store, to replication and to compaction.
 */
class StoreLimitsPropertiesTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    MultiprocessStoreAutoConfiguration.class,
                    MultiprocessStoreReplicationAutoConfiguration.class,
                    MultiprocessStoreCompactionAutoConfiguration.class));

    @TempDir
    Path temp;

    private static ObjectNode object(String id, String padding) {
        return JsonNodeFactory.instance.objectNode().put("_id", id).put("pad", padding);
    }

    @Test
    void theMaximumObjectSizeDefaultsTo16MegabytesAndThePermissionsToTheUmask() {
        MultiprocessStoreProperties properties = new MultiprocessStoreProperties();

        assertThat(properties.getMaxObjectSize()).isEqualTo(DataSize.ofMegabytes(16));
        assertThat(properties.getPermissions().getFiles()).isNull();
        assertThat(properties.getPermissions().getDirectories()).isNull();
    }

    @Test
    void theMaximumObjectSizeReachesTheStoresOfEveryCollection() {
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + temp.resolve("store"), "multiprocess.store.max-object-size=1KB")
                .run(context -> {
                    ObjectStore store = context.getBean(StoreRoot.class).collection("notes");
                    store.createObject(object("small", "x".repeat(900)));
                    assertThatThrownBy(() -> store.createObject(object("big", "x".repeat(1100))))
                            .isInstanceOf(ObjectTooLargeException.class)
                            .hasMessageContaining("1024 bytes");
                });
    }

    @Test
    void aMaximumObjectSizeOfZeroOrOverOneGigabyteFailsNamingTheProperty() {
        for (String size : new String[] {"0B", "2GB"}) {
            contextRunner
                    .withPropertyValues(
                            "multiprocess.store.path=" + temp.resolve("store"),
                            "multiprocess.store.max-object-size=" + size)
                    .run(context -> assertThat(context)
                            .hasFailed()
                            .getFailure()
                            .rootCause()
                            .hasMessageContaining("'multiprocess.store.max-object-size' must be between 1B and 1GB"));
        }
    }

    @Test
    void thePermissionsReachEveryCollectionReplicationAndCompaction() throws Exception {
        Path peer = Files.createDirectories(temp.resolve("peer/notes"));
        try (ObjectStore peerStore = ObjectStore.open(peer)) {
            peerStore.createObject(object("from-peer", "p"));
        }
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + temp.resolve("store"),
                        "multiprocess.store.permissions.files=rw-------",
                        "multiprocess.store.permissions.directories=rwx------",
                        "multiprocess.store.replication.peers=" + temp.resolve("peer"),
                        "multiprocess.store.replication.initial-delay=1h")
                .run(context -> {
                    ObjectStore store = context.getBean(StoreRoot.class).collection("notes");
                    ObjectNode created = store.createObject(object("local", "l"));
                    Path collection = temp.resolve("store/notes");
                    assertThat(mode(collection.resolve("local"))).isEqualTo("rwx------");
                    assertThat(mode(collection
                                    .resolve("local")
                                    .resolve(created.get("_rev").asString())))
                            .isEqualTo("rw-------");

                    context.getBean(ReplicationScheduler.class).replicateNow();
                    Path pulled = collection.resolve("from-peer");
                    assertThat(mode(pulled)).isEqualTo("rwx------");
                    try (var files = Files.list(pulled)) {
                        files.forEach(file -> assertThat(mode(file)).isEqualTo("rw-------"));
                    }

                    store.updateObject(created.put("pad", "l2"));
                    context.getBean(StoreCompactor.class).compactNow();
                    Path records = collection.resolve(".mpstore/trash/local");
                    assertThat(mode(records)).isEqualTo("rwx------");
                });
    }

    @Test
    void permissionsThatAreNotPosixStringsFailNamingTheProperty() {
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + temp.resolve("store"),
                        "multiprocess.store.permissions.files=rw-r--r-x-")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("'multiprocess.store.permissions.files'")
                        .hasMessageContaining("rw-r--r-x-"));
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + temp.resolve("store"),
                        "multiprocess.store.permissions.directories=rw-------")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("'multiprocess.store.permissions.directories'")
                        .hasMessageContaining("rwx"));
    }

    private static String mode(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
