package io.github.multiprocessstore.internal.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock files a JVM keeps open: bounded, and never the files of a directory that was replaced. */
class ObjectLocksTest {

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
}
