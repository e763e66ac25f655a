package io.github.multiprocessstore;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A write failed because the store's file system is full: no space or no inodes left, or the quota reached
 * ({@code ENOSPC}, {@code EDQUOT}). Nothing of the write is visible (no partial revision, no temp file left), every
 * earlier revision still reads, and once space is freed the same store works again, without being reopened.
 */
public class DiskFullException extends StoreIOException {

    private final transient Path store;

    /**
     * @param action what the store was doing, e.g. "update"
     * @param id     the object id, or null
     * @param path   the path the file system refused
     * @param store  the store directory
     * @param cause  the I/O error
     */
    public DiskFullException(String action, String id, Path path, Path store, IOException cause) {
        super(
                "Could not " + describe(action, id) + " in store " + store + ": the disk is full (no space or no"
                        + " inodes left on its file system: " + cause.getMessage() + "); nothing was written; free"
                        + " space on the file system of " + store + " and retry, the store needs no restart",
                path,
                id,
                cause);
        this.store = store;
    }

    /** The store directory whose file system is full. */
    public Path store() {
        return store;
    }
}
