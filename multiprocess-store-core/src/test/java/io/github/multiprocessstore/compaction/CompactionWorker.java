package io.github.multiprocessstore.compaction;

import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.StaleRevisionException;
import io.github.multiprocessstore.StopLine;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A process for {@link CompactionMultiProcessIT}, working on a store that is being compacted meanwhile. Any
 * exception fails the process. Prints {@code DONE} at the end.
 *
 * <ul>
 * <li>{@code increment <store> <name> <count>}: {@code count} strict increments of the object {@code counter} with
 * retry on a stale revision; a chain of plain updates of its own object {@code own-<name>}, printing
 * {@code LAST <rev>} at the end; and objects created then deleted, which compaction removes meanwhile.</li>
 * <li>{@code read <store>}: reads {@code counter} and every object, over and over, until a line arrives on its
 * standard input, checking that the counter never goes backwards; prints {@code READS <n>}.</li>
 * </ul>
 */
public final class CompactionWorker {

    private CompactionWorker() {}

    /**
     * Runs the worker.
     *
     * @param args see the class comment
     */
    public static void main(String[] args) {
        ObjectStore store = ObjectStore.builder(Path.of(args[1])).durable(false).build();
        if (args[0].equals("increment")) {
            increment(store, args[2], Integer.parseInt(args[3]));
        } else {
            read(store);
        }
        System.out.println("DONE");
    }

    private static void increment(ObjectStore store, String name, int count) {
        ObjectNode own =
                store.createObject(JsonNodeFactory.instance.objectNode().put("_id", "own-" + name));
        for (int i = 0; i < count; i++) {
            while (true) {
                ObjectNode counter = store.getObject("counter");
                counter.put("n", counter.get("n").asInt() + 1);
                try {
                    store.updateObjectIfCurrent(counter);
                    break;
                } catch (StaleRevisionException raced) {
                    // another process incremented first: read again
                }
            }
            own.put("step", i);
            own = store.updateObject(own);
            String temporary = "temporary-" + name + "-" + (i % 3);
            if (!store.exists(temporary)) {
                store.createObject(JsonNodeFactory.instance.objectNode().put("_id", temporary));
            }
            store.deleteObject(temporary);
        }
        System.out.println("LAST " + own.get("_rev").asString());
    }

    private static void read(ObjectStore store) {
        AtomicBoolean stop = StopLine.watchStandardInput();
        long reads = 0;
        int last = -1;
        while (!stop.get()) {
            int n = store.getObject("counter").get("n").asInt();
            if (n < last) {
                throw new IllegalStateException("counter went back from " + last + " to " + n);
            }
            last = n;
            reads += 1 + store.getAllObjects().size();
        }
        System.out.println("READS " + reads);
    }
}
