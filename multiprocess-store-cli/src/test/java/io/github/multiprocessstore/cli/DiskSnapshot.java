package io.github.multiprocessstore.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Every path below a directory with its type, size and modification time, to prove nothing changed. */
final class DiskSnapshot {

    private DiskSnapshot() {}

    static Map<String, String> of(Path directory) {
        Map<String, String> entries = new TreeMap<>();
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            return entries;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.forEach(path -> {
                try {
                    BasicFileAttributes attributes =
                            Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    entries.put(
                            directory.relativize(path).toString(),
                            (attributes.isDirectory() ? "d " : attributes.isSymbolicLink() ? "l " : "f ")
                                    + attributes.size() + " "
                                    + attributes.lastModifiedTime().toMillis());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }
}
