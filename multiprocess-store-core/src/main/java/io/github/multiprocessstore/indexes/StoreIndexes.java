package io.github.multiprocessstore.indexes;

import io.github.multiprocessstore.CorruptRevisionException;
import io.github.multiprocessstore.InvalidIdException;
import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.StoreClosedException;
import io.github.multiprocessstore.changes.Change;
import io.github.multiprocessstore.changes.ChangeKind;
import io.github.multiprocessstore.changes.ChangeListener;
import io.github.multiprocessstore.changes.ChangeSubscription;
import io.github.multiprocessstore.changes.ChangeToken;
import io.github.multiprocessstore.internal.indexes.IndexKeys;
import io.github.multiprocessstore.internal.indexes.KeyIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The declared indexes of one store, held in this process's memory and kept current from the store's change feed,
 * so that a query can find objects by key, by range or in sorted order without reading every object.
 *
 * <h2>When the indexes can be trusted</h2>
 * Other processes write the same directory without telling this one; the indexes learn of their writes from the
 * feed. A query therefore calls {@link #current()} first: it waits (up to {@link IndexOptions#catchUpTimeout()})
 * until the feed has delivered every change this engine's writers, in any process, had journaled when the query
 * started, and is empty if that cannot be shown (timeout, a rebuild after a feed reset, closed), in which case the
 * query scans. Writes by programs that do not journal (the npm package, {@code rsync}) reach the indexes through the
 * feed's reconciliation, within its reconcile interval (plus about a second for directories still changing).
 *
 * <p>Whatever the index says is a candidate only: a query reads each candidate's current winner and checks it
 * against its criteria before returning it, so it never returns an object that does not match.
 *
 * <h2>Building</h2>
 * {@link #build} reads every live object in parallel, one bounded batch at a time, computes the keys and keeps only
 * (key, id) per object and index; it then subscribes to the feed from the position taken before the read, so no
 * write falls between. A feed reset (journal lost or trimmed, or this subscriber too far behind) clears the indexes
 * and refills them from the snapshot the feed delivers; queries scan until then ({@link IndexState#REBUILDING}).
 *
 * <p>Thread-safe. Closing the indexes (or the store) stops their feed thread.
 */
public final class StoreIndexes implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(StoreIndexes.class.getName());

    /** Objects read per parallel batch while building: bounds the memory the build holds besides the indexes. */
    private static final int BUILD_BATCH = 1024;

    private final ObjectStore store;
    private final IndexOptions options;
    private final Map<String, IndexDefinition> definitions = new LinkedHashMap<>();
    private final Map<String, KeyIndex> indexes = new LinkedHashMap<>();
    private final AtomicLong resets = new AtomicLong();
    private final ChangeSubscription subscription;
    private final Object vanishedCheck = new Object();
    private volatile FileTime vanishedCheckedAt;
    /** The latest reset generation whose rebuild a caught-up query has seen complete. */
    private final AtomicLong rebuilt = new AtomicLong();

    private volatile boolean closed;

    private StoreIndexes(ObjectStore store, Collection<IndexDefinition> definitions, IndexOptions options) {
        this.store = store;
        this.options = options;
        for (IndexDefinition definition : definitions) {
            if (this.definitions.putIfAbsent(definition.name(), definition) != null) {
                throw new IllegalArgumentException("Index '" + definition.name() + "' is declared twice on store "
                        + store.path() + ": give each index its own name");
            }
            indexes.put(definition.name(), new KeyIndex());
        }
        ChangeToken before = store.currentChangeToken();
        vanishedCheckedAt = lastModified(store);
        load();
        this.subscription = store.subscribe(before, new Maintainer());
    }

    /**
     * Builds indexes with the {@linkplain IndexOptions#defaults() default options}.
     *
     * @param store       the store to index
     * @param definitions the indexes
     * @return the indexes, built and kept current until closed
     * @throws IllegalArgumentException if two definitions have one name
     */
    public static StoreIndexes build(ObjectStore store, Collection<IndexDefinition> definitions) {
        return build(store, definitions, IndexOptions.defaults());
    }

    /**
     * Builds indexes: reads every live object (in parallel), then follows the change feed until closed.
     *
     * @param store       the store to index
     * @param definitions the indexes
     * @param options     the build's parallelism and the queries' catch-up timeout
     * @return the indexes, built and kept current until closed
     * @throws IllegalArgumentException if two definitions have one name
     */
    public static StoreIndexes build(ObjectStore store, Collection<IndexDefinition> definitions, IndexOptions options) {
        Objects.requireNonNull(store, "store must not be null");
        Objects.requireNonNull(definitions, "definitions must not be null");
        Objects.requireNonNull(options, "options must not be null");
        return new StoreIndexes(store, List.copyOf(definitions), options);
    }

    /** The names of the indexes, in declaration order. */
    public Set<String> names() {
        return definitions.keySet();
    }

    /** Whether the indexes can answer queries now, or are being rebuilt, or closed. */
    public IndexState state() {
        if (closed || !subscription.isOpen()) {
            return IndexState.CLOSED;
        }
        return resets.get() != rebuilt.get() ? IndexState.REBUILDING : IndexState.READY;
    }

    /** How many times the feed was reset, each time clearing and refilling the indexes. */
    public long resets() {
        return resets.get();
    }

    /**
     * How many objects an index holds.
     *
     * @param index the index's name
     * @return its size
     * @throws IllegalArgumentException if there is no such index
     */
    public int size(String index) {
        return index(index).size();
    }

    /**
     * The indexes as a query may use them: waits until they hold every write this engine journaled, in any process,
     * before this call. Empty if that cannot be shown within the catch-up timeout, or while they are rebuilt after a
     * reset, or once closed: the caller scans instead.
     *
     * @return a view to query, or empty to scan
     */
    public Optional<IndexedView> current() {
        if (closed || !subscription.isOpen()) {
            return Optional.empty();
        }
        long generation = resets.get();
        boolean caughtUp;
        try {
            caughtUp = subscription.awaitJournal(options.catchUpTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (StoreClosedException e) {
            return Optional.empty();
        }
        if (!caughtUp || resets.get() != generation) {
            return Optional.empty();
        }
        // Caught up outside a snapshot and with no reset since: the rebuild of this generation is complete.
        rebuilt.accumulateAndGet(generation, Math::max);
        return Optional.of(new IndexedView(this, generation));
    }

    /**
     * The live objects whose key in an index equals a value, from the index when it is current, else by a scan.
     * Every object returned was read after the call began and has that key.
     *
     * @param index the index's name
     * @param value the value its key function must give
     * @return the matching objects, by id
     * @throws IllegalArgumentException if there is no such index
     */
    public List<ObjectNode> findEqual(String index, JsonNode value) {
        IndexDefinition definition = definition(index);
        Object key = IndexKeys.of(value);
        Optional<IndexedView> view = current();
        if (view.isPresent()) {
            List<ObjectNode> found = new ArrayList<>();
            for (String id : view.get().idsEqual(index, value)) {
                store.findObject(id)
                        .filter(object -> keyOf(definition, object)
                                .map(k -> IndexKeys.ORDER.compare(k, key) == 0)
                                .orElse(false))
                        .ifPresent(found::add);
            }
            if (view.get().isStillValid()) {
                return found;
            }
        }
        List<ObjectNode> scanned = new ArrayList<>();
        try (Stream<ObjectNode> all = store.streamObjects()) {
            all.filter(object -> keyOf(definition, object)
                            .map(k -> IndexKeys.ORDER.compare(k, key) == 0)
                            .orElse(false))
                    .forEach(scanned::add);
        }
        scanned.sort(
                (a, b) -> a.path("_id").stringValue().compareTo(b.path("_id").stringValue()));
        return scanned;
    }

    private static FileTime lastModified(ObjectStore store) {
        try {
            return Files.getLastModifiedTime(store.path());
        } catch (IOException e) {
            return FileTime.fromMillis(Long.MIN_VALUE);
        }
    }

    /** Stops following the feed and drops the indexes. Idempotent; the store stays open. */
    @Override
    public void close() {
        closed = true;
        subscription.close();
        indexes.values().forEach(KeyIndex::clear);
    }

    // ---- for the view ----------------------------------------------------------------------------------------

    KeyIndex index(String name) {
        KeyIndex index = indexes.get(name);
        if (index == null) {
            throw new IllegalArgumentException(
                    "No index '" + name + "' on store " + store.path() + "; declared: " + definitions.keySet());
        }
        return index;
    }

    IndexDefinition definition(String name) {
        index(name);
        return definitions.get(name);
    }

    long generation() {
        return resets.get();
    }

    /** An object's key in an index, or empty if its key function fails on it (it is then left out). */
    static Optional<Object> keyOf(IndexDefinition definition, ObjectNode object) {
        try {
            return Optional.of(IndexKeys.of(definition.key().apply(object)));
        } catch (RuntimeException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "The key function of index '" + definition.name() + "' failed on object '"
                            + object.path("_id").asString() + "'; the object is left out of that index (queries by"
                            + " scan still see it)",
                    e);
            return Optional.empty();
        }
    }

    /**
     * Forgets the objects whose directories vanished without a journal record (removed by {@code rsync --delete},
     * a test emptying the store, an operator), when the store directory changed since the last look: a walk of an
     * index skips entries without reading them, so a vanished one would shift every page after it. Creating or
     * removing an object directory changes the store directory's modification time; writing a revision does not,
     * so this costs one {@code stat} unless objects appeared or vanished.
     */
    void forgetVanished() {
        FileTime changed;
        try {
            changed = Files.getLastModifiedTime(store.path());
        } catch (IOException e) {
            return; // the store's own reads will report it
        }
        if (changed.equals(vanishedCheckedAt)) {
            return;
        }
        synchronized (vanishedCheck) {
            if (changed.equals(vanishedCheckedAt)) {
                return;
            }
            Set<String> present = new HashSet<>();
            try (Stream<String> ids = store.streamIds()) {
                ids.forEach(present::add);
            }
            for (KeyIndex index : indexes.values()) {
                for (String id : index.ids()) {
                    // Checked again one by one: an object created after the listing must not be dropped.
                    if (!present.contains(id) && !store.exists(id)) {
                        index.remove(id);
                    }
                }
            }
            vanishedCheckedAt = changed;
        }
    }

    // ---- building and maintaining ----------------------------------------------------------------------------

    private void load() {
        ForkJoinPool pool = new ForkJoinPool(options.parallelism());
        try (Stream<String> ids = store.streamIds()) {
            Iterator<String> next = ids.iterator();
            List<String> batch = new ArrayList<>(BUILD_BATCH);
            while (next.hasNext()) {
                batch.add(next.next());
                if (batch.size() == BUILD_BATCH || !next.hasNext()) {
                    List<String> taken = List.copyOf(batch);
                    pool.submit(() -> taken.parallelStream().forEach(this::reindex))
                            .get();
                    batch.clear();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while building the indexes of " + store.path(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("Could not build the indexes of " + store.path(), e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    /** Indexes an object as its current winner says, or forgets it if it is gone. */
    private void reindex(String id) {
        Optional<ObjectNode> object;
        try {
            object = store.findObject(id);
        } catch (CorruptRevisionException | InvalidIdException unreadable) {
            // Scans skip such objects too; an index must not hold what no query could return.
            object = Optional.empty();
        }
        for (Map.Entry<String, IndexDefinition> definition : definitions.entrySet()) {
            KeyIndex index = indexes.get(definition.getKey());
            Optional<Object> key = object.flatMap(o -> keyOf(definition.getValue(), o));
            if (key.isPresent()) {
                index.put(id, key.get());
            } else {
                index.remove(id);
            }
        }
    }

    /** Applies the feed to the indexes, on the subscription's thread. */
    private final class Maintainer implements ChangeListener {

        @Override
        public void onChange(Change change) {
            if (change.kind() == ChangeKind.DELETED) {
                indexes.values().forEach(index -> index.remove(change.id()));
            } else {
                // The current winner, not the change's revision: a later change may already be on disk, and
                // re-reading makes every delivery, repeated or late, converge on what is there.
                reindex(change.id());
            }
        }

        @Override
        public void onReset(ChangeToken token) {
            resets.incrementAndGet();
            LOG.log(
                    System.Logger.Level.INFO,
                    "The change feed of " + store.path() + " was reset; rebuilding its indexes " + definitions.keySet()
                            + " (queries scan meanwhile)");
            indexes.values().forEach(KeyIndex::clear);
        }
    }
}
