package io.github.multiprocessstore;

import java.nio.file.Path;

/**
 * The store (or the root of collections) was closed: its lock files, pools and caches are released, and it serves
 * no more operations. Open the directory again for a new store.
 */
public class StoreClosedException extends StoreException {

    /** @param path the closed store's directory */
    public StoreClosedException(Path path) {
        super("The store at " + path + " is closed; open it again to use it", null, path, null);
    }
}
