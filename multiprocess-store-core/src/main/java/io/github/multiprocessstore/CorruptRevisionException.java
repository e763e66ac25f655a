package io.github.multiprocessstore;

import java.nio.file.Path;

/**
 * A revision file on disk does not hold a JSON object. The file is left untouched for inspection; fix or remove it,
 * or resolve the object to another revision.
 */
public class CorruptRevisionException extends StoreException {

    /**
     * @param id     the object id
     * @param file   the revision file that could not be read
     * @param reason what is wrong with it
     * @param cause  the parser's error, or null
     */
    public CorruptRevisionException(String id, Path file, String reason, Throwable cause) {
        super(
                "Revision file " + file + " of object '" + id + "' is corrupt: " + reason
                        + "; fix or remove the file, or resolve the object to another revision",
                id,
                file,
                cause);
    }
}
