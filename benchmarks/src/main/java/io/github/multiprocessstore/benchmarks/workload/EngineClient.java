package io.github.multiprocessstore.benchmarks.workload;

import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.ObjectStoreBuilder;
import io.github.multiprocessstore.RevisionName;
import io.github.multiprocessstore.internal.format.ObjectIds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * This engine through its public {@link ObjectStore} API only: the atomic update ({@code updateObjectAtomically(id, change)},
 * the engine's usual safe read-modify-write: the change runs under the object's lock, so nothing is refused as stale
 * and nothing is retried) for every read-modify-write, {@code getAllObjects} for reading all. Optionally with a
 * bounded history ({@code historyLimit}), which moves old revisions to the store's trash as the object is written.
 */
final class EngineClient implements Client {

    private final Path directory;
    private final JsonMapper mapper;
    private final ObjectStore store;

    /**
     * Opens the store.
     *
     * @param directory    the store directory
     * @param durable      whether every write is fsynced
     * @param historyLimit the store's {@code historyLimit}: 0 for unbounded (the default), else at least 2
     * @param cachesOff    whether to open the store with its caches off ({@code readCacheBytes(0)},
     *                     {@code keepListings(false)}): every read lists the directory, reads and parses the file
     * @param journal      whether writes append to the change journal (the default)
     * @param mapper       builds the verification result
     */
    EngineClient(
            Path directory, boolean durable, int historyLimit, boolean cachesOff, boolean journal, JsonMapper mapper) {
        this.directory = directory;
        this.mapper = mapper;
        ObjectStoreBuilder builder = ObjectStore.builder(directory)
                .durable(durable)
                .historyLimit(historyLimit)
                .changeJournal(journal);
        if (cachesOff) {
            builder.readCacheBytes(0).keepListings(false);
        }
        this.store = builder.build();
    }

    @Override
    public void create(ObjectNode document) {
        store.createObject(document);
    }

    @Override
    public void populate(int count) {
        ObjectStore fast = ObjectStore.builder(directory).durable(false).build();
        for (int i = 0; i < count; i++) {
            fast.createObject(Documents.document(mapper, i));
        }
    }

    @Override
    public ObjectNode get(String id) {
        return store.getObject(id);
    }

    @Override
    public int increment(String id) {
        // read, change and write under the object's lock: no other process's write can come in between, so there is
        // never a stale revision to retry
        store.updateObjectAtomically(
                id,
                document -> document.put(
                        Documents.COUNTER, document.get(Documents.COUNTER).asInt() + 1));
        return 0;
    }

    @Override
    public int readAll() {
        return store.getAllObjects().size();
    }

    @Override
    public long iterateAll() {
        try (Stream<ObjectNode> objects = store.streamObjects()) {
            return objects.filter(object -> object.has("_rev")).count();
        }
    }

    @Override
    public long count() {
        return store.count();
    }

    @Override
    public ObjectNode verify(String id) {
        ObjectNode winner = store.getObject(id);
        List<List<String>> conflicts = store.getConflicts(id);
        ObjectNode result = mapper.createObjectNode();
        result.put("counter", winner.get(Documents.COUNTER).asInt());
        // with a bounded history most revisions were retired to the trash: count them too, so that the figure stays
        // the number of updates stored whatever the limit
        result.put("updatesStored", store.getRevisions(id).size() + retiredRevisions(id) - 1);
        result.put("conflictGroups", conflicts.size());
        result.put(
                "conflictLosers",
                conflicts.stream().mapToInt(group -> group.size() - 1).sum());
        return result;
    }

    /** The revisions of this object that a bounded history moved to {@code <store>/.mpstore/trash/<encoded id>/}. */
    private long retiredRevisions(String id) {
        Path trash = directory.resolve(".mpstore").resolve("trash").resolve(ObjectIds.encode(id));
        try (Stream<Path> entries = Files.list(trash)) {
            return entries.filter(
                            entry -> RevisionName.isValid(entry.getFileName().toString()))
                    .count();
        } catch (NoSuchFileException e) {
            return 0; // nothing was retired: an unbounded history, or one that never reached its limit
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + trash, e);
        }
    }

    @Override
    public void close() {
        // the engine holds no open resources between calls
    }
}
