package io.github.multiprocessstore;

import io.github.multiprocessstore.changes.ChangeKind;
import io.github.multiprocessstore.internal.store.ObjectDirectory;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The reconciliation shared by a store's subscriptions: finds changes that no journal record names (written by the
 * original npm package, {@code rsync}, or a writer killed between publishing a revision and journaling it). Each
 * pass lists the store and takes every object directory's change time ({@code stat}); only directories whose
 * change time moved since the previous pass are listed again, and their state (winner, open conflict, tombstone)
 * compared with the one the previous pass saw. Directories that vanished are reported deleted. The first pass only
 * takes the baseline. Not thread-safe: one thread runs the passes.
 */
final class Reconciler {

    private static final System.Logger LOG = System.getLogger(Reconciler.class.getName());

    private record Seen(long changed, ObjectState state) {}

    private final ChangeFeed feed;
    private final Map<String, Seen> seen = new HashMap<>();
    private boolean baselineTaken;

    Reconciler(ChangeFeed feed) {
        this.feed = feed;
    }

    /**
     * One pass.
     *
     * @param report told of each change found
     * @return the time up to which directory changes are now covered (changes after it wait for the next pass)
     * @throws IOException if the store cannot be listed
     */
    long pass(Consumer<ReconciledChange> report) throws IOException {
        long start = feed.clock().millis();
        long settled = start - FeedReader.SETTLE_MILLIS;
        Set<String> listed = new HashSet<>();
        for (ObjectDirectory object : feed.files().objects()) {
            listed.add(object.name());
            long changed = ChangeFeed.changeTime(object);
            Seen before = seen.get(object.name());
            if (before != null && before.changed() == changed) {
                continue;
            }
            if (baselineTaken && changed >= settled) {
                continue; // so recent that its journal record may still come: looked at again next pass
            }
            Optional<ObjectState> state;
            try {
                state = baselineTaken ? feed.state(object) : feed.stateFromNames(object);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Change feed: could not reconcile " + object.path(), e);
                continue;
            }
            if (state.isEmpty()) {
                continue;
            }
            seen.put(object.name(), new Seen(changed, state.get()));
            if (!baselineTaken) {
                continue;
            }
            ChangeKind kind = ObjectState.kind(before == null ? null : before.state(), state.get());
            if (kind != null) {
                report.accept(new ReconciledChange(
                        object.name(), object.id(), state.get().winner(), kind));
            }
        }
        for (Iterator<Map.Entry<String, Seen>> it = seen.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Seen> entry = it.next();
            if (!listed.contains(entry.getKey())) {
                it.remove();
                ObjectState last = entry.getValue().state();
                ObjectDirectory object = feed.files().named(entry.getKey());
                if (baselineTaken && !Boolean.TRUE.equals(last.deleted())) {
                    report.accept(new ReconciledChange(object.name(), object.id(), last.winner(), ChangeKind.DELETED));
                }
            }
        }
        baselineTaken = true;
        return settled;
    }

    /** Objects whose state is kept (for the memory estimate in the README). */
    int size() {
        return seen.size();
    }
}
