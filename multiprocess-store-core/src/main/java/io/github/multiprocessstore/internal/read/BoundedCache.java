package io.github.multiprocessstore.internal.read;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A thread-safe map bounded by the estimated heap its values take. When an addition goes over the budget,
 * arbitrary entries are dropped until a quarter of it is free again: the caches of the read path hold values that
 * are cheap to recompute, and tracking recency would cost every hit more than an occasional miss costs.
 *
 * <p>Once the cache is full, a key is admitted only on its second miss within a while (a "doorkeeper" bit set of
 * recent misses): reads spread over a store far larger than the cache would otherwise replace entries at every
 * read, turning the cache into garbage for the collector and costing more than it saves (see the scale run in
 * {@code benchmarks/README.md} for the figures), while a working set read again and again
 * still gets in.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class BoundedCache<K, V> {

    private record Weighed<V>(V value, long bytes) {}

    private static final int DOORKEEPER_LOG2_BITS = 20;
    private static final int DOORKEEPER_BITS = 1 << DOORKEEPER_LOG2_BITS;
    /** Cleared after this many misses, so that old misses do not admit keys for ever. */
    private static final int DOORKEEPER_RESET = DOORKEEPER_BITS / 8;

    private final ConcurrentHashMap<K, Weighed<V>> entries = new ConcurrentHashMap<>();
    /** Made when the cache first fills (128 KB), so that caches that never fill cost nothing. */
    private volatile AtomicLongArray doorkeeper;

    private final AtomicInteger doorkeeperMarks = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private final long limitBytes;
    /**
     * Where the last eviction stopped. Each eviction goes on from there rather than from the map's first bucket:
     * starting over would walk the buckets emptied by earlier evictions again, every time. Guarded by this.
     */
    private Iterator<K> evictionHand;

    /** @param limitBytes the budget in estimated heap bytes; 0 keeps nothing */
    BoundedCache(long limitBytes) {
        this.limitBytes = limitBytes;
    }

    /** Whether it keeps anything at all (a budget of 0 keeps nothing). */
    boolean enabled() {
        return limitBytes > 0;
    }

    V get(K key) {
        Weighed<V> hit = entries.get(key);
        return hit == null ? null : hit.value();
    }

    /** Adds or replaces an entry, unless it alone would take more than an eighth of the budget. */
    void put(K key, V value, long weight) {
        if (weight > limitBytes / 8 || !admits(key, weight)) {
            return;
        }
        Weighed<V> previous = entries.put(key, new Weighed<>(value, weight));
        long delta = weight - (previous == null ? 0 : previous.bytes());
        if (bytes.addAndGet(delta) > limitBytes) {
            evict(key);
        }
    }

    /** Adds an entry unless the key is present, with the same size rule as {@link #put}. */
    void putIfAbsent(K key, V value, long weight) {
        if (weight <= limitBytes / 8
                && admits(key, weight)
                && entries.putIfAbsent(key, new Weighed<>(value, weight)) == null
                && bytes.addAndGet(weight) > limitBytes) {
            evict(key);
        }
    }

    /** Drops an entry, if present. */
    void remove(K key) {
        Weighed<V> removed = entries.remove(key);
        if (removed != null) {
            bytes.addAndGet(-removed.bytes());
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

    /** Drops every entry: the store that owns the cache was closed. */
    synchronized void clear() {
        entries.clear();
        bytes.set(0);
        evictionHand = null;
        doorkeeper = null;
    }

    /** Whether a missed key may push others out: always while there is room, else on its second recent miss. */
    private boolean admits(K key, long weight) {
        if (bytes.get() + weight <= limitBytes) {
            return true;
        }
        AtomicLongArray bits = doorkeeper;
        if (bits == null) {
            synchronized (this) {
                if (doorkeeper == null) {
                    doorkeeper = new AtomicLongArray(DOORKEEPER_BITS / 64);
                }
                bits = doorkeeper;
            }
        }
        int bit = (key.hashCode() * 0x9E3779B9) >>> (32 - DOORKEEPER_LOG2_BITS);
        long mask = 1L << (bit & 63);
        long before = bits.getAndUpdate(bit >>> 6, word -> word | mask);
        if ((before & mask) != 0) {
            return true;
        }
        if (doorkeeperMarks.incrementAndGet() >= DOORKEEPER_RESET) {
            doorkeeperMarks.set(0);
            for (int i = 0; i < bits.length(); i++) {
                bits.set(i, 0);
            }
        }
        return false;
    }

    /** Drops entries until a quarter of the budget is free, sparing the one just added. */
    private synchronized void evict(K added) {
        boolean restarted = false;
        while (bytes.get() > limitBytes * 3 / 4) {
            if (evictionHand == null || !evictionHand.hasNext()) {
                if (restarted) {
                    return; // went round the whole map: what is left was added meanwhile
                }
                evictionHand = entries.keySet().iterator();
                restarted = true;
                continue;
            }
            K key = evictionHand.next();
            if (!key.equals(added)) {
                remove(key);
            }
        }
    }
}
