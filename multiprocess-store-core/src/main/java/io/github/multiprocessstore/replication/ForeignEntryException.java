package io.github.multiprocessstore.replication;

import io.github.multiprocessstore.StoreException;
import java.nio.file.Path;

/**
 * Something in a store is not what the store writes there, e.g. a file or a symbolic link where an object
 * directory belongs. Replication and compaction log and skip such entries (they never follow a link); nothing was
 * changed. Inspect the entry and move it out of the store.
 */
public class ForeignEntryException extends StoreException {

    /**
     * @param path    the entry
     * @param problem what is wrong with it, completing the sentence "&lt;path&gt; ..."
     */
    public ForeignEntryException(Path path, String problem) {
        super(path + " " + problem + "; it is skipped; move it out of the store", null, path, null);
    }
}
