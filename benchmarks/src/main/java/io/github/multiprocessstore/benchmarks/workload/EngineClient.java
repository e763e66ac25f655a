package io.github.multiprocessstore.benchmarks.workload;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.StaleRevisionException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * This engine through its public {@link ObjectStore} API only: a strict update ({@code updateObjectIfCurrent})
 * retried on a stale revision for every read-modify-write, {@code getAllObjects} for reading all.
 */
final class EngineClient implements Client {

    private final Path directory;
    private final JsonMapper mapper;
    private final ObjectStore store;

    EngineClient(Path directory, boolean durable, JsonMapper mapper) {
        this.directory = directory;
        this.mapper = mapper;
        this.store = ObjectStore.builder(directory).durable(durable).build();
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
        for (int stale = 0; ; stale++) {
            ObjectNode document = store.getObject(id);
            document.put(Documents.COUNTER, document.get(Documents.COUNTER).asInt() + 1);
            try {
                store.updateObjectIfCurrent(document);
                return stale;
            } catch (StaleRevisionException e) {
                // another process wrote first: read its revision and apply the increment again
            }
        }
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
        result.put("updatesStored", store.getRevisions(id).size() - 1);
        result.put("conflictGroups", conflicts.size());
        result.put("conflictLosers", conflicts.stream().mapToInt(group -> group.size() - 1).sum());
        return result;
    }

    @Override
    public void close() {
        // the engine holds no open resources between calls
    }
}
