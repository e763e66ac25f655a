package io.github.multiprocessstore;

import java.nio.file.Path;

/** The object does not exist, or its winning revision is a deletion (tombstone). */
public class ObjectNotFoundException extends StoreException {

    /**
     * @param id   the id that was looked up
     * @param path the object directory that was looked at
     */
    public ObjectNotFoundException(String id, Path path) {
        super("Object '" + id + "' not found (no live revision in " + path + ")", id, path, null);
    }

    /**
     * For subclasses that say more precisely what was not found.
     *
     * @param message what was not found and what to do about it
     * @param id      the id that was looked up
     * @param path    the file or directory that was looked at
     */
    protected ObjectNotFoundException(String message, String id, Path path) {
        super(message, id, path, null);
    }
}
