package io.github.multiprocessstore.filesystems;

import io.github.multiprocessstore.ObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs one write of every kind on a store, each between two marker directories it creates
 * ({@code <markers>/<n>-<kind>-begin} and {@code -end}), so that a system-call trace can be cut into one window
 * per write. Arguments: the store directory, the markers directory, {@code durable} or {@code fast}. Prints each
 * kind it ran and {@code DONE}.
 */
public final class DurabilityWorker {

    /** The kinds of write, in the order they run; the test knows what each must publish or retire. */
    public static final List<String> KINDS = List.of(
            "create",
            "update",
            "update-conflicting",
            "resolve-choosing",
            "update-strict",
            "update-atomic",
            "upsert-existing",
            "upsert-new",
            "update-conflicting-again",
            "resolve-merging",
            "delete",
            "create-over-deleted");

    private DurabilityWorker() {}

    public static void main(String[] args) throws IOException {
        Path storeDirectory = Path.of(args[0]);
        Path markers = Path.of(args[1]);
        boolean durable = args[2].equals("durable");
        try (ObjectStore store =
                ObjectStore.builder(storeDirectory).durable(durable).build()) {
            ObjectNode[] base = new ObjectNode[1];
            ObjectNode[] rival = new ObjectNode[1];
            int n = 0;
            for (String kind : KINDS) {
                String prefix = String.format("%02d-%s", n++, kind);
                Files.createDirectory(markers.resolve(prefix + "-begin"));
                switch (kind) {
                    case "create" -> base[0] = store.createObject(object("doc", 0));
                    case "update" ->
                        rival[0] = store.updateObject(base[0].deepCopy().put("n", 1));
                    case "update-conflicting" ->
                        store.updateObject(base[0].deepCopy().put("n", 2));
                    case "resolve-choosing" ->
                        store.resolveConflict("doc", rival[0].get("_rev").asString());
                    case "update-strict" ->
                        base[0] = store.updateObjectIfCurrent(
                                store.getObject("doc").put("n", 3));
                    case "update-atomic" -> store.updateObjectAtomically("doc", doc -> doc.put("n", 4));
                    case "upsert-existing" -> base[0] = store.upsertObject(object("doc", 5));
                    case "upsert-new" -> store.upsertObject(object("other", 0));
                    case "update-conflicting-again" -> {
                        store.updateObject(base[0].deepCopy().put("n", 6));
                        store.updateObject(base[0].deepCopy().put("n", 7));
                    }
                    case "resolve-merging" ->
                        store.resolveConflict(store.getObject("doc").put("n", 8));
                    case "delete" -> store.deleteObject("doc");
                    case "create-over-deleted" -> store.createObject(object("doc", 9));
                    default -> throw new IllegalStateException(kind);
                }
                Files.createDirectory(markers.resolve(prefix + "-end"));
                System.out.println("RAN " + kind);
            }
        }
        System.out.println("DONE");
    }

    private static ObjectNode object(String id, int n) {
        return JsonNodeFactory.instance.objectNode().put("_id", id).put("n", n);
    }
}
