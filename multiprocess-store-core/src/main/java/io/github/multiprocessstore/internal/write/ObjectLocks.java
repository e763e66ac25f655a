package io.github.multiprocessstore.internal.write;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
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
 *
 * <p>Opening and closing a lock file costs more than taking the lock, so lock files stay open between locks, in
 * one JVM-wide registry keyed by lock file: every {@code ObjectLocks} of the JVM that locks through a file shares
 * its one channel, and the registry counts them. {@link #close()} releases this instance's share; a file is closed
 * when the last instance using it is closed, and in any case only while no thread of the JVM is between taking and
 * releasing a lock on it, since closing it would drop such a lock, whichever store took it. Beyond
 * {@value #MAX_OPEN_LOCK_FILES} open files, idle ones are closed early (and reopened on demand).
 */
public final class ObjectLocks implements AutoCloseable {

    /** Number of lock files. */
    public static final int STRIPES = 256;

    private static final int MAX_LOCK_ATTEMPTS = 10_000;
    /** Bounds the descriptors held open; beyond it, idle lock files are closed. */
    static final int MAX_OPEN_LOCK_FILES = 512;

    private static final Map<Path, LockFile> OPEN = new HashMap<>();

    private static final String[] STRIPE_NAMES = new String[STRIPES];

    static {
        for (int i = 0; i < STRIPES; i++) {
            STRIPE_NAMES[i] = String.format("%02x", i);
        }
    }

    private final Path directory;
    /** The lock file of each stripe, resolved once: a lock is taken for every strict write. */
    private final Path[] stripeFiles = new Path[STRIPES];

    private final FileModes modes;
    /** The lock files this instance has used and holds a share of; guarded by {@code OPEN}. */
    private final Map<Path, LockFile> held = new HashMap<>();
    /** Guarded by {@code OPEN}. */
    private boolean closed;

    /**
     * @param directory where the lock files live (created by the caller)
     */
    public ObjectLocks(Path directory) {
        this(directory, FileModes.umask());
    }

    /**
     * @param directory where the lock files live (created by the caller)
     * @param modes     the permissions of the lock files this JVM creates
     */
    public ObjectLocks(Path directory, FileModes modes) {
        this.directory = directory.toAbsolutePath().normalize();
        for (int i = 0; i < STRIPES; i++) {
            stripeFiles[i] = this.directory.resolve(STRIPE_NAMES[i]);
        }
        this.modes = modes;
        closeIdleUnder(this.directory);
    }

    /**
     * Closes this JVM's idle lock files of one directory, so that a store opened again over a directory that was
     * removed and recreated meanwhile locks the new files, as other processes do, not the removed ones.
     */
    private static void closeIdleUnder(Path directory) {
        synchronized (OPEN) {
            Iterator<LockFile> files = OPEN.values().iterator();
            while (files.hasNext()) {
                LockFile lockFile = files.next();
                if (lockFile.users == 0 && lockFile.path.startsWith(directory)) {
                    files.remove();
                    lockFile.close();
                }
            }
        }
    }

    /**
     * Releases this instance's share of its lock files: each is closed unless another open instance uses it or a
     * thread is inside a lock on it (the last of those closes it). Later calls of {@link #withLock} fail.
     */
    @Override
    public void close() {
        synchronized (OPEN) {
            if (closed) {
                return;
            }
            closed = true;
            for (LockFile lockFile : held.values()) {
                lockFile.holders--;
                closeIfUnused(lockFile);
            }
            held.clear();
        }
    }

    /** Closes a lock file no open instance and no thread uses any more. Call holding {@code OPEN}. */
    private static void closeIfUnused(LockFile lockFile) {
        if (lockFile.holders == 0 && lockFile.users == 0 && OPEN.get(lockFile.path) == lockFile) {
            OPEN.remove(lockFile.path);
            lockFile.close();
        }
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
        LockFile lockFile = checkOut(stripeFiles[stripeOf(hash)]);
        try {
            lockFile.threads.lock();
            try (FileLock ignored = acquire(lockFile.channel(), hash >>> 1)) {
                return action.run();
            } finally {
                lockFile.threads.unlock();
            }
        } finally {
            checkIn(lockFile);
        }
    }

    /** One open lock file: its channel, opened on first use, and the JVM-wide lock that gives it to one thread. */
    private static final class LockFile {
        final Path path;
        final FileModes modes;
        final ReentrantLock threads = new ReentrantLock();
        /** Threads between {@link #checkOut} and {@link #checkIn}; guarded by {@code OPEN}. */
        int users;
        /** Open instances that hold a share of this file; guarded by {@code OPEN}. */
        int holders;
        /** Guarded by {@link #threads}. */
        private FileChannel channel;

        LockFile(Path path, FileModes modes) {
            this.path = path;
            this.modes = modes;
        }

        FileChannel channel() throws IOException {
            if (channel == null) {
                channel = modes.openOrCreate(path);
            }
            return channel;
        }

        void close() {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException e) {
                    System.getLogger(ObjectLocks.class.getName())
                            .log(System.Logger.Level.DEBUG, "Could not close lock file " + path, e);
                }
            }
        }
    }

    private LockFile checkOut(Path path) {
        synchronized (OPEN) {
            if (closed) {
                throw new IllegalStateException("the object locks of " + directory + " are closed");
            }
            LockFile lockFile = OPEN.computeIfAbsent(path, p -> new LockFile(p, modes));
            lockFile.users++;
            // A file closed early (idle beyond the bound) and reopened is a new entry: take a share of that one.
            if (held.put(path, lockFile) != lockFile) {
                lockFile.holders++;
            }
            return lockFile;
        }
    }

    private static void checkIn(LockFile lockFile) {
        synchronized (OPEN) {
            lockFile.users--;
            closeIfUnused(lockFile);
            if (OPEN.size() > MAX_OPEN_LOCK_FILES) {
                closeIdle(MAX_OPEN_LOCK_FILES / 2);
            }
        }
    }

    /** Closes lock files no thread is using until at most {@code target} stay open. Call holding {@code OPEN}. */
    private static void closeIdle(int target) {
        Iterator<LockFile> files = OPEN.values().iterator();
        while (OPEN.size() > target && files.hasNext()) {
            LockFile lockFile = files.next();
            if (lockFile.users == 0) {
                // No thread holds or waits for it, and a new user would find it gone and open its own.
                files.remove();
                lockFile.close();
            }
        }
    }

    /** Whether this JVM holds a lock file open; for tests. */
    static boolean isOpen(Path lockFile) {
        synchronized (OPEN) {
            return OPEN.containsKey(lockFile);
        }
    }

    /** The lock file and the byte in it that stand for one key; for tests that probe a lock from another process. */
    static Path lockFileOf(Path directory, String key) {
        return directory.toAbsolutePath().normalize().resolve(STRIPE_NAMES[stripeOf(fnv1a64(key))]);
    }

    /** The position of a key's one-byte region in its lock file; for tests. */
    static long positionOf(String key) {
        return fnv1a64(key) >>> 1;
    }

    /** How many lock files this JVM holds open; for tests. */
    static int openLockFiles() {
        synchronized (OPEN) {
            return OPEN.size();
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

    /**
     * The lock file of a key's hash. FNV-1a leaves its top bits poorly mixed for keys that differ only at the end
     * ({@code order-1}, {@code order-2}, ...), so the bits are mixed again first (the MurmurHash3 finalizer);
     * otherwise such keys would crowd into a few files and threads of one JVM would wait for each other.
     */
    static int stripeOf(long hash) {
        long mixed = hash;
        mixed ^= mixed >>> 33;
        mixed *= 0xff51afd7ed558ccdL;
        mixed ^= mixed >>> 33;
        mixed *= 0xc4ceb9fe1a85ec53L;
        mixed ^= mixed >>> 33;
        return (int) (mixed >>> 56) & (STRIPES - 1);
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
