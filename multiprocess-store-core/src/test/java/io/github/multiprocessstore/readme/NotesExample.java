package io.github.multiprocessstore.readme;

import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.StaleRevisionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

public class NotesExample {

    public static void main(String[] args) throws IOException {
        // A new, empty store on every run; Path.of("~/data/notes-store") would keep one in your home directory.
        run(Files.createTempDirectory("notes-store"));
    }

    static void run(Path directory) {
        try (ObjectStore store = ObjectStore.open(directory)) { // created if missing; durable writes
            ObjectNode note = store.createObject(JsonNodeFactory.instance
                    .objectNode()
                    .put("_id", "groceries")
                    .put("text", "milk"));
            System.out.println("created   " + note);

            // Two writers change revision 0: the original's update never rejects, so both land...
            store.updateObject(note.deepCopy().put("text", "milk, eggs"));
            store.updateObject(note.deepCopy().put("text", "milk, bread"));
            // ...and the conflict is surfaced, not hidden: every reader elects the same winner meanwhile.
            System.out.println("conflicts " + store.getConflicts("groceries"));

            // A strict update succeeds only while the _rev it is based on still wins.
            try {
                store.updateObjectIfCurrent(note.deepCopy().put("text", "tea"));
            } catch (StaleRevisionException e) {
                System.out.println("stale     " + e.expectedRevision() + " no longer wins");
            }

            // Merge the rivals into one revision based on the winner; the rivals go to the store's trash.
            ObjectNode merged = store.getObject("groceries").put("text", "milk, eggs, bread");
            System.out.println("resolved  " + store.resolveConflict(merged));
            System.out.println("conflicts " + store.getConflicts("groceries"));

            // Read-modify-write under the object's lock: never stale, no retry loop.
            store.updateObjectAtomically(
                    "groceries", n -> n.put("edits", n.path("edits").asInt(0) + 1));
            System.out.println("history   " + store.getRevisions("groceries"));

            try (Stream<ObjectNode> all = store.streamObjects()) { // constant memory; close it
                all.forEach(each -> System.out.println("stored    " + each));
            }
            store.deleteObject("groceries"); // writes a tombstone revision
            System.out.println("exists    " + store.exists("groceries"));
        } // close: releases the store's locks, read pool and caches
    }
}
