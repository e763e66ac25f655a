package io.github.multiprocessstore;

import io.github.multiprocessstore.internal.format.ObjectIds;
import io.github.multiprocessstore.internal.format.RevisionNames;
import io.github.multiprocessstore.internal.format.StoreLayout;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Tells a root of collections from a store by the names on its first levels, reading no file, so that a tool given
 * the one where it expects the other can say so. Behind {@link StoreRoot#collectionsIfRoot(Path)}.
 */
final class RootDetection {

    private RootDetection() {}

    /**
     * A directory is a store if it has the engine's area or a sub-directory holding a revision file (an object);
     * it is a root if, failing that, some of its sub-directories are stores: they have the engine's area or a
     * sub-directory holding a revision file. Stops at the first object it meets, so a large store costs a few
     * listings.
     */
    static Optional<List<String>> collectionsIfRoot(Path directory) {
        Path path = StoreLayout.expandHome(directory);
        if (!Files.isDirectory(path) || hasEngineArea(path)) {
            return Optional.empty();
        }
        List<String> collections = new ArrayList<>();
        for (String name : sortedNames(path)) {
            Path child = path.resolve(name);
            if (!ObjectIds.isPlain(name) || !Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            String[] inner = sortedNames(child);
            if (Arrays.stream(inner).anyMatch(RevisionNames::isValid)) {
                return Optional.empty(); // an object directory: this is a store
            }
            if (hasEngineArea(child) || Arrays.stream(inner).anyMatch(object -> holdsRevision(child.resolve(object)))) {
                collections.add(name);
            }
        }
        return collections.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(collections));
    }

    private static boolean hasEngineArea(Path directory) {
        return Files.isDirectory(directory.resolve(StoreLayout.ENGINE_DIRECTORY), LinkOption.NOFOLLOW_LINKS);
    }

    private static boolean holdsRevision(Path directory) {
        return Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)
                && Arrays.stream(sortedNames(directory)).anyMatch(RevisionNames::isValid);
    }

    /** The names in a directory, sorted; none if it cannot be listed. */
    private static String[] sortedNames(Path directory) {
        String[] names = directory.toFile().list();
        if (names == null) {
            return new String[0];
        }
        Arrays.sort(names);
        return names;
    }
}
