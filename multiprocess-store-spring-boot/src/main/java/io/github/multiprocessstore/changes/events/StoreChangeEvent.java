package io.github.multiprocessstore.changes.events;

import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.changes.Change;
import io.github.multiprocessstore.changes.ChangeKind;
import io.github.multiprocessstore.changes.ChangeToken;
import java.util.Optional;
import org.springframework.context.ApplicationEvent;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One change of one object of a collection, written by any process (this one, another instance, the npm package),
 * published from the collection's feed thread. It carries ids and revision names only; {@link #object(Class)} reads
 * and maps the object's revision on request.
 */
public class StoreChangeEvent extends ApplicationEvent {

    private final String collection;
    private final Change change;
    private final transient ObjectStore store;
    private final transient JsonMapper mapper;

    /**
     * @param source     the publisher
     * @param collection the collection's name
     * @param change     the change
     * @param store      the collection's store, to read the object on request
     * @param mapper     maps the object to the application's types
     */
    public StoreChangeEvent(Object source, String collection, Change change, ObjectStore store, JsonMapper mapper) {
        super(source);
        this.collection = collection;
        this.change = change;
        this.store = store;
        this.mapper = mapper;
    }

    /** The collection's name. */
    public String getCollection() {
        return collection;
    }

    /** The object's id. */
    public String getId() {
        return change.id();
    }

    /** The object's winning revision after the change. */
    public String getRevision() {
        return change.revision();
    }

    /** What happened. */
    public ChangeKind getKind() {
        return change.kind();
    }

    /** The feed position after this change. */
    public ChangeToken getToken() {
        return change.token();
    }

    /** The change as the core reports it. */
    public Change getChange() {
        return change;
    }

    /**
     * The object's JSON at this change's revision, read now; empty for a deletion, or if the revision is gone (a
     * later resolution or compaction retired it).
     *
     * @return the revision's JSON, with {@code _id} and {@code _rev}
     */
    public Optional<ObjectNode> json() {
        if (change.kind() == ChangeKind.DELETED) {
            return Optional.empty();
        }
        try {
            ObjectNode revision = store.getRevision(change.id(), change.revision());
            return revision.path("_deleted").asBoolean(false) ? Optional.empty() : Optional.of(revision);
        } catch (io.github.multiprocessstore.ObjectNotFoundException gone) {
            return Optional.empty();
        }
    }

    /**
     * The object at this change's revision, mapped to a type (e.g. a {@code @StoredObject} record) with the
     * application's JSON mapper; as {@link #json()}.
     *
     * @param type the type to map to
     * @param <T>  the type
     * @return the mapped object, empty for a deletion or a revision that is gone
     */
    public <T> Optional<T> object(Class<T> type) {
        return json().map(json -> mapper.treeToValue(json, type));
    }

    @Override
    public String toString() {
        return "StoreChangeEvent[" + collection + "/" + change.id() + " "
                + change.kind().jsonName() + " " + change.revision() + "]";
    }
}
