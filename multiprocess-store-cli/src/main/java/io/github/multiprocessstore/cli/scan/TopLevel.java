package io.github.multiprocessstore.cli.scan;

import io.github.multiprocessstore.StoreFileNames;
import io.github.multiprocessstore.cli.support.CliException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The top-level names of a store directory, read at once ({@link java.io.File#list()} makes no path per entry). */
public final class TopLevel {

    private TopLevel() {}

    /**
     * Every top-level name, sorted.
     *
     * @throws CliException (store error) if the directory cannot be listed
     */
    public static List<String> names(Path store) {
        String[] names = store.toFile().list();
        if (names == null) {
            throw CliException.store("Could not list the store directory " + store + " (check its permissions)", null);
        }
        Arrays.sort(names);
        return Arrays.asList(names);
    }

    /** The ids of the top-level names that are object names, sorted by id; the directories are not checked. */
    public static List<String> ids(Path store) {
        List<String> ids = new ArrayList<>();
        for (String name : names(store)) {
            Optional<String> id = StoreFileNames.idOfDirectory(name);
            id.ifPresent(ids::add);
        }
        ids.sort(null);
        return ids;
    }
}
