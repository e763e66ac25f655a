package io.github.multiprocessstore.test.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import org.jspecify.annotations.Nullable;

/** File work of the test support: emptying a temporary store and deleting it. */
final class StoreFiles {

    /** The engine's own area in a collection (temp files, trash, locks), kept so open stores stay usable. */
    private static final String ENGINE_DIRECTORY = ".mpstore";

    private StoreFiles() {}

    /**
     * Removes every object directory of every collection under a root, keeping the collection directories and
     * their engine areas, so that the stores already open on them keep working.
     */
    static void emptyCollections(Path root) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (DirectoryStream<Path> collections = Files.newDirectoryStream(root)) {
            for (Path collection : collections) {
                if (!Files.isDirectory(collection, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(collection)) {
                    for (Path entry : entries) {
                        if (!entry.getFileName().toString().equals(ENGINE_DIRECTORY)) {
                            deleteRecursively(entry);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not empty the test store " + root, e);
        }
    }

    /** Deletes a file or a directory tree; a missing one is fine. */
    static void deleteRecursively(Path path) {
        try {
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, @Nullable IOException failure)
                        throws IOException {
                    if (failure != null) {
                        throw failure;
                    }
                    Files.deleteIfExists(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException gone) {
            // Already deleted: the goal is reached.
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + path, e);
        }
    }
}
