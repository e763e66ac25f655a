package io.github.multiprocessstore.filesystems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.multiprocessstore.ObjectAlreadyExistsException;
import io.github.multiprocessstore.ObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One store on a distributed file system shared by several hosts: a GlusterFS volume (replica 2, both bricks on
 * this machine) served by a {@code glusterd} the test starts, mounted twice through the FUSE client, each mount
 * standing for one host. Processes on different mounts race creates (one winner), update from one revision (all
 * kept as conflicts) and increment strictly (none lost: POSIX record locks hold across the clients); and a write
 * through one mount is read through the other at once, even after the reader's listing would have been kept on a
 * local file system (kept listings are off on FUSE file systems); and a new store opened through both mounts at the
 * same moment opens through both.
 */
@Tag("filesystems")
class GlusterFsIT {

    @TempDir
    static Path temp;

    private static final Mounts MOUNTS = new Mounts();
    private static Process glusterd;
    private static String volume;
    private static Path mountA;
    private static Path mountB;

    @BeforeAll
    static void serveAVolumeMountedTwice() throws Exception {
        HostTools.assumeRoot();
        HostTools.assumeTools("glusterd", "gluster", "mount.glusterfs");
        assumeTrue(Files.exists(Path.of("/dev/fuse")), "needs /dev/fuse for the GlusterFS FUSE client");
        if (!HostTools.run("pgrep", "-x", "glusterd").ok()) {
            glusterd = new ProcessBuilder("glusterd", "--no-daemon", "--log-file=" + temp.resolve("glusterd.log"))
                    .redirectErrorStream(true)
                    .redirectOutput(temp.resolve("glusterd.out").toFile())
                    .start();
        }
        awaitGlusterd();
        String host = HostTools.require("hostname").strip();
        volume = "mpstore" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
        Path brick1 = Files.createDirectories(temp.resolve("brick1"));
        Path brick2 = Files.createDirectories(temp.resolve("brick2"));
        HostTools.require(
                "gluster",
                "--mode=script",
                "volume",
                "create",
                volume,
                "replica",
                "2",
                host + ":" + brick1,
                host + ":" + brick2,
                "force");
        HostTools.require("gluster", "--mode=script", "volume", "start", volume);
        mountA = mountVolume(host, temp.resolve("host-a"));
        mountB = mountVolume(host, temp.resolve("host-b"));
    }

    private static Path mountVolume(String host, Path mountPoint) throws IOException {
        Files.createDirectories(mountPoint);
        HostTools.require("mount", "-t", "glusterfs", host + ":/" + volume, mountPoint.toString());
        return MOUNTS.adopt(mountPoint);
    }

    private static void awaitGlusterd() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!HostTools.run("gluster", "--mode=script", "volume", "list").ok()) {
            if (System.nanoTime() > deadline || (glusterd != null && !glusterd.isAlive())) {
                throw new AssertionError("glusterd did not start; see " + temp.resolve("glusterd.log"));
            }
            Thread.sleep(200);
        }
    }

    @AfterAll
    static void unmountAndRemoveTheVolume() throws InterruptedException {
        try {
            MOUNTS.close();
        } finally {
            if (volume != null) {
                HostTools.run("gluster", "--mode=script", "volume", "stop", volume, "force");
                HostTools.run("gluster", "--mode=script", "volume", "delete", volume);
            }
            if (glusterd != null) {
                glusterd.destroy();
                if (!glusterd.waitFor(20, TimeUnit.SECONDS)) {
                    glusterd.destroyForcibly();
                }
            }
        }
    }

    @Test
    void processesOnDifferentMountsRaceCreatesUpdateFromOneRevisionAndIncrementStrictly() throws IOException {
        Path onA = Files.createDirectories(mountA.resolve("shared"));
        assertThat(Mounts.typeOf(onA)).contains("fuse");

        new SharedStoreScenarios(temp, List.of(onA, mountB.resolve("shared")), 4, 10).runAll();
    }

    @Test
    void aNewStoreOpenedThroughBothMountsAtTheSameMomentOpensThroughBoth() throws Exception {
        // Each client may answer a lookup from its cache for a moment after the other created a directory, while
        // its own mkdir already says the directory exists: both openings must take that for success.
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            for (int round = 0; round < 300; round++) {
                Path onA = Files.createDirectories(mountA.resolve("opened-" + round));
                Path onB = mountB.resolve("opened-" + round);
                List<Path> sides = List.of(onA, onB, onA, onB, onA, onB);
                CyclicBarrier start = new CyclicBarrier(sides.size());
                List<Future<ObjectStore>> openings = new ArrayList<>();
                for (Path side : sides) {
                    openings.add(pool.submit(() -> {
                        start.await();
                        return ObjectStore.open(side);
                    }));
                }
                for (Future<ObjectStore> opening : openings) {
                    opening.get(60, TimeUnit.SECONDS).close();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void createsOfOneIdThroughBothMountsAtOnceHaveOneWinnerAndTheOthersAreToldItExists() throws Exception {
        // The losers' rename fails because the other client's directory is there, which their lookup may not show
        // at once: they must still answer "exists", never an I/O error.
        List<ObjectStore> stores = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            for (Path mount : List.of(mountA, mountB, mountA, mountB, mountA, mountB)) {
                stores.add(ObjectStore.open(mount.resolve("created")));
            }
            for (int round = 0; round < 200; round++) {
                String id = "doc-" + round;
                CyclicBarrier start = new CyclicBarrier(stores.size());
                List<Future<Boolean>> creates = new ArrayList<>();
                for (ObjectStore store : stores) {
                    creates.add(pool.submit(() -> {
                        start.await();
                        try {
                            store.createObject(object(id, 0));
                            return true;
                        } catch (ObjectAlreadyExistsException lost) {
                            return false;
                        }
                    }));
                }
                int winners = 0;
                for (Future<Boolean> create : creates) {
                    winners += create.get(60, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(winners).as("winners of %s", id).isEqualTo(1);
                assertThat(stores.get(1).getRevisions(id))
                        .as("revisions of %s", id)
                        .hasSize(1);
            }
        } finally {
            pool.shutdownNow();
            for (ObjectStore store : stores) {
                store.close();
            }
        }
    }

    @Test
    void aWriteThroughOneMountIsReadThroughTheOtherAtOnce() throws Exception {
        try (ObjectStore hostA = ObjectStore.open(mountA.resolve("visibility"));
                ObjectStore hostB = ObjectStore.open(mountB.resolve("visibility"))) {
            ObjectNode doc = hostA.createObject(object("doc", 0));
            assertThat(hostB.getObject("doc")).isEqualTo(doc);
            for (int n = 1; n <= 20; n++) {
                final int value = n;
                doc = hostA.updateObjectAtomically("doc", d -> d.put("n", value));
                assertThat(hostB.getObject("doc"))
                        .as("read through B right after write %d through A", n)
                        .isEqualTo(doc);
            }
            // Past the settle time after which a local file system's listing would be kept between reads.
            Thread.sleep(Duration.ofMillis(3500).toMillis());
            assertThat(hostB.getObject("doc")).isEqualTo(doc);
            ObjectNode later = hostA.updateObjectAtomically("doc", d -> d.put("n", 21));
            assertThat(hostB.getObject("doc")).isEqualTo(later);
            assertThat(hostB.getRevisions("doc")).hasSize(22);
        }
    }

    private static ObjectNode object(String id, int n) {
        return JsonNodeFactory.instance.objectNode().put("_id", id).put("n", n);
    }
}
