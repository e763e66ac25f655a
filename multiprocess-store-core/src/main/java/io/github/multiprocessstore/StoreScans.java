package io.github.multiprocessstore;

import io.github.multiprocessstore.internal.format.Revisions;
import io.github.multiprocessstore.internal.read.CacheAdmission;
import io.github.multiprocessstore.internal.store.ObjectDirectory;
import io.github.multiprocessstore.internal.store.StoreFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;
import tools.jackson.databind.node.ObjectNode;

/**
 * The reads of {@link FileObjectStore} that visit the whole store. They use the read caches only where there is
 * free room, so that one pass over a large store does not push out what reads of single objects keep, and skip a
 * corrupt object with a logged warning instead of failing the scan.
 */
final class StoreScans implements AutoCloseable {

    private final StoreFiles files;
    private final ObjectReader reader;
    private final ObjectWriter writer;
    private final ParallelReads parallelReads = new ParallelReads();

    StoreScans(StoreFiles files, ObjectReader reader, ObjectWriter writer) {
        this.files = files;
        this.reader = reader;
        this.writer = writer;
    }

    Map<String, List<List<String>>> allConflicts() {
        Map<String, List<List<String>>> conflicts = new TreeMap<>();
        try (Stream<ObjectDirectory> objects = objects()) {
            objects.forEach(directory -> reader.revisionNames(directory, CacheAdmission.ONLY_FREE_ROOM)
                    .filter(Revisions::hasConflict)
                    .ifPresent(names -> conflicts.put(directory.id(), Revisions.conflicts(names))));
        }
        return conflicts;
    }

    Map<String, List<List<String>>> conflictsOfLiveObjects() {
        Map<String, List<List<String>>> conflicts = new TreeMap<>();
        try (Stream<ObjectDirectory> objects = objects()) {
            objects.forEach(directory -> reader.revisionNames(directory, CacheAdmission.ONLY_FREE_ROOM)
                    .filter(Revisions::hasConflict)
                    .filter(names -> !isDeleted(directory))
                    .ifPresent(names -> conflicts.put(directory.id(), Revisions.conflicts(names))));
        }
        return conflicts;
    }

    /** Whether the winner is a tombstone; a winner that does not parse counts as live, so it stays in sight. */
    private boolean isDeleted(ObjectDirectory directory) {
        try {
            return reader.current(directory, CacheAdmission.ONLY_FREE_ROOM)
                    .map(current -> current.winner().deleted())
                    .orElse(true);
        } catch (CorruptRevisionException e) {
            return false;
        }
    }

    List<ObjectNode> allObjects() {
        // Every object is held in memory anyway, so the names are read at once.
        List<ObjectDirectory> objects;
        try {
            objects = new ArrayList<>(files.objects());
        } catch (IOException e) {
            throw new StoreIOException("list objects", null, files.root(), e);
        }
        objects.sort(Comparator.comparing(ObjectDirectory::id));
        return parallelReads.map(objects, this::readLiveOrSkip);
    }

    Stream<ObjectNode> streamObjects() {
        Stream<ObjectDirectory> objects = objects();
        return objects.map(this::readLiveOrSkip).filter(Objects::nonNull).onClose(objects::close);
    }

    long count() {
        try (Stream<ObjectDirectory> objects = objects()) {
            return parallelReads.count(objects, directory -> readLiveOrSkip(directory) != null);
        }
    }

    Stream<String> streamIds() {
        return objects().filter(this::isDirectory).map(ObjectDirectory::id);
    }

    /**
     * The store's objects, lazily. Scans that go on to list each object directory need not check that each entry
     * is a directory: that listing refuses (and logs) anything else.
     */
    private Stream<ObjectDirectory> objects() {
        return files.streamObjects(e -> new StoreIOException("list objects", null, files.root(), e));
    }

    private boolean isDirectory(ObjectDirectory directory) {
        if (Files.isDirectory(directory.path(), LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        files.warnOnce(directory.path(), "is not a directory (a file or symbolic link); not an object");
        return false;
    }

    private ObjectNode readLiveOrSkip(ObjectDirectory directory) {
        return reader.liveWinnerForScan(directory)
                .map(winner -> writer.withIdentity(directory.id(), winner.revision(), winner.content()))
                .orElse(null);
    }

    /** Ends the read pool's threads. */
    @Override
    public void close() {
        parallelReads.close();
    }
}
