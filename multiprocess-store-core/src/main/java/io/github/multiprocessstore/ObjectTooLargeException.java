package io.github.multiprocessstore;

import java.nio.file.Path;

/**
 * A write was refused because the revision it would write (the object's JSON with {@code _id} and {@code _rev})
 * is larger than the store's {@linkplain ObjectStoreBuilder#maxObjectSize(long) maximum object size}. Nothing was
 * written; make the object smaller, split it, or raise the limit.
 */
public class ObjectTooLargeException extends StoreException {

    private final long size;
    private final long limit;

    /**
     * @param id    the object id
     * @param path  the object directory
     * @param size  the size in bytes the revision file would have had
     * @param limit the store's maximum object size in bytes
     */
    public ObjectTooLargeException(String id, Path path, long size, long limit) {
        super(
                "Object '" + id + "' is too large to store: its revision would be " + size + " bytes, over the "
                        + "store's maximum object size of " + limit + " bytes (maxObjectSize); nothing was "
                        + "written; make the object smaller or raise the limit",
                id,
                path,
                null);
        this.size = size;
        this.limit = limit;
    }

    /** The size in bytes the revision file would have had. */
    public long size() {
        return size;
    }

    /** The store's maximum object size in bytes. */
    public long limit() {
        return limit;
    }
}
