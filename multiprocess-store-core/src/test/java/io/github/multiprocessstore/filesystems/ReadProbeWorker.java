package io.github.multiprocessstore.filesystems;

import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.StoreException;
import java.nio.file.Path;

/**
 * Reads one object from a store and prints {@code READ <json>} or {@code FAILED <exception class> <message>}, then
 * {@code DONE}: run as a process without the right to bypass file permissions. Arguments: store directory, id.
 */
public final class ReadProbeWorker {

    private ReadProbeWorker() {}

    public static void main(String[] args) {
        try (ObjectStore store = ObjectStore.builder(Path.of(args[0])).build()) {
            System.out.println("READ " + store.getObject(args[1]));
        } catch (StoreException e) {
            System.out.println("FAILED " + e.getClass().getName() + " " + e.getMessage());
        }
        System.out.println("DONE");
    }
}
