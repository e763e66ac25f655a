package io.github.multiprocessstore.replication;

import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.RevisionName;
import io.github.multiprocessstore.internal.format.AlphanumComparator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import tools.jackson.databind.node.ObjectNode;

/**
 * Test helpers shared by the replication and compaction tests: building objects, opening fast stores, and reading
 * the files on disk directly (the format is the contract, so tests check it there, not through the API only).
 */
public final class StoreFixtures {

    /** Fast replication for tests: no fsync, two workers so that the parallel path is exercised. */
    public static final ReplicationOptions FAST =
            ReplicationOptions.defaults().withDurable(false).withParallelism(2);

    private StoreFixtures() {}

    /** A store without fsync, for speed. */
    public static ObjectStore open(Path directory) {
        return ObjectStore.builder(directory).durable(false).build();
    }

    /** The {@code _rev} of a returned object. */
    public static String rev(ObjectNode object) {
        return object.get("_rev").asString();
    }

    /** Replicates with {@link #FAST}. */
    public static ReplicationResult replicate(ObjectStore source, ObjectStore target) {
        return Replicator.replicate(source.path(), target.path(), FAST);
    }

    /** The file names in a directory, sorted; empty if it does not exist. */
    public static Set<String> names(Path directory) {
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return Set.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(p -> p.getFileName().toString()).collect(TreeSet::new, Set::add, Set::addAll);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The revision files of an object directory, in the order that elects the winner. */
    public static List<String> revisionFiles(Path store, String directoryName) {
        return names(store.resolve(directoryName)).stream()
                .filter(RevisionName::isValid)
                .sorted(AlphanumComparator.INSTANCE)
                .toList();
    }

    /** The retirement records of an object. */
    public static Set<String> retired(Path store, String directoryName) {
        return names(store.resolve(io.github.multiprocessstore.internal.format.StoreLayout.ENGINE_DIRECTORY)
                .resolve("trash")
                .resolve(directoryName));
    }

    /**
     * Everything that decides what readers see, from the disk: per object directory, its revision files and its
     * retirement records.
     */
    public static Map<String, List<Set<String>>> stateOnDisk(Path store) {
        Map<String, List<Set<String>>> state = new TreeMap<>();
        Path trash = store.resolve(io.github.multiprocessstore.internal.format.StoreLayout.ENGINE_DIRECTORY)
                .resolve("trash");
        Set<String> objects = new TreeSet<>(names(store));
        objects.removeIf(name -> name.startsWith("."));
        objects.addAll(names(trash));
        for (String name : objects) {
            state.put(name, List.of(new TreeSet<>(revisionFiles(store, name)), retired(store, name)));
        }
        return state;
    }

    /** Deletes a directory tree (test clean-up). */
    public static void deleteTree(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
