package io.github.multiprocessstore.internal.write;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The one place where the engine creates files and directories, giving them the store's permissions: created with
 * them (so a file is never more open than asked, even for an instant), then set explicitly (so the umask cannot
 * narrow them). Without permissions, everything is left to the umask. Immutable.
 */
public final class FileModes {

    private static final FileModes UMASK = new FileModes(null, null);

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
     * parents are outside the store).
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
            Files.createDirectories(parent);
        }
        try {
            createDirectory(directory);
        } catch (FileAlreadyExistsException raced) {
            if (!Files.isDirectory(directory)) {
                throw raced;
            }
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> modes) {
        return PosixFilePermissions.asFileAttribute(modes);
    }
}
