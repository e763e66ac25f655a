package io.github.multiprocessstore.internal.read;

import java.io.IOException;
import java.nio.file.Path;

/** A revision file does not hold a JSON object; the API layer reports it as a corrupt revision. */
public final class CorruptFileException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String reason;

    /**
     * @param file   the revision file
     * @param reason what is wrong with it
     * @param cause  the parser's or file system's error, or null
     */
    public CorruptFileException(Path file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
        this.reason = reason;
    }

    /** The revision file. */
    public Path file() {
        return file;
    }

    /** What is wrong with it. */
    public String reason() {
        return reason;
    }
}
