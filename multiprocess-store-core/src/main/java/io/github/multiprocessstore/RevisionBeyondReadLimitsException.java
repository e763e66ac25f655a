package io.github.multiprocessstore;

import java.nio.file.Path;

/**
 * A revision file on disk is beyond what the store's JSON reader accepts (its size, its nesting depth, or the
 * length of a string, name or number; see {@linkplain ObjectStoreBuilder#maxObjectSize(long) the reader's
 * limits}). This store never writes such a file: another program did. The file is left untouched; it is not
 * corrupt, only too large for this reader: remove or shrink it, or resolve the object to another revision.
 */
public class RevisionBeyondReadLimitsException extends StoreException {

    private final long size;

    /**
     * @param id     the object id
     * @param file   the revision file
     * @param size   its size in bytes
     * @param reason which limit it exceeds
     * @param cause  the parser's error, or null
     */
    public RevisionBeyondReadLimitsException(String id, Path file, long size, String reason, Throwable cause) {
        super(
                "Revision file " + file + " of object '" + id + "' (" + size + " bytes) is beyond the limits of "
                        + "this store's JSON reader: " + reason + "; it was not written by this library, whose "
                        + "writes stay within them; shrink or remove the file, or resolve the object to another "
                        + "revision",
                id,
                file,
                cause);
        this.size = size;
    }

    /** The file's size in bytes. */
    public long size() {
        return size;
    }
}
