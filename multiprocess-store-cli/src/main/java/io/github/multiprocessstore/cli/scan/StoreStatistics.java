package io.github.multiprocessstore.cli.scan;

import java.util.List;

/**
 * What {@code stats} reports about a store.
 *
 * @param liveObjects       objects whose winner is not a tombstone
 * @param deletedObjects    objects whose winner is a tombstone
 * @param unreadableObjects objects whose winner cannot be read or is not a JSON object ({@code verify} says why)
 * @param revisions         revision files in object directories (the trash not counted)
 * @param conflictedObjects objects with at least one revision number held by two or more files
 * @param bytes             the total size of those revision files
 * @param mostRevisions     the (at most) ten objects with the most revisions, most first, then by id
 */
public record StoreStatistics(
        long liveObjects,
        long deletedObjects,
        long unreadableObjects,
        long revisions,
        long conflictedObjects,
        long bytes,
        List<ObjectRevisions> mostRevisions) {

    /**
     * An object and how many revisions it has.
     *
     * @param id        the object's id
     * @param revisions its revision files
     */
    public record ObjectRevisions(String id, long revisions) {}
}
