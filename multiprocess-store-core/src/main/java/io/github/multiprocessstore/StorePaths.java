package io.github.multiprocessstore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resolving and preparing the store's directory. */
final class StorePaths {

    private StorePaths() {
    }

    /**
     * Expands a leading {@code ~} to the user's home directory, as the original does, and makes the path absolute.
     */
    static Path expandHome(Path path) {
        String text = path.toString();
        if (text.equals("~") || text.startsWith("~/") || text.startsWith("~" + path.getFileSystem().getSeparator())) {
            Path home = path.getFileSystem().getPath(System.getProperty("user.home"));
            path = text.length() == 1 ? home : home.resolve(text.substring(2));
        }
        return path.toAbsolutePath().normalize();
    }

    /** Creates a directory and its parents if missing; fails clearly if the path exists but is not a directory. */
    static void createDirectory(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new StoreIOException("create the store directory (check that the path is a writable directory)",
                    null, directory, e);
        }
    }
}
