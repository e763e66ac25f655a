package io.github.multiprocessstore.compaction;

import io.github.multiprocessstore.StoreRoot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What compacting every collection of a {@link StoreRoot} did ({@link Compactor#compactAll}): one result per
 * collection that was compacted, and the failure of each one that was not. A failure of one collection never stops
 * the others, and a compaction can simply be repeated.
 *
 * @param root     the root directory
 * @param results  one result per compacted collection, in collection name order
 * @param failures the collections that could not be compacted, in collection name order, with why
 */
public record RootCompaction(Path root, List<CompactionResult> results, Map<String, RuntimeException> failures) {

    /** Validates and copies. */
    public RootCompaction {
        Objects.requireNonNull(root, "root must not be null");
        results = List.copyOf(results);
        failures = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(failures));
    }

    /**
     * Whether every collection was compacted.
     *
     * @return true if there are no failures
     */
    public boolean succeeded() {
        return failures.isEmpty();
    }

    /**
     * The results, or the first failure (the others attached as suppressed exceptions).
     *
     * @return the results of every collection
     * @throws RuntimeException the first failure, as thrown by the {@link Compactor}, if any collection failed
     */
    public List<CompactionResult> orThrow() {
        RuntimeException first = null;
        for (RuntimeException failure : failures.values()) {
            if (first == null) {
                first = failure;
            } else if (failure != first) {
                first.addSuppressed(failure);
            }
        }
        if (first != null) {
            throw first;
        }
        return results;
    }

    /** Compacts each collection in turn; package-private, reached through {@link Compactor#compactAll}. */
    static RootCompaction compactAll(StoreRoot root, CompactionPolicy policy) {
        Objects.requireNonNull(policy, "policy must not be null");
        List<CompactionResult> results = new ArrayList<>();
        Map<String, RuntimeException> failures = new LinkedHashMap<>();
        for (String collection : root.collectionNames()) {
            try {
                results.add(Compactor.compact(root.path().resolve(collection), policy));
            } catch (RuntimeException e) {
                System.getLogger(RootCompaction.class.getName())
                        .log(
                                System.Logger.Level.WARNING,
                                "Compaction of collection '" + collection + "' in " + root.path() + " failed",
                                e);
                failures.put(collection, e);
            }
        }
        return new RootCompaction(root.path(), results, failures);
    }
}
