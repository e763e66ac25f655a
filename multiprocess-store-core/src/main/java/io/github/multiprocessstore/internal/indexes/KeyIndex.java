package io.github.multiprocessstore.internal.indexes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One index: every indexed object's id with its key, sorted by key then id, and each id's key. Thread-safe: one
 * writer (the index's feed thread, or the builders) and any number of readers; readers see each change whole.
 */
public final class KeyIndex {

    /** One entry; the id breaks ties, so each entry is unique and pages are stable. */
    private record Entry(Object key, String id) {}

    /** Below every id: {@code ""} is the least string, and ids are never empty. */
    private static final String LOWEST_ID = "";

    private static final Comparator<Entry> ORDER =
            Comparator.comparing(Entry::key, IndexKeys.ORDER).thenComparing(Entry::id);

    private final TreeSet<Entry> entries = new TreeSet<>(ORDER);
    private final Map<String, Object> keys = new HashMap<>();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    /**
     * Indexes an object under a key, replacing its previous key.
     *
     * @param id  the object's id
     * @param key its key ({@link IndexKeys#of})
     */
    public void put(String id, Object key) {
        lock.writeLock().lock();
        try {
            Object previous = keys.put(id, key);
            if (previous != null) {
                if (IndexKeys.ORDER.compare(previous, key) == 0) {
                    return;
                }
                entries.remove(new Entry(previous, id));
            }
            entries.add(new Entry(key, id));
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Forgets an object (deleted, or no longer there). */
    public void remove(String id) {
        lock.writeLock().lock();
        try {
            Object previous = keys.remove(id);
            if (previous != null) {
                entries.remove(new Entry(previous, id));
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Forgets everything (a reset of the feed). */
    public void clear() {
        lock.writeLock().lock();
        try {
            entries.clear();
            keys.clear();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** How many objects are indexed. */
    public int size() {
        lock.readLock().lock();
        try {
            return keys.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The ids indexed, a copy. */
    public List<String> ids() {
        lock.readLock().lock();
        try {
            return List.copyOf(keys.keySet());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The key an object is indexed under, if it is. */
    public Optional<Object> keyOf(String id) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(keys.get(id));
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The ids indexed under a key, in id order.
     *
     * @param key the key
     * @return the ids
     */
    public List<String> idsEqual(Object key) {
        List<String> ids = new ArrayList<>();
        lock.readLock().lock();
        try {
            for (Entry entry : entries.tailSet(new Entry(key, LOWEST_ID), true)) {
                if (IndexKeys.ORDER.compare(entry.key(), key) != 0) {
                    break;
                }
                ids.add(entry.id());
            }
        } finally {
            lock.readLock().unlock();
        }
        return ids;
    }

    /**
     * The ids whose keys lie between two bounds, in key order. Keys of another kind than the bounds' are left
     * out, as queries never match across JSON types.
     *
     * @param lower          the lower bound, or null for the least key of the upper bound's kind
     * @param lowerInclusive whether a key equal to {@code lower} is in
     * @param upper          the upper bound, or null for the greatest key of the lower bound's kind
     * @param upperInclusive whether a key equal to {@code upper} is in
     * @return the ids
     */
    public List<String> idsBetween(Object lower, boolean lowerInclusive, Object upper, boolean upperInclusive) {
        Objects.requireNonNull(lower == null ? upper : lower, "at least one bound is needed");
        int rank = IndexKeys.rank(lower == null ? upper : lower);
        List<String> ids = new ArrayList<>();
        lock.readLock().lock();
        try {
            NavigableSet<Entry> from = lower == null ? entries : entries.tailSet(new Entry(lower, LOWEST_ID), true);
            for (Entry entry : from) {
                int entryRank = IndexKeys.rank(entry.key());
                if (entryRank < rank) {
                    continue;
                }
                if (entryRank > rank) {
                    break;
                }
                if (lower != null && !lowerInclusive && IndexKeys.ORDER.compare(entry.key(), lower) == 0) {
                    continue;
                }
                if (upper != null) {
                    int toUpper = IndexKeys.ORDER.compare(entry.key(), upper);
                    if (toUpper > 0 || toUpper == 0 && !upperInclusive) {
                        break;
                    }
                }
                ids.add(entry.id());
            }
        } finally {
            lock.readLock().unlock();
        }
        return ids;
    }

    /**
     * A window of the ids in key order (then id order; both reversed when descending).
     *
     * @param descending whether from the greatest key
     * @param offset     how many to skip
     * @param limit      how many to return at most
     * @return the ids with their keys
     */
    public List<Map.Entry<String, Object>> window(boolean descending, long offset, int limit) {
        List<Map.Entry<String, Object>> window = new ArrayList<>(Math.max(0, Math.min(limit, 1024)));
        lock.readLock().lock();
        try {
            if (!descending) {
                Iterator<Entry> walk = entries.iterator();
                for (long skipped = 0; skipped < offset && walk.hasNext(); skipped++) {
                    walk.next();
                }
                while (window.size() < limit && walk.hasNext()) {
                    Entry entry = walk.next();
                    window.add(Map.entry(entry.id(), entry.key()));
                }
                return window;
            }
            // Descending by key, but ids still ascending within a key: the id is the queries' last, ascending key.
            long[] position = {0};
            List<Entry> group = new ArrayList<>();
            for (Entry entry : entries.descendingSet()) {
                if (!group.isEmpty() && IndexKeys.ORDER.compare(group.get(0).key(), entry.key()) != 0) {
                    if (!takeReversed(group, offset, limit, position, window)) {
                        return window;
                    }
                    group.clear();
                }
                group.add(entry);
            }
            takeReversed(group, offset, limit, position, window);
            return window;
        } finally {
            lock.readLock().unlock();
        }
    }

    private static boolean takeReversed(
            List<Entry> group, long offset, int limit, long[] position, List<Map.Entry<String, Object>> window) {
        for (int i = group.size() - 1; i >= 0; i--) {
            if (window.size() >= limit) {
                return false;
            }
            if (position[0]++ >= offset) {
                window.add(Map.entry(group.get(i).id(), group.get(i).key()));
            }
        }
        return window.size() < limit;
    }
}
