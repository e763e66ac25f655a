package io.github.multiprocessstore.changes.events;

import java.util.List;
import org.springframework.context.ApplicationEvent;

/**
 * A conflict appeared on an object (two writers, in any processes, wrote from the same revision), published from
 * the collection's feed thread in addition to its {@link StoreChangeEvent}: the place to flag the object for
 * attention or show the conflict to a human, as the original package advises.
 */
public class StoreConflictEvent extends ApplicationEvent {

    private final String collection;
    private final String id;
    private final String revision;
    private final List<List<String>> conflicts;

    /**
     * @param source     the publisher
     * @param collection the collection's name
     * @param id         the object's id
     * @param revision   the winning revision when the conflict was reported
     * @param conflicts  the object's conflict groups then (revision names sharing one number)
     */
    public StoreConflictEvent(
            Object source, String collection, String id, String revision, List<List<String>> conflicts) {
        super(source);
        this.collection = collection;
        this.id = id;
        this.revision = revision;
        this.conflicts = List.copyOf(conflicts);
    }

    /** The collection's name. */
    public String getCollection() {
        return collection;
    }

    /** The object's id. */
    public String getId() {
        return id;
    }

    /** The winning revision when the conflict was reported. */
    public String getRevision() {
        return revision;
    }

    /** The conflict groups, in the original's shape ({@code [["1-a…","1-b…"]]}). */
    public List<List<String>> getConflicts() {
        return conflicts;
    }

    @Override
    public String toString() {
        return "StoreConflictEvent[" + collection + "/" + id + " " + conflicts + "]";
    }
}
