package io.github.multiprocessstore;

import io.github.multiprocessstore.changes.Change;
import io.github.multiprocessstore.changes.ChangeListener;
import io.github.multiprocessstore.changes.ChangeSubscription;
import io.github.multiprocessstore.changes.ChangeToken;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A subscription: its own daemon thread reads the feed from its position (the journal needs no buffer: a slow
 * listener simply reads it later) and calls the listener; changes found by the shared reconciliation wait in a
 * bounded queue, and a subscriber that lets it overflow is reset instead of growing memory or slowing the others.
 */
final class FeedSubscription implements ChangeSubscription {

    private static final System.Logger LOG = System.getLogger(FeedSubscription.class.getName());

    /**
     * What the listener has been given, published after each pass whose journal records were all delivered.
     *
     * @param passStarted {@link System#nanoTime()} when that pass began
     * @param coveredTo   per segment, the size up to which every complete record went to the listener
     */
    private record Progress(long passStarted, Map<String, Long> coveredTo) {}

    private final ChangeFeed feed;
    private final ChangeListener listener;
    private final BlockingQueue<ReconciledChange> inbox;
    private final Thread thread;
    private volatile FeedReader reader;
    private volatile boolean open = true;
    private volatile boolean overflowed;
    private volatile long reconciledUpTo;
    private volatile ChangeToken position;
    private volatile Progress progress = new Progress(System.nanoTime(), Map.of());
    /** While a snapshot is delivered, nothing can be said of the journal. */
    private volatile boolean snapshotting;

    private final Object progressSignal = new Object();

    FeedSubscription(ChangeFeed feed, FeedReader reader, ChangeListener listener, int capacity) {
        this.feed = feed;
        this.reader = reader;
        this.listener = listener;
        this.inbox = new ArrayBlockingQueue<>(capacity);
        this.position = reader.position();
        this.snapshotting = reader.snapshotting();
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
                    // Unpublished before the listener hears of the reset, so no waiter trusts what it drops.
                    snapshotting = true;
                    reader.resetNow();
                    notifyReset();
                }
                long upTo = reconciledUpTo;
                for (ReconciledChange change = inbox.poll(); change != null; change = inbox.poll()) {
                    reader.offer(change, Integer.MAX_VALUE);
                }
                reader.reconciledUpTo(upTo);
                long passStarted = System.nanoTime();
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
                publishProgress(passStarted);
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
            synchronized (progressSignal) {
                progressSignal.notifyAll();
            }
        }
    }

    private void publishProgress(long passStarted) {
        if (reader.snapshotting()) {
            snapshotting = true;
            return;
        }
        if (!reader.journalSettled()) {
            return;
        }
        progress = new Progress(passStarted, reader.coveredTo());
        snapshotting = false;
        synchronized (progressSignal) {
            progressSignal.notifyAll();
        }
    }

    @Override
    public boolean awaitJournal(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout must not be null");
        if (Thread.currentThread() == thread) {
            throw new IllegalStateException("awaitJournal was called from the subscription's own listener, which"
                    + " it would wait for: call it from another thread");
        }
        long asked = System.nanoTime();
        Map<String, Long> target = feed.journalSizes();
        long deadline = asked + Math.max(0, timeout.toNanos());
        boolean woken = false;
        synchronized (progressSignal) {
            while (true) {
                Progress seen = progress;
                if (!open || snapshotting) {
                    return false; // closed, or delivering a snapshot: its listener's state is not current yet
                }
                if (covers(seen, target, asked)) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                if (!woken) {
                    // The subscription may be asleep until the next file notification or poll: it reads now.
                    feed.wakeAll();
                    woken = true;
                }
                TimeUnit.NANOSECONDS.timedWait(progressSignal, left);
            }
        }
    }

    private static boolean covers(Progress seen, Map<String, Long> target, long asked) {
        for (Map.Entry<String, Long> segment : target.entrySet()) {
            Long covered = seen.coveredTo().get(segment.getKey());
            if (covered == null) {
                // Listed by a pass that began after the question was asked: the segment was removed meanwhile.
                if (seen.passStarted() - asked <= 0) {
                    return false;
                }
            } else if (covered < segment.getValue()) {
                return false;
            }
        }
        return true;
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
