package io.github.multiprocessstore;

import java.nio.file.Path;

/** {@code createObject} found a live object with the same id: update it instead, or delete it first. */
public class ObjectAlreadyExistsException extends StoreException {

    /**
     * @param id   the id that is taken
     * @param path the existing object directory
     */
    public ObjectAlreadyExistsException(String id, Path path) {
        super(
                "Object '" + id + "' already exists in " + path
                        + ": update it (updateObject/upsertObject) instead of creating it",
                id,
                path,
                null);
    }
}
