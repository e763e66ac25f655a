package io.github.multiprocessstore;

import io.github.multiprocessstore.changes.Change;
import io.github.multiprocessstore.changes.ChangeListener;
import io.github.multiprocessstore.changes.ChangeSubscription;
import io.github.multiprocessstore.changes.ChangeToken;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A subscription: its own daemon thread reads the feed from its position (the journal needs no buffer: a slow
 * listener simply reads it later) and calls the listener; changes found by the shared reconciliation wait in a
 * bounded queue, and a subscriber that lets it overflow is reset instead of growing memory or slowing the others.
 */
final class FeedSubscription implements ChangeSubscription {

    private static final System.Logger LOG = System.getLogger(FeedSubscription.class.getName());

    private final ChangeFeed feed;
    private final ChangeListener listener;
    private final BlockingQueue<ReconciledChange> inbox;
    private final Thread thread;
    private volatile FeedReader reader;
    private volatile boolean open = true;
    private volatile boolean overflowed;
    private volatile long reconciledUpTo;
    private volatile ChangeToken position;

    FeedSubscription(ChangeFeed feed, FeedReader reader, ChangeListener listener, int capacity) {
        this.feed = feed;
        this.reader = reader;
        this.listener = listener;
        this.inbox = new ArrayBlockingQueue<>(capacity);
        this.position = reader.position();
        this.thread =
                new Thread(this::run, "mpstore-changes-" + feed.files().root().getFileName());
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** From the shared reconciliation. */
    void offer(ReconciledChange change) {
        if (!inbox.offer(change)) {
            overflowed = true;
        }
    }

    /** From the shared reconciliation: every directory change before {@code upTo} was offered. */
    void reconciled(long upTo) {
        reconciledUpTo = upTo;
    }

    private void run() {
        long generation = feed.generation();
        try {
            if (reader.wasReset()) {
                notifyReset();
            }
            while (open) {
                if (overflowed) {
                    overflowed = false;
                    inbox.clear();
                    reader.resetNow();
                    notifyReset();
                }
                long upTo = reconciledUpTo;
                for (ReconciledChange change = inbox.poll(); change != null; change = inbox.poll()) {
                    reader.offer(change, Integer.MAX_VALUE);
                }
                reader.reconciledUpTo(upTo);
                List<Change> changes = reader.next();
                for (Change change : changes) {
                    if (!open) {
                        return;
                    }
                    try {
                        listener.onChange(change);
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.WARNING, "A change listener failed on " + change, e);
                    }
                    position = change.token();
                }
                position = reader.position();
                if (changes.isEmpty() && !reader.holding()) {
                    generation = feed.awaitSignal(generation);
                }
            }
        } catch (Exception e) {
            if (open) {
                LOG.log(
                        System.Logger.Level.ERROR,
                        "The change feed of " + feed.files().root() + " stopped; subscribe again from " + position,
                        e);
            }
        } finally {
            open = false;
            feed.unregister(this);
        }
    }

    private void notifyReset() {
        try {
            listener.onReset(reader.position());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "A change listener failed on a reset", e);
        }
    }

    @Override
    public ChangeToken position() {
        return position;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
        feed.unregister(this);
        if (Thread.currentThread() != thread) {
            feed.wakeAll();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
