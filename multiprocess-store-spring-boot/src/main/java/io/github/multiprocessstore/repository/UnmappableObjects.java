package io.github.multiprocessstore.repository;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the stored objects that scans and queries skipped because they could not be mapped to their type (when
 * skipping is on). The starter publishes the total as the counter {@code multiprocess.store.unmappable.skipped}.
 * Thread-safe.
 */
public final class UnmappableObjects {

    private final Map<String, AtomicLong> skipped = new ConcurrentHashMap<>();

    /** Counts one skipped object of a collection. */
    void skipped(String collection) {
        skipped.computeIfAbsent(collection, name -> new AtomicLong()).incrementAndGet();
    }

    /** How many objects were skipped, in every collection, since start. */
    public long total() {
        return skipped.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** How many objects were skipped per collection since start. */
    public Map<String, Long> byCollection() {
        Map<String, Long> counts = new TreeMap<>();
        skipped.forEach((collection, count) -> counts.put(collection, count.get()));
        return counts;
    }
}
