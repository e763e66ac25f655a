package io.github.multiprocessstore;

import io.github.multiprocessstore.changes.Change;
import io.github.multiprocessstore.changes.ChangeKind;
import io.github.multiprocessstore.internal.store.ObjectDirectory;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The reconciliation shared by a store's subscriptions: finds changes that no journal record names (written by the
 * original npm package, {@code rsync}, or a writer killed between publishing a revision and journaling it). Each
 * pass lists the store and takes every object directory's change time ({@code stat}); only directories whose
 * change time moved since the previous pass are listed again, and their state (winner, open conflict, tombstone)
 * compared with the one the previous pass saw; a state that a journal record announced is left to the journal.
 * Directories that vanished are reported deleted. The first pass only takes the baseline. Not thread-safe: one thread runs the passes.
 */
final class Reconciler {

    private static final System.Logger LOG = System.getLogger(Reconciler.class.getName());

    private record Seen(long changed, ObjectState state) {}

    /** The change time of a directory the baseline saw changing: never equal to one read from the disk. */
    private static final long UNSETTLED = Long.MIN_VALUE + 1;

    private final ChangeFeed feed;
    private final Map<String, Seen> seen = new HashMap<>();
    private final Map<String, String> journaled = new HashMap<>();
    private final FeedReader journal;
    private boolean baselineTaken;

    Reconciler(ChangeFeed feed) throws IOException {
        this.feed = feed;
        this.journal = FeedReader.fromNow(feed);
    }

    /**
     * Reads the journal up to now: a state some record already announced is no news, so every subscription's
     * journal reading reports it, and reconciliation reports only what nobody journaled.
     */
    private void readJournal() throws IOException {
        for (int round = 0; round < 1_000; round++) {
            List<Change> changes = journal.next();
            changes.forEach(change -> journaled.put(change.id(), change.revision()));
            if (changes.isEmpty() && !journal.holding()) {
                return;
            }
        }
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
        readJournal();
        Set<String> listed = new HashSet<>();
        Set<String> recent = new HashSet<>();
        for (ObjectDirectory object : feed.files().objects()) {
            listed.add(object.name());
            long changed = ChangeFeed.changeTime(object);
            Seen before = seen.get(object.name());
            if (before != null && before.changed() == changed) {
                continue;
            }
            if (baselineTaken && changed >= settled) {
                recent.add(object.id());
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
            // A change time the baseline takes within the settle time may be shared by a write still to come in the
            // same tick of the file system's clock: the next passes compare states until it settles.
            boolean settledChange = baselineTaken || changed < settled;
            seen.put(object.name(), new Seen(settledChange ? changed : UNSETTLED, state.get()));
            String announced = journaled.remove(object.id());
            if (!baselineTaken || state.get().winner().equals(announced)) {
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
        // Records of directories this pass looked at are used up; those of directories too recent to look at wait.
        journaled.keySet().retainAll(recent);
        return settled;
    }

    /** Objects whose state is kept (for the memory estimate in the README). */
    int size() {
        return seen.size();
    }
}
