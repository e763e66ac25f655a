package io.github.multiprocessstore.internal.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock files a JVM keeps open: bounded, and never the files of a directory that was replaced. */
class ObjectLocksTests {

    @TempDir
    Path temp;

    @Test
    void locksOverManyStoresKeepABoundedNumberOfFilesOpen() throws IOException {
        for (int store = 0; store < 4; store++) {
            Path directory = Files.createDirectories(temp.resolve("store-" + store));
            ObjectLocks locks = new ObjectLocks(directory);
            for (int key = 0; key < 3_000; key++) {
                locks.withLock("object-" + key, () -> null);
            }
            assertThat(ObjectLocks.openLockFiles()).isLessThanOrEqualTo(ObjectLocks.MAX_OPEN_LOCK_FILES);
        }
        try (Stream<Path> files = Files.list(temp.resolve("store-0"))) {
            assertThat(files.count()).as("nearly every stripe was used").isGreaterThan(200);
        }
    }

    @Test
    void aStoreOpenedAgainOverARecreatedLockDirectoryLocksTheNewFiles() throws IOException {
        Path directory = Files.createDirectories(temp.resolve("locks"));
        new ObjectLocks(directory).withLock("doc", () -> null);
        Path lockFile;
        try (Stream<Path> files = Files.list(directory)) {
            lockFile = files.findFirst().orElseThrow();
        }
        try (Stream<Path> all = Files.walk(directory)) {
            all.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        Files.createDirectories(directory);

        new ObjectLocks(directory).withLock("doc", () -> null);

        assertThat(lockFile).as("the lock file other processes would open now").exists();
    }

    @Test
    void theActionsResultAndExceptionsPassThrough() throws IOException {
        ObjectLocks locks = new ObjectLocks(Files.createDirectories(temp.resolve("locks")));

        assertThat(locks.withLock("doc", () -> "result")).isEqualTo("result");
        try {
            locks.withLock("doc", () -> {
                throw new IOException("failed under the lock");
            });
        } catch (IOException expected) {
            assertThat(expected).hasMessage("failed under the lock");
        }
        assertThat(locks.withLock("doc", () -> "again")).isEqualTo("again");
    }

    @Test
    void aLockFileSharedByTwoInstancesStaysOpenUntilTheLastOneCloses() throws IOException {
        Path directory = Files.createDirectories(temp.resolve("shared"));
        ObjectLocks first = new ObjectLocks(directory);
        ObjectLocks second = new ObjectLocks(directory);
        first.withLock("doc", () -> null);
        second.withLock("doc", () -> null);
        Path lockFile = ObjectLocks.lockFileOf(directory, "doc");

        first.close();
        assertThat(ObjectLocks.isOpen(lockFile)).as("still used by the second").isTrue();
        second.close();
        assertThat(ObjectLocks.isOpen(lockFile)).as("released with the last").isFalse();
    }

    @Test
    void aLockFileStaysOpenWhileAThreadHoldsItsLockEvenIfItsOwnerCloses() throws Exception {
        Path directory = Files.createDirectories(temp.resolve("held"));
        ObjectLocks locks = new ObjectLocks(directory);
        Path lockFile = ObjectLocks.lockFileOf(directory, "doc");
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            try {
                locks.withLock("doc", () -> {
                    locked.countDown();
                    awaitQuietly(release);
                    return null;
                });
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        holder.start();
        locked.await();

        locks.close();
        assertThat(ObjectLocks.isOpen(lockFile))
                .as("closing it would drop the held lock")
                .isTrue();
        release.countDown();
        holder.join();
        assertThat(ObjectLocks.isOpen(lockFile))
                .as("closed by the last thread out")
                .isFalse();
    }

    @Test
    void aClosedInstanceRefusesToLock() throws IOException {
        ObjectLocks locks = new ObjectLocks(Files.createDirectories(temp.resolve("closed")));
        locks.close();

        assertThatThrownBy(() -> locks.withLock("doc", () -> null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
