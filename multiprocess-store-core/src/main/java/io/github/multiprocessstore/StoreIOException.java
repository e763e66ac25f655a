package io.github.multiprocessstore;

import java.io.IOException;
import java.nio.file.Path;

/** The file system refused an operation (permissions, disk full, I/O error); the message names the path. */
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
}
