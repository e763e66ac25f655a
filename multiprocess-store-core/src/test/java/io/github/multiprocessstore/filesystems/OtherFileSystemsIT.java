package io.github.multiprocessstore.filesystems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.StorePermissions;
import io.github.multiprocessstore.compaction.CompactionPolicy;
import io.github.multiprocessstore.compaction.Compactor;
import io.github.multiprocessstore.replication.ReplicationOptions;
import io.github.multiprocessstore.replication.Replicator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A representative part of the core's behaviour on other local file systems: xfs and btrfs (loop images the test
 * creates), tmpfs, and the FUSE file system bindfs over a directory. On each: every kind of write and read,
 * conflicts and their resolution, the history limit, replication and compaction, the permissions, and the
 * multi-process claims with real child JVMs (one winner of racing creates, every plain update kept, no lost strict
 * increment). On bindfs, where the kernel caches attributes, kept listings are switched off, which a write made
 * beneath the mount proves.
 */
@Tag("filesystems")
class OtherFileSystemsIT {

    @TempDir
    Path temp;

    private final Mounts mounts = new Mounts();

    @BeforeAll
    static void canMount() {
        HostTools.assumeRoot();
        HostTools.assumeTools("mount", "umount", "truncate");
    }

    @AfterEach
    void unmount() {
        mounts.close();
    }

    private Path mount(String fileSystem) {
        Path mountPoint = temp.resolve("mnt-" + fileSystem);
        return switch (fileSystem) {
            case "xfs" -> {
                HostTools.assumeTools("mkfs.xfs");
                yield mounts.loopImage(temp.resolve("xfs.img"), "300M", mountPoint, "mkfs.xfs", "-q");
            }
            case "btrfs" -> {
                HostTools.assumeTools("mkfs.btrfs");
                yield mounts.loopImage(temp.resolve("btrfs.img"), "300M", mountPoint, "mkfs.btrfs", "-q");
            }
            case "tmpfs" -> mounts.tmpfs(mountPoint, "size=64m");
            case "bindfs" -> {
                HostTools.assumeTools("bindfs");
                assumeTrue(Files.exists(Path.of("/dev/fuse")), "needs /dev/fuse for the FUSE file system bindfs");
                Path beneath = temp.resolve("beneath-bindfs");
                yield mounts.bindfs(beneath, mountPoint);
            }
            default -> throw new IllegalArgumentException(fileSystem);
        };
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"xfs", "btrfs", "tmpfs", "bindfs"})
    void theCoreBehaviourHolds(String fileSystem) throws Exception {
        Path mount = mount(fileSystem);
        assertThat(Mounts.typeOf(mount))
                .as("file system type")
                .contains(fileSystem.equals("bindfs") ? "fuse" : fileSystem);
        Path directory = mount.resolve("store");
        StorePermissions permissions = StorePermissions.of("rw-------", "rwx------");

        try (ObjectStore store = ObjectStore.builder(directory)
                .permissions(permissions)
                .historyLimit(4)
                .build()) {
            ObjectNode created = store.createObject(object("alice", 0));
            ObjectNode a = store.updateObject(created.deepCopy().put("n", 1));
            store.updateObject(created.deepCopy().put("n", 2));
            assertThat(store.getConflicts("alice"))
                    .singleElement()
                    .satisfies(g -> assertThat(g).hasSize(2));
            store.resolveConflict("alice", a.get("_rev").asString());
            assertThat(store.getObject("alice").get("n").asInt()).isEqualTo(1);
            for (int i = 0; i < 10; i++) {
                store.updateObjectAtomically(
                        "alice", doc -> doc.put("n", doc.get("n").asInt() + 1));
            }
            assertThat(store.getObject("alice").get("n").asInt()).isEqualTo(11);
            assertThat(SharedStoreScenarios.names(directory.resolve("alice"))).hasSizeLessThanOrEqualTo(4);
            store.upsertObject(object("bob", 1));
            store.deleteObject("bob");
            assertThat(store.findObject("bob")).isEmpty();
            store.createObject(object("bob", 2));
            assertThat(store.count()).isEqualTo(2);
            try (Stream<ObjectNode> all = store.streamObjects()) {
                assertThat(all.map(o -> o.get("_id").asString())).containsExactlyInAnyOrder("alice", "bob");
            }
        }
        Path copy = mount.resolve("copy");
        Replicator.replicate(directory, copy, ReplicationOptions.defaults().withPermissions(permissions));
        Compactor.compact(copy, CompactionPolicy.defaults().withPermissions(permissions));
        try (ObjectStore replica = ObjectStore.open(copy)) {
            assertThat(replica.getObject("alice").get("n").asInt()).isEqualTo(11);
            assertThat(replica.getRevisions("alice")).hasSize(1);
        }
        try (Stream<Path> entries = Files.walk(directory)) {
            entries.filter(path -> !path.equals(directory))
                    .forEach(path -> assertThat(mode(path))
                            .as(path.toString())
                            .isEqualTo(Files.isDirectory(path) ? "rwx------" : "rw-------"));
        }

        new SharedStoreScenarios(temp, List.of(mount.resolve("shared")), 3, 8).runAll();
    }

    @Test
    void onAFuseFileSystemKeptListingsAreOffSoAChangeBeneathItIsSeenAtOnce() throws Exception {
        HostTools.assumeTools("bindfs");
        assumeTrue(Files.exists(Path.of("/dev/fuse")), "needs /dev/fuse for the FUSE file system bindfs");
        Path beneath = temp.resolve("beneath-bindfs");
        Path mount = mount("bindfs");
        try (ObjectStore store = ObjectStore.open(mount.resolve("store"))) {
            ObjectNode doc = store.createObject(object("doc", 0));
            // Past the settle time after which a local file system's listing would be kept between reads.
            Thread.sleep(Duration.ofMillis(3500).toMillis());
            assertThat(store.getObject("doc").get("n").asInt()).isZero();
            assertThat(store.getObject("doc").get("n").asInt()).isZero();

            // A writer on the file system beneath (another host of a shared file system, in effect) adds revision 1.
            try (ObjectStore underneath = ObjectStore.open(beneath.resolve("store"))) {
                underneath.updateObject(doc.deepCopy().put("n", 1));
            }

            assertThat(store.getObject("doc").get("n").asInt()).isEqualTo(1);
        }
    }

    private static ObjectNode object(String id, int n) {
        return JsonNodeFactory.instance.objectNode().put("_id", id).put("n", n);
    }

    private static String mode(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
