package io.github.multiprocessstore;

import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The POSIX permissions a store gives the files and directories it creates: revision files, object directories,
 * retirement records, temp files and the engine's own files and directories ({@code .mpstore}, its lock files).
 * Either may be left to the process's umask, the default. The modes are set explicitly after each creation, so
 * the umask cannot narrow them, and set before a file is published, so no reader ever sees a file with other
 * modes. Applied by the store's own writes, by replication into it and by its compaction (give the same
 * permissions to {@link io.github.multiprocessstore.replication.ReplicationOptions} and
 * {@link io.github.multiprocessstore.compaction.CompactionPolicy}). Immutable.
 *
 * @param files       the permissions of files, or null to leave them to the umask
 * @param directories the permissions of directories, or null to leave them to the umask
 */
public record StorePermissions(Set<PosixFilePermission> files, Set<PosixFilePermission> directories) {

    private static final StorePermissions UMASK = new StorePermissions(null, null);

    /** Copies the sets. */
    public StorePermissions {
        files = files == null ? null : Set.copyOf(files);
        directories = directories == null ? null : Set.copyOf(directories);
    }

    /**
     * Leaves every mode to the process's umask, as the original npm package does.
     *
     * @return the default permissions
     */
    public static StorePermissions umask() {
        return UMASK;
    }

    /**
     * Permissions from POSIX strings, such as {@code rw-------} for files and {@code rwx------} for directories.
     *
     * @param files       nine characters as {@code ls -l} shows them, or null (or blank) for the umask
     * @param directories the same for directories
     * @return the permissions
     * @throws IllegalArgumentException naming the value if one is not nine {@code rwx-} characters, or if a
     *     directory mode lacks the owner's {@code rwx} (the store could not use its own directories)
     */
    public static StorePermissions of(String files, String directories) {
        Set<PosixFilePermission> directoryModes = parse("directories", directories);
        if (directoryModes != null
                && !directoryModes.containsAll(Set.of(
                        PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_WRITE,
                        PosixFilePermission.OWNER_EXECUTE))) {
            throw new IllegalArgumentException("directory permissions '" + directories
                    + "' must give the owner rwx: the store lists, creates and renames in its directories");
        }
        Set<PosixFilePermission> fileModes = parse("files", files);
        if (fileModes != null
                && !fileModes.containsAll(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE))) {
            throw new IllegalArgumentException("file permissions '" + files
                    + "' must give the owner rw: the store reads its files and locks through them");
        }
        return new StorePermissions(fileModes, directoryModes);
    }

    private static Set<PosixFilePermission> parse(String what, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return PosixFilePermissions.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "permissions of " + what + " '" + text + "' are not nine POSIX characters such as rw-------"
                            + " (files) or rwx------ (directories)",
                    e);
        }
    }

    /**
     * Whether both modes are left to the umask.
     *
     * @return true for the default
     */
    public boolean isUmask() {
        return files == null && directories == null;
    }

    @Override
    public String toString() {
        return "StorePermissions[files=" + text(files) + ", directories=" + text(directories) + "]";
    }

    private static String text(Set<PosixFilePermission> modes) {
        return modes == null ? "umask" : PosixFilePermissions.toString(modes);
    }
}
