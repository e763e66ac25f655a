package io.github.multiprocessstore.internal.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.ChildJvm;
import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.TestJson;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two stores on one directory in one JVM share its lock files. POSIX drops all of a process's record locks on a
 * file when any of its descriptors of that file is closed, so closing one store must never close a lock file
 * through which the other holds a lock: another process, which is what the lock keeps out, must still find it held.
 */
class SharedLockFileIT {

    @TempDir
    Path temp;

    @Test
    void closingOneStoreNeverReleasesALockTheOtherHolds() throws Exception {
        Path directory = temp.resolve("store");
        Path lockDirectory = directory.resolve(".mpstore").resolve("locks");
        ObjectStore first = ObjectStore.builder(directory).durable(false).build();
        ObjectStore second = ObjectStore.builder(directory).durable(false).build();
        first.createObject(TestJson.object("doc", "n", 0));
        first.updateObjectAtomically("doc", c -> c.put("n", 1)); // the first store now uses the lock file too
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> second.updateObjectAtomically("doc", c -> {
            locked.countDown();
            try {
                release.await(ChildJvm.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return c.put("n", 2);
        }));
        assertThat(locked.await(ChildJvm.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                .isTrue();

        first.close();
        String whileHeld = probe(lockDirectory, "after-close");
        release.countDown();
        holder.get(ChildJvm.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        String afterRelease = probe(lockDirectory, "after-release");
        second.close();

        assertThat(whileHeld)
                .as("another process probing while the second store holds the lock")
                .isEqualTo("HELD");
        assertThat(afterRelease).as("the same probe once the lock is released").isEqualTo("FREE");
    }

    private String probe(Path lockDirectory, String name) {
        try (ChildJvm probe = ChildJvm.start(temp, name, LockProbe.class, lockDirectory.toString(), "doc")) {
            return probe.awaitSuccess().get(0);
        }
    }
}
