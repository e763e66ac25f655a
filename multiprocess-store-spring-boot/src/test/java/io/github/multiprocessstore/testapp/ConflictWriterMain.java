package io.github.multiprocessstore.testapp;

import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.StoreRoot;
import java.nio.file.Path;
import tools.jackson.databind.node.ObjectNode;

/**
 * Run in a separate JVM by the HTTP test: reads an object and writes two updates based on the same revision with
 * the original's update ({@code updateObject}), leaving a conflict that the application did not write itself.
 * Prints the two new revision names, one per line.
 */
public final class ConflictWriterMain {

    private ConflictWriterMain() {}

    /**
     * @param args the store root, the collection and the object id
     */
    public static void main(String[] args) {
        ObjectStore store = StoreRoot.open(Path.of(args[0]), builder -> {}).collection(args[1]);
        ObjectNode base = store.getObject(args[2]);
        ObjectNode left = store.updateObject(base.deepCopy().put("email", "left@example.com"));
        ObjectNode right = store.updateObject(base.deepCopy().put("email", "right@example.com"));
        System.out.println(left.get("_rev").asString());
        System.out.println(right.get("_rev").asString());
    }
}
