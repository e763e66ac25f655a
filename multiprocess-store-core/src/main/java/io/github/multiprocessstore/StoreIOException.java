package io.github.multiprocessstore;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The file system refused an operation (permissions, disk full, I/O error); the message names the path. Two causes
 * an application may want to tell apart have their own subtypes: {@link DiskFullException} and
 * {@link FileSystemReadOnlyException}.
 */
public class StoreIOException extends StoreException {

    /**
     * @param action what the store was doing, e.g. "write revision"
     * @param id     the object id, or null
     * @param path   the path the file system refused
     * @param cause  the I/O error
     */
    public StoreIOException(String action, String id, Path path, IOException cause) {
        super(
                "Could not " + action + (id == null ? "" : " of object '" + id + "'") + " at " + path + ": " + cause,
                id,
                path,
                cause);
    }

    /**
     * For subtypes that write their own message.
     *
     * @param message what went wrong and what to do
     * @param path    the path the file system refused
     * @param id      the object id, or null
     * @param cause   the I/O error
     */
    protected StoreIOException(String message, Path path, String id, IOException cause) {
        super(message, id, path, cause);
    }

    /**
     * The error for an I/O failure of a store operation: a {@link DiskFullException} when the file system has no
     * space or no inodes left (or the quota is reached), a {@link FileSystemReadOnlyException} when it is mounted
     * read-only, else a plain {@code StoreIOException} (which, for a permission refused, names the file and the
     * user).
     *
     * @param action what the store was doing, e.g. "update"
     * @param id     the object id, or null
     * @param path   the path concerned
     * @param store  the store directory, named in the message of the subtypes
     * @param cause  the I/O error
     * @return the exception to throw
     */
    public static StoreIOException of(String action, String id, Path path, Path store, IOException cause) {
        String reason = reasonOf(cause);
        if (reason.contains("no space left on device") || reason.contains("disk quota exceeded")) {
            return new DiskFullException(action, id, path, store, cause);
        }
        if (reason.contains("read-only file system")) {
            return new FileSystemReadOnlyException(action, id, path, store, cause);
        }
        if (cause instanceof AccessDeniedException denied) {
            String file = denied.getFile() != null ? denied.getFile() : String.valueOf(path);
            return new StoreIOException(
                    "Could not " + describe(action, id) + " in store " + store + ": permission denied on " + file
                            + " for this process (user " + System.getProperty("user.name") + "); check the owner and"
                            + " permissions of " + file + " (every process sharing a store needs to read and write"
                            + " its files)",
                    path,
                    id,
                    cause);
        }
        return new StoreIOException(action, id, path, cause);
    }

    /** The operating system's words for the error (ENOSPC, EDQUOT, EROFS), lower case, from the whole cause chain. */
    private static String reasonOf(Throwable error) {
        StringBuilder reasons = new StringBuilder();
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
                reasons.append(fileSystem.getReason()).append('\n');
            }
            if (cause.getMessage() != null) {
                reasons.append(cause.getMessage()).append('\n');
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return reasons.toString().toLowerCase(Locale.ROOT);
    }

    /** "create object 'x'" or "create": the action and the object, for the subtypes' messages. */
    static String describe(String action, String id) {
        return action + (id == null ? "" : " object '" + id + "'");
    }
}
