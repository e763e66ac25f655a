package io.github.multiprocessstore.conflicts;

import io.github.multiprocessstore.ObjectStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One writer of {@link CapturedConflictsIT}, run in a child JVM and in the test's own: for each object
 * {@code doc-0 … doc-<n-1>}, reads the winner, writes two lockless updates on it with the same data (its name and the
 * object's), so that one captures the other, and resolves the object's captured conflicts. Prints
 * {@code PAIR <id> <rev> <rev>} for each pair, {@code RETIRED <id> <rev>} for each revision it retired, and
 * {@code DONE} at the end. The child prints {@code READY} and waits for a line before it starts, so that both
 * writers start together.
 */
public final class CapturedConflictsWorker {

    private CapturedConflictsWorker() {}

    /**
     * Runs the worker in a child JVM.
     *
     * @param args the store directory, the writer's name, the number of objects
     * @throws IOException if standard input cannot be read
     */
    public static void main(String[] args) throws IOException {
        try (ObjectStore store =
                ObjectStore.builder(Path.of(args[0])).durable(false).build()) {
            System.out.println("READY");
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            write(store, args[1], Integer.parseInt(args[2]), System.out);
        }
        System.out.println("DONE");
    }

    static void write(ObjectStore store, String name, int objects, PrintStream out) {
        for (int i = 0; i < objects; i++) {
            String id = "doc-" + i;
            ObjectNode winner = store.getObject(id);
            ObjectNode data = JsonNodeFactory.instance
                    .objectNode()
                    .put("_id", id)
                    .put("_rev", winner.get("_rev").asString())
                    .put("writer", name)
                    .put("object", id);
            String first = store.updateObject(data).get("_rev").asString();
            String second = store.updateObject(data).get("_rev").asString();
            out.println("PAIR " + id + " " + first + " " + second);
            for (String retired : store.resolveCapturedConflicts(id)) {
                out.println("RETIRED " + id + " " + retired);
            }
        }
    }
}
