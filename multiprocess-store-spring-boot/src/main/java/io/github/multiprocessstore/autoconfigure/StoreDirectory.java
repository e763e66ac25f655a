package io.github.multiprocessstore.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns the configured {@code multiprocess.store.path} into a usable directory before the store is opened, so that
 * every way it can be unusable fails the start with {@link InvalidStorePathException} naming the path.
 */
public final class StoreDirectory {

    private static final String PROPERTY = MultiprocessStoreProperties.PREFIX + ".path";

    private StoreDirectory() {}

    /**
     * Expands a leading {@code ~} to the user's home directory and makes the path absolute and normal.
     *
     * @param configured the path as bound from the property
     * @return the absolute path
     */
    public static Path resolve(Path configured) {
        Path path = configured;
        if (!path.isAbsolute()
                && path.getNameCount() > 0
                && path.getName(0).toString().equals("~")) {
            Path home = Path.of(System.getProperty("user.home"));
            path = path.getNameCount() == 1 ? home : home.resolve(path.subpath(1, path.getNameCount()));
        }
        return path.toAbsolutePath().normalize();
    }

    /**
     * Resolves the path, creates the directory if missing and checks that it is a writable directory.
     *
     * @param configured the path as bound from the property
     * @return the absolute, existing, writable directory
     * @throws InvalidStorePathException if it is not one and cannot be made one
     */
    static Path prepare(Path configured) {
        Path path = resolve(configured);
        if (Files.exists(path) && !Files.isDirectory(path)) {
            throw new InvalidStorePathException(
                    path,
                    "it exists but is not a directory",
                    "Set '" + PROPERTY + "' to a directory, or move the file " + path + " out of the way.",
                    null);
        }
        if (!Files.exists(path)) {
            try {
                Files.createDirectories(path);
            } catch (IOException e) {
                throw new InvalidStorePathException(
                        path,
                        "it does not exist and cannot be created (" + e + ")",
                        "Set '" + PROPERTY + "' to a directory that this process may create, or create " + path
                                + " yourself and let this process write to it.",
                        e);
            }
        }
        if (!Files.isWritable(path)) {
            throw new InvalidStorePathException(
                    path,
                    "it is not writable by this process (user '" + System.getProperty("user.name") + "')",
                    "Give this process write permission on " + path + ", or set '" + PROPERTY
                            + "' to a directory it may write to.",
                    null);
        }
        return path;
    }
}
