package io.github.multiprocessstore.internal.write;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;

/**
 * The one place where the engine creates files and directories, giving them the store's permissions: created with
 * them (so a file is never more open than asked, even for an instant), then set explicitly (so the umask cannot
 * narrow them). Without permissions, everything is left to the umask. Immutable.
 */
public final class FileModes {

    private static final FileModes UMASK = new FileModes(null, null);

    /** How long a directory that mkdir says exists may stay invisible to lookups before that is an error. */
    private static final Duration VISIBILITY_WAIT = Duration.ofSeconds(10);

    private static final long VISIBILITY_POLL_MILLIS = 5;

    private final Set<PosixFilePermission> files;
    private final Set<PosixFilePermission> directories;

    private FileModes(Set<PosixFilePermission> files, Set<PosixFilePermission> directories) {
        this.files = files;
        this.directories = directories;
    }

    /**
     * @param files       file permissions, or null for the umask
     * @param directories directory permissions, or null for the umask
     * @return the modes
     */
    public static FileModes of(Set<PosixFilePermission> files, Set<PosixFilePermission> directories) {
        return files == null && directories == null ? UMASK : new FileModes(files, directories);
    }

    /** Everything left to the umask. */
    public static FileModes umask() {
        return UMASK;
    }

    /**
     * Creates a new file, open for writing, that must not exist yet.
     *
     * @param file the file
     * @return its channel
     * @throws IOException if it exists or cannot be created
     */
    public FileChannel createFile(Path file) throws IOException {
        if (files == null) {
            return FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
        FileChannel channel = FileChannel.open(
                file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attribute(files));
        try {
            Files.setPosixFilePermissions(file, files);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return channel;
    }

    /**
     * Creates a new empty file that must not exist yet.
     *
     * @param file the file
     * @throws IOException if it exists or cannot be created
     */
    public void createEmptyFile(Path file) throws IOException {
        createFile(file).close();
    }

    /**
     * Opens a file for writing, creating it if missing (a lock file); only a file this call creates gets the modes,
     * as another user's existing file cannot be changed.
     *
     * @param file the file
     * @return its channel
     * @throws IOException if it cannot be opened or created
     */
    public FileChannel openOrCreate(Path file) throws IOException {
        if (files == null) {
            return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        }
        try {
            return createFile(file);
        } catch (FileAlreadyExistsException exists) {
            return FileChannel.open(file, StandardOpenOption.WRITE);
        }
    }

    /**
     * Creates a directory that must not exist yet.
     *
     * @param directory the directory
     * @throws IOException if it exists or cannot be created
     */
    public void createDirectory(Path directory) throws IOException {
        if (directories == null) {
            Files.createDirectory(directory);
            return;
        }
        Files.createDirectory(directory, attribute(directories));
        Files.setPosixFilePermissions(directory, directories);
    }

    /**
     * Creates a directory if it is missing, and its missing parents; only the directory itself gets the modes (its
     * parents are outside the store). Another process may create the same directory at the same moment: that is
     * success, not an error.
     *
     * @param directory the directory
     * @throws IOException if it cannot be created or exists but is not a directory
     */
    public void createDirectories(Path directory) throws IOException {
        if (Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path parent = directory.getParent();
        if (parent != null) {
            createMissingDirectories(parent);
        }
        createRacing(directory, this::createDirectory);
    }

    /**
     * Creates a directory and its missing parents with the umask's modes, as {@link Files#createDirectories} does,
     * but takes a directory another process created at the same moment for success even where the file system is
     * slow to show it.
     *
     * @param directory the directory
     * @throws IOException if it cannot be created or exists but is not a directory
     */
    public static void createMissingDirectories(Path directory) throws IOException {
        Path absolute = directory.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return;
        }
        Path parent = absolute.getParent();
        if (parent != null) {
            createMissingDirectories(parent);
        }
        createRacing(absolute, Files::createDirectory);
    }

    @FunctionalInterface
    private interface DirectoryCreation {
        void create(Path directory) throws IOException;
    }

    /**
     * Creates a directory that other processes, possibly on other hosts, may be creating at the same moment. A
     * client of a network or FUSE file system can briefly contradict itself while they race (GlusterFS, seen in
     * CI): its mkdir answers "exists" while its lookup still answers "no such file", or the call fails with a
     * stale file handle for a parent another client just created. Those are retried for up to
     * {@link #VISIBILITY_WAIT}: failing a store's opening on them would turn a harmless race between two starting
     * processes into an error.
     */
    private static void createRacing(Path directory, DirectoryCreation creation) throws IOException {
        long deadline = System.nanoTime() + VISIBILITY_WAIT.toNanos();
        while (true) {
            IOException transientFailure;
            try {
                creation.create(directory);
                return;
            } catch (FileAlreadyExistsException raced) {
                transientFailure = raced;
                if (showsAsDirectory(directory, raced)) {
                    return;
                }
            } catch (FileSystemException e) {
                if (!isStaleHandle(e)) {
                    throw e;
                }
                transientFailure = e;
            }
            if (System.nanoTime() - deadline > 0) {
                FileSystemException unsettled = new FileSystemException(
                        directory.toString(),
                        null,
                        "the file system did not settle on whether it exists within " + VISIBILITY_WAIT.toMillis()
                                + " ms");
                unsettled.addSuppressed(transientFailure);
                throw unsettled;
            }
            try {
                Thread.sleep(VISIBILITY_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while creating " + directory);
            }
        }
    }

    /**
     * Whether a directory mkdir said exists shows to a lookup; one lookup decides, since two (is it a directory?
     * does anything exist?) could see it appear between them.
     *
     * @throws FileAlreadyExistsException {@code raced} if something that is not a directory is in the way
     */
    private static boolean showsAsDirectory(Path directory, FileAlreadyExistsException raced) throws IOException {
        try {
            if (Files.readAttributes(directory, BasicFileAttributes.class).isDirectory()) {
                return true;
            }
        } catch (NoSuchFileException notShownYet) {
            return false;
        } catch (FileSystemException e) {
            if (isStaleHandle(e)) {
                return false;
            }
            throw e;
        }
        throw raced;
    }

    /** ESTALE, which the JDK reports only by its message ("Stale NFS file handle" in older C libraries). */
    private static boolean isStaleHandle(FileSystemException e) {
        String reason = e.getReason();
        return reason != null && reason.startsWith("Stale ");
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> modes) {
        return PosixFilePermissions.asFileAttribute(modes);
    }
}
