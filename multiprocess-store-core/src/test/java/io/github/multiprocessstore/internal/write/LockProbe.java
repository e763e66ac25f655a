package io.github.multiprocessstore.internal.write;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A separate process that tries, without waiting, to take the record lock of one object, as any other process
 * using the library would: prints {@code HELD} if another process holds it, else {@code FREE}; then {@code DONE}.
 * Arguments: {@code <lock directory> <object directory name>}.
 */
public final class LockProbe {

    private LockProbe() {}

    /**
     * Probes the lock.
     *
     * @param args see the class comment
     * @throws IOException if the lock file cannot be opened
     */
    public static void main(String[] args) throws IOException {
        Path directory = Path.of(args[0]);
        String key = args[1];
        try (FileChannel channel = FileChannel.open(
                ObjectLocks.lockFileOf(directory, key), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock(ObjectLocks.positionOf(key), 1, false);
            System.out.println(lock == null ? "HELD" : "FREE");
            if (lock != null) {
                lock.release();
            }
        }
        System.out.println("DONE");
    }
}
