package io.github.multiprocessstore.benchmarks.workload;

import tools.jackson.databind.node.ObjectNode;

/**
 * One contender's store as a workload sees it, in the contender's own idiom (its public API, its usual way to do a
 * read-modify-write). Not thread-safe: one per worker process.
 */
public interface Client extends AutoCloseable {

    /**
     * Creates one document, as one operation (one transaction, one durable write where the contender is durable).
     *
     * @param document the document, with its {@code _id}
     */
    void create(ObjectNode document);

    /**
     * Creates documents {@code 0} to {@code count - 1} as fast as the contender allows, fsync off: the untimed
     * setup of the read and update workloads.
     *
     * @param count how many
     */
    void populate(int count);

    /**
     * Reads one document, parsed, with {@code _id} and {@code _rev}.
     *
     * @param id its id
     * @return the document
     */
    ObjectNode get(String id);

    /**
     * Adds one to the document's {@link Documents#COUNTER}: reads it, changes the parsed document and writes it back,
     * in the contender's usual safe way (an atomic update under the object's lock, a transaction) or, for
     * contenders that have none, its plain way.
     *
     * @param id the document's id
     * @return how many attempts were refused as stale and retried (0 if none)
     */
    int increment(String id);

    /**
     * Reads every document of the store, parsed.
     *
     * @return how many were read
     */
    int readAll();

    /**
     * Visits every document of the store, parsed, without holding them all (a lazy stream, a cursor).
     *
     * @return how many were visited
     */
    long iterateAll();

    /**
     * Counts the documents of the store in the contender's own way.
     *
     * @return how many live documents there are
     */
    long count();

    /**
     * Reads W6's counter document back.
     *
     * @param id the counter document's id
     * @return {@code counter} (the winner's value), {@code updatesStored} (revisions or updates above the
     *         creation), {@code conflictGroups} and {@code conflictLosers} (revisions that lost a conflict)
     */
    ObjectNode verify(String id);

    @Override
    void close();
}
