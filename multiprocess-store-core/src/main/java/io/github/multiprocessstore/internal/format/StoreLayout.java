package io.github.multiprocessstore.internal.format;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where things are in a store directory. Objects are the top-level entries that do not start with {@code .};
 * the engine's own files live in one dot-directory, {@value #ENGINE_DIRECTORY}, which neither this library nor the
 * original npm package ever reads as an object: {@code tmp/} (writes in progress), {@code trash/<encoded id>/<rev>}
 * (retired revisions and the records that keep them retired) and {@code locks/} (record-lock files).
 *
 * @param root the store directory, absolute and normalized
 */
public record StoreLayout(Path root) {

    /** The engine's own area at the top level of a store. */
    public static final String ENGINE_DIRECTORY = ".mpstore";

    /**
     * The layout of a store directory given by a user: a leading {@code ~} is the user's home directory, as in the
     * original; the path is made absolute.
     *
     * @param store the store directory
     * @return its layout
     */
    public static StoreLayout of(Path store) {
        return new StoreLayout(expandHome(Objects.requireNonNull(store, "store directory must not be null")));
    }

    /**
     * Expands a leading {@code ~} to the user's home directory and makes the path absolute and normalized.
     *
     * @param path a path as a user wrote it
     * @return the absolute path
     */
    public static Path expandHome(Path path) {
        String text = path.toString();
        String separator = path.getFileSystem().getSeparator();
        if (text.equals("~") || text.startsWith("~/") || text.startsWith("~" + separator)) {
            Path home = path.getFileSystem().getPath(System.getProperty("user.home"));
            path = text.length() == 1 ? home : home.resolve(text.substring(2));
        }
        return path.toAbsolutePath().normalize();
    }

    /** The engine's own area. */
    public Path engineDirectory() {
        return root.resolve(ENGINE_DIRECTORY);
    }

    /** Where writes assemble their temp files and directories before the atomic rename. */
    public Path tempDirectory() {
        return engineDirectory().resolve("tmp");
    }

    /** Where retired revisions and retirement records live, one sub-directory per object. */
    public Path trashDirectory() {
        return engineDirectory().resolve("trash");
    }

    /** Where the change journal's segment files live (see the change feed). */
    public Path journalDirectory() {
        return engineDirectory().resolve("journal");
    }

    /** Where the record-lock files live. */
    public Path lockDirectory() {
        return engineDirectory().resolve("locks");
    }
}
