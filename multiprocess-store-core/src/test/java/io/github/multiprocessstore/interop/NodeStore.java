package io.github.multiprocessstore.interop;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The original npm package's store on one directory, driven from Java: each call runs {@code store-ops.js} in a
 * new node process, so every read really goes to the disk as a separate Node.js application's would.
 */
final class NodeStore {

    private final Path directory;

    NodeStore(Path directory) {
        this.directory = directory;
    }

    /** The original's {@code getObject(id)}: the winning revision, with {@code _id} and {@code _rev} from the path. */
    ObjectNode getObject(String id) {
        return (ObjectNode) call("getObject", id).value();
    }

    /** The original's {@code getAllObjects()}. */
    List<ObjectNode> getAllObjects() {
        List<ObjectNode> objects = new ArrayList<>();
        call("getAllObjects").value().forEach(object -> objects.add((ObjectNode) object));
        return objects;
    }

    /** The original's {@code getConflicts(id)}. */
    List<List<String>> getConflicts(String id) {
        return NodeInterop.JSON.convertValue(call("getConflicts", id).value(), new TypeReference<>() {});
    }

    void createObject(ObjectNode object) {
        call("createObject", object).value();
    }

    void updateObject(ObjectNode object) {
        call("updateObject", object).value();
    }

    void upsertObject(ObjectNode object) {
        call("upsertObject", object).value();
    }

    void deleteObject(String id) {
        call("deleteObject", id).value();
    }

    /** One call in its own node process, failed or not. */
    Outcome call(String operation, Object... args) {
        return calls(new Call(operation, List.of(args))).get(0);
    }

    /** Several calls, in order, in one node process. */
    List<Outcome> calls(Call... calls) {
        JsonNode results = NodeInterop.runJson("store-ops.js", List.of(calls), directory.toString());
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < calls.length; i++) {
            JsonNode result = results.get(i);
            outcomes.add(new Outcome(
                    calls[i],
                    result.path("ok").asBoolean(),
                    result.get("value"),
                    result.path("error").asString(null),
                    result.path("code").asString(null)));
        }
        return outcomes;
    }

    /**
     * A call of a method of the original's store.
     *
     * @param op   the method name
     * @param args its arguments (strings or objects)
     */
    record Call(String op, List<Object> args) {

        static Call of(String op, Object... args) {
            return new Call(op, List.of(args));
        }
    }

    /**
     * What a call of the original resolved to, or how it failed.
     *
     * @param call  the call
     * @param ok       whether it resolved
     * @param resolved what it resolved to (null if it failed)
     * @param error the message it rejected with (null if it resolved)
     * @param code  the Node.js error code, e.g. {@code ENOENT} (null if none)
     */
    record Outcome(Call call, boolean ok, JsonNode resolved, String error, String code) {

        /** What the call resolved to; fails the test, with node's error, if it was rejected. */
        JsonNode value() {
            if (!ok) {
                throw new AssertionError(
                        "The original package rejected " + call + ": " + error + " (code " + code + ")");
            }
            return resolved;
        }
    }
}
