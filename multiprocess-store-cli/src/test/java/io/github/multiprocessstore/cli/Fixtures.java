package io.github.multiprocessstore.cli;

import io.github.multiprocessstore.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Stores on disk for the CLI's tests, written by this engine, with everything a real store may hold. */
final class Fixtures {

    /** A revision name that sorts before anything the engine writes at number 0 (a corrupt file is elected). */
    static final String CORRUPT_REV = "5-ffffffffffffffffffffffffffffffff";

    private Fixtures() {}

    /** What {@link #messyStore} wrote, for assertions. */
    record Messy(
            Path store,
            String aliceRev,
            String bobBase,
            String bobLeft,
            String bobRight,
            String carolTombstone,
            Path corruptFile,
            Path strayTopLevelFile,
            Path strayFileInObject,
            Path emptyObject,
            Path oldTemp) {}

    /**
     * A store with: {@code alice} (live, two revisions), {@code bob} (a conflict between two revisions 1),
     * {@code carol} (deleted), {@code dave} (its winner is a corrupt file), {@code a b} (an id stored
     * percent-encoded), a stray file at the top level, a stray file in alice's directory, an empty object
     * directory, and a temp file two days old.
     */
    static Messy messyStore(Path store) {
        try (ObjectStore objects = ObjectStore.builder(store).durable(false).build()) {
            ObjectNode alice = objects.createObject(object("alice").put("email", "alice@example.com"));
            alice = objects.updateObject(alice.put("email", "alice@example.org"));
            ObjectNode bob = objects.createObject(object("bob").put("n", 0));
            String left = rev(objects.updateObject(bob.deepCopy().put("n", 1)));
            String right = rev(objects.updateObject(bob.deepCopy().put("n", 2)));
            objects.createObject(object("carol"));
            String tombstone = objects.deleteObject("carol");
            objects.createObject(object("dave").put("ok", true));
            objects.createObject(object("a b").put("spaced", true));
            Path corrupt = Files.writeString(store.resolve("dave").resolve(CORRUPT_REV), "{\"truncated\": ");
            Path strayTop = Files.writeString(store.resolve("notes.txt"), "not an object\n");
            Path strayInObject = Files.writeString(store.resolve("alice").resolve("README"), "stray\n");
            Path empty = Files.createDirectory(store.resolve("empty"));
            Path oldTemp = Files.writeString(store.resolve(".mpstore/tmp/4242-crashed.rev"), "{\"half\":");
            Files.setLastModifiedTime(oldTemp, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
            return new Messy(
                    store.toAbsolutePath().normalize(),
                    rev(alice),
                    rev(bob),
                    left,
                    right,
                    tombstone,
                    corrupt,
                    strayTop,
                    strayInObject,
                    empty,
                    oldTemp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A clean store of {@code count} objects {@code doc-00000}... with a field {@code n}. */
    static void cleanStore(Path store, int count) {
        try (ObjectStore objects = ObjectStore.builder(store).durable(false).build()) {
            for (int i = 0; i < count; i++) {
                objects.createObject(object(String.format("doc-%05d", i)).put("n", i));
            }
        }
    }

    static ObjectNode object(String id) {
        return JsonNodeFactory.instance.objectNode().put("_id", id);
    }

    static String rev(ObjectNode object) {
        return object.get("_rev").asString();
    }
}
