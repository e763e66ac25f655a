package io.github.multiprocessstore;

import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Builds store states for the starter's tests through the core's untyped API. */
public final class StoreFixtures {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private StoreFixtures() {}

    /**
     * Creates an object and writes two updates from its first revision, as two processes unaware of each other
     * would: the object then has one conflict group.
     *
     * @param store the collection
     * @param id    the new object's id
     * @return the conflict group's revision names
     */
    public static List<String> createConflict(ObjectStore store, String id) {
        ObjectNode base =
                store.createObject(MAPPER.createObjectNode().put("_id", id).put("secret", "s3cret-0"));
        store.updateObject(base.deepCopy().put("secret", "s3cret-1"));
        store.updateObject(base.deepCopy().put("secret", "s3cret-2"));
        return store.getConflicts(id).get(0);
    }

    /**
     * Creates an object without conflicts.
     *
     * @param store the collection
     * @param id    the new object's id
     */
    public static void createObject(ObjectStore store, String id) {
        store.createObject(MAPPER.createObjectNode().put("_id", id).put("secret", "s3cret"));
    }
}
