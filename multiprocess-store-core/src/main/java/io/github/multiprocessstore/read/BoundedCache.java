package io.github.multiprocessstore.read;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A thread-safe map bounded by the estimated heap its values take. When an addition goes over the budget,
 * arbitrary entries are dropped until a quarter of it is free again: the caches of the read path hold values that
 * are cheap to recompute, and tracking recency would cost every hit more than an occasional miss costs.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class BoundedCache<K, V> {

    private record Weighed<V>(V value, long bytes) {
    }

    private final ConcurrentHashMap<K, Weighed<V>> entries = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();
    private final long limitBytes;

    /** @param limitBytes the budget in estimated heap bytes; 0 keeps nothing */
    BoundedCache(long limitBytes) {
        this.limitBytes = limitBytes;
    }

    V get(K key) {
        Weighed<V> hit = entries.get(key);
        return hit == null ? null : hit.value();
    }

    /** Adds or replaces an entry, unless it alone would take more than an eighth of the budget. */
    void put(K key, V value, long weight) {
        if (weight > limitBytes / 8) {
            return;
        }
        Weighed<V> previous = entries.put(key, new Weighed<>(value, weight));
        long delta = weight - (previous == null ? 0 : previous.bytes());
        if (bytes.addAndGet(delta) > limitBytes) {
            evict();
        }
    }

    /** Adds an entry unless the key is present, with the same size rule as {@link #put}. */
    void putIfAbsent(K key, V value, long weight) {
        if (weight <= limitBytes / 8 && entries.putIfAbsent(key, new Weighed<>(value, weight)) == null
                && bytes.addAndGet(weight) > limitBytes) {
            evict();
        }
    }

    /**
     * Adds an entry only if it fits in the free part of the budget: for scans of a whole store, which should use
     * spare room but never push out what other reads keep.
     */
    void putIfRoom(K key, V value, long weight) {
        if (bytes.get() + weight <= limitBytes && entries.putIfAbsent(key, new Weighed<>(value, weight)) == null) {
            bytes.addAndGet(weight);
        }
    }

    private void evict() {
        Iterator<Map.Entry<K, Weighed<V>>> all = entries.entrySet().iterator();
        while (bytes.get() > limitBytes * 3 / 4 && all.hasNext()) {
            Weighed<V> removed = entries.remove(all.next().getKey());
            if (removed != null) {
                bytes.addAndGet(-removed.bytes());
            }
        }
    }
}
