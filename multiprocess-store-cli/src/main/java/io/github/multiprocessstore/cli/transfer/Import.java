package io.github.multiprocessstore.cli.transfer;

import io.github.multiprocessstore.InvalidIdException;
import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.StoreFileNames;
import io.github.multiprocessstore.cli.support.CliException;
import io.github.multiprocessstore.cli.support.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code import}: reads NDJSON, validates all of it, then writes. Each line is one JSON object with a string
 * {@code _id} (blank lines are skipped; a {@code _rev} is ignored, as revision names belong to the store that made
 * them). Nothing is written unless every line is good and, under {@link Existing#FAIL}, no id exists already.
 */
public final class Import {

    /** What to do with a line whose id is a live object of the store already. */
    public enum Existing {
        /** Leave the object as it is. */
        SKIP,
        /** Replace its content, on top of the current winner, under its lock: never a conflict. */
        UPDATE,
        /** Stop before anything is written (the default). */
        FAIL;

        /** The option's value as the operator writes it. */
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A valid line: its number and the object. */
    public record Entry(long line, String id, ObjectNode object) {}

    /**
     * What an import did.
     *
     * @param objects the objects in the input
     * @param created objects created (or revived over a deleted one)
     * @param updated objects updated
     * @param skipped objects left alone because they existed
     */
    public record Summary(long objects, long created, long updated, long skipped) {}

    private Import() {}

    /**
     * Reads and validates every line.
     *
     * @param in     the input
     * @param source the input's name, for messages
     * @return the objects, in input order
     * @throws CliException (bad input) naming the first bad line
     */
    public static List<Entry> read(BufferedReader in, String source) throws IOException {
        List<Entry> entries = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        long number = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = Json.MAPPER.readTree(line);
            } catch (JacksonException e) {
                throw bad(source, number, "not JSON (" + e.getOriginalMessage() + ")");
            }
            if (node == null || !node.isObject()) {
                throw bad(source, number, "not a JSON object");
            }
            JsonNode id = node.get("_id");
            if (id == null || !id.isString()) {
                throw bad(source, number, "the object has no string _id");
            }
            try {
                StoreFileNames.directoryOf(id.asString());
            } catch (InvalidIdException e) {
                throw bad(source, number, e.getMessage());
            }
            Long earlier = seen.putIfAbsent(id.asString(), number);
            if (earlier != null) {
                throw bad(source, number, "_id '" + id.asString() + "' is on line " + earlier + " already");
            }
            ObjectNode object = (ObjectNode) node;
            object.remove("_rev");
            entries.add(new Entry(number, id.asString(), object));
        }
        return entries;
    }

    private static CliException bad(String source, long line, String problem) {
        return CliException.badInput(
                source + " line " + line + ": " + problem + "; nothing was imported (fix the line and run again)");
    }

    /**
     * Checks the entries against the ids that exist, before any write.
     *
     * @param exists   whether a live object has an id in the store
     * @param existing the policy for existing ids
     * @throws CliException (bad input) under {@link Existing#FAIL}, naming the first line whose id exists
     */
    public static void checkExisting(
            List<Entry> entries, Predicate<String> exists, Existing existing, String source, String store) {
        if (existing != Existing.FAIL) {
            return;
        }
        for (Entry entry : entries) {
            if (exists.test(entry.id())) {
                throw CliException.badInput(source + " line " + entry.line() + ": object '" + entry.id()
                        + "' exists in " + store + " already; nothing was imported (use --existing skip or"
                        + " --existing update)");
            }
        }
    }

    /**
     * Writes the entries.
     *
     * @param store    the writable store
     * @param existing the policy for existing ids
     * @return what was done
     */
    public static Summary write(ObjectStore store, List<Entry> entries, Existing existing) {
        long created = 0;
        long updated = 0;
        long skipped = 0;
        for (Entry entry : entries) {
            if (!store.exists(entry.id())) {
                store.createObject(entry.object());
                created++;
            } else if (existing == Existing.UPDATE) {
                store.updateObjectAtomically(
                        entry.id(), current -> entry.object().deepCopy());
                updated++;
            } else if (existing == Existing.SKIP) {
                skipped++;
            } else {
                // Created by another process after the check: the existing-id rule holds all the same.
                store.createObject(entry.object());
            }
        }
        return new Summary(entries.size(), created, updated, skipped);
    }
}
