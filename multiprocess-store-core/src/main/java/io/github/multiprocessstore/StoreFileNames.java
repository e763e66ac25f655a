package io.github.multiprocessstore;

import io.github.multiprocessstore.internal.format.AlphanumComparator;
import io.github.multiprocessstore.internal.format.ObjectIds;
import io.github.multiprocessstore.internal.format.StoreLayout;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;

/**
 * The names a store gives its files, for tools that inspect a store directory file by file (an operator's verify,
 * a backup script) rather than through an {@link ObjectStore}: which top-level names are objects, where the
 * engine's own files are, and the order of revision names that elects the winner. Reading files this way sees
 * exactly what the store sees; writing them this way bypasses the store's guarantees, so do not.
 */
public final class StoreFileNames {

    /** The engine's own area at the top level of a store; dot-names are never objects. */
    public static final String ENGINE_DIRECTORY = StoreLayout.ENGINE_DIRECTORY;

    /**
     * The order of revision names in which the last one wins (the npm package {@code alphanum-sort}'s): digit runs
     * compare as numbers, so {@code 9-…} sorts before {@code 10-…}.
     */
    public static final Comparator<String> REVISION_ORDER = AlphanumComparator.INSTANCE;

    private StoreFileNames() {}

    /**
     * The id of the object stored in a top-level directory of this name.
     *
     * @param directoryName a top-level name in a store directory
     * @return the object's id, or empty if the name is not one the store gives objects (a dot-name, or a name
     *     that is not a valid encoding)
     */
    public static Optional<String> idOfDirectory(String directoryName) {
        if (directoryName == null || directoryName.startsWith(".")) {
            return Optional.empty();
        }
        return Optional.ofNullable(ObjectIds.decode(directoryName));
    }

    /**
     * The name of the top-level directory that holds an object: the id itself for plain ids, a percent-encoding
     * otherwise.
     *
     * @param id the object id
     * @return its directory name
     * @throws InvalidIdException if the id cannot be stored
     */
    public static String directoryOf(String id) {
        try {
            return ObjectIds.encode(id);
        } catch (ObjectIds.UnencodableIdException e) {
            throw new InvalidIdException(id, e.getMessage());
        }
    }

    /**
     * Where writes in progress keep their temp files: {@code <store>/.mpstore/tmp}.
     *
     * @param store the store directory
     * @return the temp directory
     */
    public static Path tempDirectory(Path store) {
        return StoreLayout.of(store).tempDirectory();
    }
}
