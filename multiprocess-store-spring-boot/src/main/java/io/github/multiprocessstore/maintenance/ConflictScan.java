package io.github.multiprocessstore.maintenance;

import io.github.multiprocessstore.CorruptRevisionException;
import io.github.multiprocessstore.ObjectNotFoundException;
import io.github.multiprocessstore.ObjectStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the {@link ConflictMonitor} does with one collection on each scan, and which of its conflicts it reports:
 * by default the conflicts of its live objects; an application's conflict policies may ignore a collection or
 * resolve what they can first. Between scans, the monitor asks it about each object the change feed reports
 * ({@link #scanObject}).
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

    /**
     * Looks at one object again after the change feed reported a change to it, so that the monitor's report follows
     * the feed between scans. By default: the conflicts of the object if it is live, none if it is deleted or gone.
     *
     * @param collection the collection name
     * @param store      its store
     * @param id         the object that changed
     * @return the object's conflicts to report (an empty list: none), or empty to leave the object as the last scan
     *     saw it until the next scan decides
     */
    default Optional<List<List<String>>> scanObject(String collection, ObjectStore store, String id) {
        List<List<String>> conflicts;
        try {
            conflicts = store.getConflicts(id);
        } catch (ObjectNotFoundException gone) {
            return Optional.of(List.of());
        }
        try {
            return Optional.of(conflicts.isEmpty() || !store.exists(id) ? List.of() : conflicts);
        } catch (ObjectNotFoundException gone) {
            return Optional.of(List.of());
        } catch (CorruptRevisionException unreadableWinner) {
            // as in the scan: an object whose winner does not parse counts as live, so its conflicts stay in sight
            return Optional.of(conflicts);
        }
    }
}
