package io.github.multiprocessstore.internal.read;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One revision as read from disk.
 *
 * @param revision its file name ({@code _rev})
 * @param content  the JSON object in the file, as written (its own {@code _id}/{@code _rev} are not trusted)
 * @param deleted  whether it is a tombstone ({@code "_deleted": true})
 */
public record StoredRevision(String revision, ObjectNode content, boolean deleted) {

    /**
     * A revision whose tombstone flag is read from its content.
     *
     * @param revision its file name
     * @param content  the JSON object it holds
     * @return the revision, deleted if the content has {@code "_deleted": true}
     */
    public static StoredRevision of(String revision, ObjectNode content) {
        JsonNode deleted = content.get("_deleted");
        return new StoredRevision(revision, content, deleted != null && deleted.isBoolean() && deleted.booleanValue());
    }
}
