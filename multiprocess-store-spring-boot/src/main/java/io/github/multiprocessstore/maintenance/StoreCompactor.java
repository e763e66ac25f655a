package io.github.multiprocessstore.maintenance;

import io.github.multiprocessstore.StoreException;
import io.github.multiprocessstore.StoreRoot;
import io.github.multiprocessstore.compaction.CompactionPolicy;
import io.github.multiprocessstore.compaction.CompactionResult;
import io.github.multiprocessstore.compaction.Compactor;
import io.github.multiprocessstore.compaction.RootCompaction;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Compacts every collection of a {@link StoreRoot} ({@link io.github.multiprocessstore.compaction.Compactor#compactAll}): removes old revisions beyond
 * the policy's number kept per object and deleted objects past their retention, never an unresolved conflict's
 * revisions unless the policy says so. Safe while other processes read and write the store, and not undone by
 * replication (removed revisions are recorded as retired, and a retired revision is never copied back).
 *
 * <p>Always available as a bean, so an application can compact from code (e.g. from its own admin operation);
 * {@code multiprocess.store.compaction.enabled=true} also runs it on a schedule. Compactions through one compactor
 * never overlap: a call during a run waits for it, a scheduled run during another is skipped. Thread-safe.
 */
public final class StoreCompactor {

    private static final Log logger = LogFactory.getLog(StoreCompactor.class);

    private final StoreRoot root;
    private final CompactionPolicy policy;
    private final ReentrantLock runLock = new ReentrantLock();
    private final List<Consumer<RootCompaction>> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param root   the store whose collections are compacted
     * @param policy the policy of {@link #compactNow()}, e.g. from {@code multiprocess.store.compaction.*}
     */
    public StoreCompactor(StoreRoot root, CompactionPolicy policy) {
        this.root = Objects.requireNonNull(root, "root must not be null");
        this.policy = Objects.requireNonNull(policy, "policy must not be null");
    }

    /**
     * Compacts every collection now, on the calling thread, with the configured policy.
     *
     * @return one result per collection, in collection name order
     * @throws StoreException if a collection could not be compacted; every other collection was still compacted,
     *                        and the failures of further collections are attached as suppressed exceptions. A
     *                        compaction can simply be repeated
     */
    public List<CompactionResult> compactNow() {
        return compactNow(policy);
    }

    /**
     * Compacts every collection now, on the calling thread, with another policy (e.g.
     * {@code compactor.policy().withDiscardUnresolvedConflicts(true)} to also resolve every conflict in favour of
     * the revision readers elect, which the configured policy never does).
     *
     * @param policy what to remove
     * @return one result per collection, in collection name order
     * @throws StoreException if a collection could not be compacted, as for {@link #compactNow()}
     */
    public List<CompactionResult> compactNow(CompactionPolicy policy) {
        Objects.requireNonNull(policy, "policy must not be null");
        runLock.lock();
        try {
            return run(policy).orThrow();
        } finally {
            runLock.unlock();
        }
    }

    /** A scheduled run: skipped if a compaction through this compactor is in progress. */
    void compactScheduled() {
        if (!runLock.tryLock()) {
            logger.debug("Scheduled compaction skipped: a compaction of " + root.path() + " is in progress");
            return;
        }
        try {
            run(policy).orThrow();
        } finally {
            runLock.unlock();
        }
    }

    private RootCompaction run(CompactionPolicy policy) {
        RootCompaction compaction = Compactor.compactAll(root, policy);
        listeners.forEach(listener -> listener.accept(compaction));
        log(compaction.results());
        return compaction;
    }

    /**
     * Registers a callback run after every compaction, on the compacting thread (e.g. to count runs and failures).
     *
     * @param listener receives each compaction's outcome; must be fast and must not throw
     */
    public void onCompaction(Consumer<RootCompaction> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
    }

    private void log(List<CompactionResult> results) {
        long retired =
                results.stream().mapToLong(CompactionResult::revisionsRetired).sum();
        long removed =
                results.stream().mapToLong(CompactionResult::objectsRemoved).sum();
        if (retired + removed > 0) {
            logger.info("Compacted " + results.size() + " collection(s) in " + root.path() + ": " + retired
                    + " revision(s) retired, " + removed + " deleted object(s) removed");
        } else if (logger.isDebugEnabled()) {
            logger.debug("Compacted " + results.size() + " collection(s) in " + root.path() + ": nothing to remove");
        }
    }

    /** The policy of {@link #compactNow()}. */
    public CompactionPolicy policy() {
        return policy;
    }

    /** The store whose collections are compacted. */
    public StoreRoot root() {
        return root;
    }
}
