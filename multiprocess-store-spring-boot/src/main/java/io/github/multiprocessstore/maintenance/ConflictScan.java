package io.github.multiprocessstore.maintenance;

import io.github.multiprocessstore.ObjectStore;
import java.util.List;
import java.util.Map;

/**
 * What the {@link ConflictMonitor} does with one collection on each scan, and which of its conflicts it reports:
 * by default the conflicts of its live objects; an application's conflict policies may ignore a collection or
 * resolve what they can first.
 */
@FunctionalInterface
public interface ConflictScan {

    /** Reports the conflicts of every live object, whatever the collection. */
    ConflictScan LIVE_OBJECTS = (collection, store) -> store.getConflictsOfLiveObjects();

    /**
     * Scans one collection.
     *
     * @param collection the collection name
     * @param store      its store
     * @return the conflicts to report, object id to conflict groups
     */
    Map<String, List<List<String>>> scan(String collection, ObjectStore store);
}
