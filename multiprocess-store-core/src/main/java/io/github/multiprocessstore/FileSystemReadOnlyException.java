package io.github.multiprocessstore;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A write failed because the store's file system is mounted read-only ({@code EROFS}), e.g. remounted after an I/O
 * error. Reads keep working; once the file system is mounted read-write again the same store writes again, without
 * being reopened.
 */
public class FileSystemReadOnlyException extends StoreIOException {

    private final transient Path store;

    /**
     * @param action what the store was doing, e.g. "update"
     * @param id     the object id, or null
     * @param path   the path the file system refused
     * @param store  the store directory
     * @param cause  the I/O error
     */
    public FileSystemReadOnlyException(String action, String id, Path path, Path store, IOException cause) {
        super(
                "Could not " + describe(action, id) + " in store " + store + ": its file system is read-only ("
                        + cause.getMessage() + "); nothing was written; reads still work; remount the file system"
                        + " of " + store + " read-write (and check why it became read-only), the store needs no"
                        + " restart",
                path,
                id,
                cause);
        this.store = store;
    }

    /** The store directory whose file system is read-only. */
    public Path store() {
        return store;
    }
}
