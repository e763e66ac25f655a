package io.github.multiprocessstore;

import java.nio.file.Path;

/**
 * A write was asked of a store opened read-only ({@link ObjectStore#openReadOnly(Path)}): nothing was written. Open
 * the store with {@link ObjectStore#open(Path)} to change it.
 */
public class ReadOnlyStoreException extends StoreException {

    /**
     * @param operation the refused operation, e.g. {@code "createObject"}
     * @param id        the object id concerned, or null
     * @param store     the store's directory
     */
    public ReadOnlyStoreException(String operation, String id, Path store) {
        super(
                "Cannot " + operation + (id == null ? "" : " object '" + id + "'") + ": the store at " + store
                        + " was opened read-only; open it with ObjectStore.open to change it",
                id,
                store,
                null);
    }
}
