package io.github.multiprocessstore.internal.read;

import java.io.IOException;
import java.nio.file.Path;

/** A revision file exceeds the reader's limits; the API layer reports it with the file and its size. */
public final class FileBeyondReadLimitsException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long size;
    private final String reason;

    /**
     * @param file   the revision file
     * @param size   its size in bytes
     * @param reason which limit it exceeds
     * @param cause  the parser's error, or null
     */
    public FileBeyondReadLimitsException(Path file, long size, String reason, Throwable cause) {
        super(file + " (" + size + " bytes): " + reason, cause);
        this.file = file;
        this.size = size;
        this.reason = reason;
    }

    /** The revision file. */
    public Path file() {
        return file;
    }

    /** Its size in bytes. */
    public long size() {
        return size;
    }

    /** Which limit it exceeds. */
    public String reason() {
        return reason;
    }
}
