package io.github.multiprocessstore.autoconfigure;

import io.github.multiprocessstore.RevisionName;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;

/**
 * Refuses a {@code multiprocess.store.path} that holds a single store instead of a root of collections. In a root
 * every sub-directory is a collection, whose entries are object directories; in a store every sub-directory is an
 * object directory, whose entries are revision files. Opened as a root, a store's objects would each be taken for a
 * collection: phantom collections in {@code /actuator/conflicts} and the gauge's tags, warnings about revision files
 * that are not directories, and none of the objects where the application looks for them.
 */
final class RootLayout {

    /**
     * Entries read per sub-directory. An object directory shows a revision file among its first entries (it holds
     * nothing else); a real collection is never read further than this, so the check costs the same on a root of
     * collections with millions of objects.
     */
    static final int ENTRIES_CHECKED_PER_DIRECTORY = 64;

    private static final String PROPERTY = MultiprocessStoreProperties.PREFIX + ".path";

    private RootLayout() {}

    /**
     * Checks that no sub-directory of the root holds a revision file directly.
     *
     * @param root the prepared root directory
     * @throws InvalidStorePathException naming the object directory and revision file found, and what to do
     */
    static void requireRootOfCollections(Path root) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                if (entry.getFileName().toString().startsWith(".")
                        || !Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                Optional<Path> revision = firstRevisionFile(entry);
                if (revision.isPresent()) {
                    throw looksLikeAStore(root, revision.get());
                }
            }
        } catch (IOException e) {
            throw new InvalidStorePathException(
                    root,
                    "its entries cannot be listed (" + e + ")",
                    "Give this process read permission on " + root + ", or set '" + PROPERTY
                            + "' to a directory it may read.",
                    e);
        }
    }

    private static Optional<Path> firstRevisionFile(Path directory) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            Iterator<Path> iterator = entries.iterator();
            for (int read = 0; read < ENTRIES_CHECKED_PER_DIRECTORY && iterator.hasNext(); read++) {
                Path entry = iterator.next();
                if (RevisionName.isValid(entry.getFileName().toString())
                        && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                    return Optional.of(entry);
                }
            }
            return Optional.empty();
        }
    }

    private static InvalidStorePathException looksLikeAStore(Path root, Path revisionFile) {
        Path objectDirectory = revisionFile.getParent();
        String rootName =
                root.getFileName() == null ? "store" : root.getFileName().toString();
        Path suggestedRoot = root.resolveSibling(rootName + "-root");
        return new InvalidStorePathException(
                root,
                "it looks like a single store, not a root of collections: its sub-directory '"
                        + objectDirectory.getFileName() + "' holds the revision file " + revisionFile.getFileName()
                        + " directly, as an object directory does. Opened as a root, each of its objects would be"
                        + " taken for a collection",
                "Set '" + PROPERTY + "' to a root directory whose sub-directories are collections (an empty or new"
                        + " directory such as " + suggestedRoot + "). To serve this store as a collection, move it"
                        + " into that root under the collection's name: mkdir " + suggestedRoot + " && mv " + root + " "
                        + suggestedRoot + "/<collection> (a @StoredObject type's collection; 'profile' for a class"
                        + " Profile by default).",
                null);
    }
}
