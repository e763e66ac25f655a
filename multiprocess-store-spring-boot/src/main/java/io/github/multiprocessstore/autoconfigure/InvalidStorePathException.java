package io.github.multiprocessstore.autoconfigure;

import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The directory configured by {@code multiprocess.store.path} cannot hold the store: it is a file, cannot be
 * created, is not writable, or the store cannot be opened in it. Thrown at start-up; Spring Boot's failure analysis
 * turns it into an "APPLICATION FAILED TO START" report naming the property, the path and the fix.
 */
public final class InvalidStorePathException extends RuntimeException {

    private final Path path;
    private final String problem;
    private final String fix;

    /**
     * @param path    the directory, '~' expanded and absolute
     * @param problem what is wrong with it, as a sentence about "it" (e.g. "it exists but is not a directory")
     * @param fix     what to do about it
     * @param cause   the underlying error, or null
     */
    public InvalidStorePathException(Path path, String problem, String fix, @Nullable Throwable cause) {
        super("'" + MultiprocessStoreProperties.PREFIX + ".path' (" + path + ") is unusable: " + problem, cause);
        this.path = Objects.requireNonNull(path, "path must not be null");
        this.problem = Objects.requireNonNull(problem, "problem must not be null");
        this.fix = Objects.requireNonNull(fix, "fix must not be null");
    }

    /** The directory that cannot be used, '~' expanded and absolute. */
    public Path path() {
        return path;
    }

    /** What is wrong with the directory. */
    public String problem() {
        return problem;
    }

    /** What to do about it. */
    public String fix() {
        return fix;
    }
}
