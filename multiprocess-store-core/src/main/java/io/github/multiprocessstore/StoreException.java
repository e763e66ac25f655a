package io.github.multiprocessstore;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Base of every error the store raises: unchecked, typed, and naming the object id and the file involved
 * where there is one, so a caller can catch the family or one precise case.
 */
public class StoreException extends RuntimeException {

    private final String id;
    private final Path path;

    /**
     * Creates an error about one object (or the store itself when {@code id} is null).
     *
     * @param message what went wrong and what to do about it
     * @param id      the object id concerned, or null
     * @param path    the file or directory concerned, or null
     * @param cause   the underlying error, or null
     */
    public StoreException(String message, String id, Path path, Throwable cause) {
        super(message, cause);
        this.id = id;
        this.path = path;
    }

    /** The id of the object concerned, if the error is about one object. */
    public Optional<String> id() {
        return Optional.ofNullable(id);
    }

    /** The file or directory concerned, if the error is about one. */
    public Optional<Path> path() {
        return Optional.ofNullable(path);
    }
}
