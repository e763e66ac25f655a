package io.github.multiprocessstore.write;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive per-object locks that hold across threads and processes, for the operations that must read the winner
 * and write on top of it atomically (strict update, delete, upsert, resolution). Plain updates and reads take no
 * lock.
 *
 * <p>Each object maps to one of {@value #STRIPES} lock files (by a hash of its directory name) and, within that
 * file, to a one-byte region at a position given by a 64-bit hash; the region is locked with an OS record lock
 * (fcntl), which the kernel releases if the process dies, so a crash never leaves a lock behind. Different objects
 * almost never share a region, so writers on different objects do not wait for each other across processes.
 * Within one JVM a lock file is used by one thread at a time: POSIX drops all of a process's record locks on a file
 * when any of its descriptors of that file is closed, so sharing would let one thread's close release another's
 * lock. Lock files are created on demand and never deleted (removing them would race with their users).
 */
public final class ObjectLocks {

    /** Number of lock files. */
    public static final int STRIPES = 256;

    private static final int MAX_LOCK_ATTEMPTS = 10_000;
    private static final ConcurrentMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path directory;

    /**
     * @param directory where the lock files live (created by the caller)
     */
    public ObjectLocks(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    /** An action run under a lock, which may fail with an I/O error. */
    @FunctionalInterface
    public interface LockedAction<T> {
        /**
         * Runs the action.
         *
         * @return its result
         * @throws IOException if it fails with an I/O error
         */
        T run() throws IOException;
    }

    /**
     * Runs an action while holding the exclusive lock of one object.
     *
     * @param key    the object's directory name
     * @param action what to do under the lock
     * @param <T>    the result type
     * @return the action's result
     * @throws IOException if the lock cannot be taken or the action fails
     */
    public <T> T withLock(String key, LockedAction<T> action) throws IOException {
        long hash = fnv1a64(key);
        Path lockFile = directory.resolve(String.format("%02x", (int) (hash >>> 56) & (STRIPES - 1)));
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(lockFile, f -> new ReentrantLock());
        jvmLock.lock();
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = acquire(channel, hash >>> 1)) {
            return action.run();
        } finally {
            jvmLock.unlock();
        }
    }

    /**
     * Takes the record lock, waiting for it. The kernel's deadlock detection reasons per process, not per thread:
     * when a thread of process A holds one object's lock while another thread of A waits for a lock that B holds,
     * and B waits the same way for A, fcntl reports a deadlock (EDEADLK) although every holder will release without
     * waiting for anything (this class never holds two locks in one thread). Such a report is retried after a short
     * random pause.
     */
    private static FileLock acquire(FileChannel channel, long position) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return channel.lock(position, 1, false);
            } catch (IOException e) {
                if (attempt == MAX_LOCK_ATTEMPTS || !isDeadlockReport(e)) {
                    throw e;
                }
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(1, 2L + Math.min(attempt, 20)));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for an object lock");
                }
            }
        }
    }

    private static boolean isDeadlockReport(IOException e) {
        String message = e.getMessage();
        return message != null && message.toLowerCase(Locale.ROOT).contains("deadlock");
    }

    private static long fnv1a64(String key) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xFF;
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
