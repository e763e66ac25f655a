package io.github.multiprocessstore.read;

import tools.jackson.databind.node.ObjectNode;

/**
 * One revision as read from disk.
 *
 * @param revision its file name ({@code _rev})
 * @param content  the JSON object in the file, as written (its own {@code _id}/{@code _rev} are not trusted)
 * @param deleted  whether it is a tombstone ({@code "_deleted": true})
 */
public record StoredRevision(String revision, ObjectNode content, boolean deleted) {
}
