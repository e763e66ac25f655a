package io.github.multiprocessstore.replication;

import io.github.multiprocessstore.ObjectNotFoundException;
import io.github.multiprocessstore.ObjectStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A writer process for {@link ReplicationMultiProcessIT}: alternates between two stores that are being
 * replicated into each other meanwhile, creating its own objects, updating shared ones from whatever it reads
 * (which makes conflicts across the stores), deleting, and resolving conflicts. Prints {@code ACK <store> <id>
 * <rev>} for every acknowledged write, then {@code DONE}. Any unexpected exception fails the process.
 *
 * <p>Arguments: {@code <store A> <store B> <writer name> <operations> <shared objects>}.
 */
public final class ReplicationWriterWorker {

    private ReplicationWriterWorker() {}

    /**
     * Runs the writer.
     *
     * @param args see the class comment
     */
    public static void main(String[] args) {
        List<ObjectStore> stores = List.of(open(Path.of(args[0])), open(Path.of(args[1])));
        String writer = args[2];
        int operations = Integer.parseInt(args[3]);
        int shared = Integer.parseInt(args[4]);
        for (int step = 0; step < operations; step++) {
            int i = step;
            int storeIndex = i % 2;
            ObjectStore store = stores.get(storeIndex);
            String sharedId = "shared-" + (i / 2 % shared);
            switch (i / 2 % 5) {
                case 0 -> ack(storeIndex, store.createObject(object(writer + "-" + i, i)));
                case 1, 2 ->
                    store.findObject(sharedId).ifPresent(current -> {
                        current.put("by", writer).put("step", i);
                        ack(storeIndex, store.updateObject(current));
                    });
                case 3 -> {
                    // One of its own earlier objects, which may not have reached this store yet.
                    String own = writer + "-" + (i - 6);
                    try {
                        if (i >= 6 && store.exists(own)) {
                            System.out.println("ACK " + storeIndex + " " + own + " " + store.deleteObject(own));
                        }
                    } catch (ObjectNotFoundException deletedMeanwhile) {
                        // deleted through the other store and replicated: nothing written
                    }
                }
                default -> resolveOne(store, sharedId);
            }
        }
        System.out.println("DONE");
    }

    private static void resolveOne(ObjectStore store, String id) {
        Optional<List<String>> group = store.getConflicts(id).stream().findFirst();
        if (group.isPresent()) {
            try {
                store.resolveConflict(id, group.get().get(0));
            } catch (ObjectNotFoundException retiredMeanwhile) {
                // another writer or a replication retired that revision first
            }
        }
    }

    private static ObjectStore open(Path directory) {
        return ObjectStore.builder(directory).durable(false).build();
    }

    private static ObjectNode object(String id, int step) {
        return JsonNodeFactory.instance.objectNode().put("_id", id).put("step", step);
    }

    private static void ack(int storeIndex, ObjectNode written) {
        System.out.println("ACK " + storeIndex + " " + written.get("_id").asString() + " "
                + written.get("_rev").asString());
    }
}
