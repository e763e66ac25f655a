package io.github.multiprocessstore;

import io.github.multiprocessstore.internal.format.RevisionNames;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Checks of the objects and names callers pass to a store, before anything on disk is touched. */
final class Arguments {

    private Arguments() {}

    /** The object's {@code _id}, which must be a string. */
    static String idOf(ObjectNode object) {
        Objects.requireNonNull(object, "object must not be null");
        JsonNode id = object.get("_id");
        if (id == null || !id.isString()) {
            throw new InvalidIdException(id == null ? null : id.toString(), "the object needs a string _id");
        }
        return id.asString();
    }

    /** The object's {@code _rev}, if it has one; it must be a revision name. */
    static Optional<String> revisionOf(ObjectNode object) {
        JsonNode revision = object.get("_rev");
        if (revision == null || revision.isNull()) {
            return Optional.empty();
        }
        String text = revision.isString() ? revision.asString() : revision.toString();
        requireRevisionName(text, "a revision looks like <N>-<32 hex>, as returned by a read");
        return Optional.of(text);
    }

    /** The object's {@code _rev}, which a strict write needs. */
    static String requireRevisionOf(ObjectNode object) {
        return revisionOf(object)
                .orElseThrow(() -> new InvalidIdException(
                        "_rev", null, "a strict update needs the _rev it was read at; read the object first"));
    }

    /** Refuses a string that is not a revision name; {@code rule} completes the message. */
    static void requireRevisionName(String revision, String rule) {
        if (revision == null || !RevisionNames.isValid(revision)) {
            throw new InvalidIdException("_rev", revision, rule);
        }
    }
}
