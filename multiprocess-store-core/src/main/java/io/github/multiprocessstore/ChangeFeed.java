package io.github.multiprocessstore;

import io.github.multiprocessstore.changes.Change;
import io.github.multiprocessstore.changes.ChangeBatch;
import io.github.multiprocessstore.changes.ChangeListener;
import io.github.multiprocessstore.changes.ChangeSubscription;
import io.github.multiprocessstore.changes.ChangeToken;
import io.github.multiprocessstore.internal.format.RevisionNames;
import io.github.multiprocessstore.internal.format.Revisions;
import io.github.multiprocessstore.internal.journal.JournalFiles;
import io.github.multiprocessstore.internal.journal.JournalSettings;
import io.github.multiprocessstore.internal.read.CacheAdmission;
import io.github.multiprocessstore.internal.read.DirectoryListings;
import io.github.multiprocessstore.internal.store.ObjectDirectory;
import io.github.multiprocessstore.internal.store.StoreFiles;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A store's change feed: {@link ObjectStore#changes} and {@link ObjectStore#subscribe}. While subscriptions exist,
 * two daemon threads serve them all: one waits for the journal directory to change ({@link WatchService}, with a
 * poll every {@code pollInterval} as the fallback for file systems whose notifications miss other hosts' writes)
 * and wakes the subscriptions; one runs the {@link Reconciler} every {@code reconcileInterval}. Each subscription
 * has its own thread. Everything stops when the store closes.
 */
final class ChangeFeed implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ChangeFeed.class.getName());
    private static final AtomicLong ORDER = new AtomicLong();
    private static final boolean HAS_CTIME =
            java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("unix");

    private final StoreFiles files;
    private final ObjectReader reader;
    private final Clock clock;
    private final JournalSettings journalSettings;
    private final Duration reconcileInterval;
    private final Duration pollInterval;
    private final int bufferCapacity;
    private final Set<FeedSubscription> subscriptions = ConcurrentHashMap.newKeySet();
    /**
     * The journal directory's listing, kept while the directory is unchanged: every indexed query asks for the
     * segments' sizes, and new segments are rare. Settles like object directories do (3 s), for the same reason.
     */
    private final DirectoryListings journalListing = new DirectoryListings(1 << 20, Duration.ofSeconds(3));

    private final Object signal = new Object();
    private long generation;
    private Thread watcher;
    private Thread reconciling;
    private Reconciler reconciler;
    private volatile boolean closed;

    ChangeFeed(
            StoreFiles files,
            ObjectReader reader,
            Clock clock,
            JournalSettings journalSettings,
            Duration reconcileInterval,
            Duration pollInterval,
            int bufferCapacity) {
        this.files = files;
        this.reader = reader;
        this.clock = clock;
        this.journalSettings = journalSettings;
        this.reconcileInterval = reconcileInterval;
        this.pollInterval = pollInterval;
        this.bufferCapacity = bufferCapacity;
    }

    StoreFiles files() {
        return files;
    }

    Clock clock() {
        return clock;
    }

    Path journalDirectory() {
        return files.journalDirectory();
    }

    /** Every journal segment's size now, by segment id: what a reader must have read to have seen every record. */
    Map<String, Long> journalSizes() {
        return JournalFiles.sizes(journalDirectory(), journalListing);
    }

    JournalSettings journalSettings() {
        return journalSettings;
    }

    /** Increases with every token any feed of this JVM hands out, and with the wall clock (microseconds). */
    long nextOrder() {
        long now = TimeUnit.MILLISECONDS.toMicros(clock.millis());
        return ORDER.updateAndGet(last -> Math.max(last + 1, now));
    }

    // ---- the API ------------------------------------------------------------------------------------------

    ChangeToken now() {
        try {
            return FeedReader.fromNow(this).position();
        } catch (IOException e) {
            throw new StoreIOException("read the change journal", null, journalDirectory(), e);
        }
    }

    ChangeToken oldest() {
        try {
            return FeedReader.fromJournalStart(this).position();
        } catch (IOException e) {
            throw new StoreIOException("read the change journal", null, journalDirectory(), e);
        }
    }

    ChangeBatch changes(ChangeToken since) {
        Objects.requireNonNull(since, "since must not be null (use ChangeToken.BEGINNING for the beginning)");
        try {
            FeedReader feedReader = FeedReader.from(this, since);
            feedReader.reconcileIfDue(reconcileInterval.toMillis());
            List<Change> all = new ArrayList<>();
            for (int idle = 0; idle < 3; ) {
                List<Change> changes = feedReader.next();
                all.addAll(changes);
                if (changes.isEmpty()) {
                    if (!feedReader.holding()) {
                        break;
                    }
                    idle++;
                } else {
                    idle = 0;
                }
            }
            return new ChangeBatch(feedReader.wasReset(), all, feedReader.position());
        } catch (IOException e) {
            throw new StoreIOException("read the change feed", null, files.root(), e);
        }
    }

    ChangeSubscription subscribe(ChangeToken since, ChangeListener listener) {
        Objects.requireNonNull(listener, "listener must not be null");
        FeedReader feedReader;
        try {
            startThreads();
            feedReader = since == null ? FeedReader.fromNow(this) : FeedReader.from(this, since);
        } catch (IOException e) {
            throw new StoreIOException("start a change feed", null, files.root(), e);
        }
        FeedSubscription subscription = new FeedSubscription(this, feedReader, listener, bufferCapacity);
        subscriptions.add(subscription);
        if (closed) {
            subscription.close();
            throw new StoreClosedException(files.root());
        }
        subscription.start();
        return subscription;
    }

    void unregister(FeedSubscription subscription) {
        subscriptions.remove(subscription);
    }

    // ---- waking subscriptions -----------------------------------------------------------------------------

    long generation() {
        synchronized (signal) {
            return generation;
        }
    }

    /** Waits until the journal changes after {@code seen}, or for the poll interval; returns the generation. */
    long awaitSignal(long seen) {
        synchronized (signal) {
            long deadline = System.nanoTime() + pollInterval.toNanos();
            while (generation == seen && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(signal, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return generation;
        }
    }

    void wakeAll() {
        synchronized (signal) {
            generation++;
            signal.notifyAll();
        }
    }

    private synchronized void startThreads() throws IOException {
        if (closed) {
            throw new StoreClosedException(files.root());
        }
        if (watcher != null) {
            return;
        }
        reconciler = new Reconciler(this);
        // The baseline is taken before the first subscription reads, so nothing falls between them.
        reconciler.pass(change -> {});
        watcher = daemon("mpstore-journal-watch-", this::watch);
        reconciling = daemon("mpstore-reconcile-", this::reconcile);
    }

    private Thread daemon(String prefix, Runnable body) {
        Thread thread = new Thread(body, prefix + files.root().getFileName());
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void watch() {
        WatchService service = null;
        WatchKey key = null;
        try {
            while (!closed) {
                if (key == null || !key.isValid()) {
                    if (service == null) {
                        service = openWatchService();
                    }
                    key = register(service);
                }
                if (service == null || key == null) {
                    sleep(pollInterval);
                } else {
                    WatchKey signalled = service.poll(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                    if (signalled != null) {
                        signalled.pollEvents();
                        signalled.reset();
                    }
                }
                wakeAll();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closing
        } finally {
            if (service != null) {
                try {
                    service.close();
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.DEBUG, "Could not close the journal watch", e);
                }
            }
        }
    }

    private WatchService openWatchService() {
        try {
            return journalDirectory().getFileSystem().newWatchService();
        } catch (IOException | UnsupportedOperationException e) {
            LOG.log(System.Logger.Level.INFO, "No file notifications for " + journalDirectory() + "; polling", e);
            return null;
        }
    }

    private WatchKey register(WatchService service) {
        if (service == null) {
            return null;
        }
        try {
            files.modes().createDirectories(journalDirectory());
            return journalDirectory()
                    .register(
                            service,
                            StandardWatchEventKinds.ENTRY_CREATE,
                            StandardWatchEventKinds.ENTRY_MODIFY,
                            StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException e) {
            return null; // polled meanwhile; registered again next round
        }
    }

    private void reconcile() {
        while (!closed) {
            sleep(reconcileInterval);
            if (closed) {
                return;
            }
            try {
                long upTo = reconciler.pass(change -> subscriptions.forEach(s -> s.offer(change)));
                subscriptions.forEach(s -> s.reconciled(upTo));
                JournalFiles.removeExpired(journalDirectory(), journalSettings, clock.millis());
                wakeAll();
            } catch (IOException | RuntimeException e) {
                if (closed) {
                    return; // close() interrupted the pass (a journal read then throws ClosedByInterruptException)
                }
                LOG.log(System.Logger.Level.WARNING, "Change feed reconciliation of " + files.root() + " failed", e);
            }
        }
    }

    /**
     * Waits for the whole duration, or until the feed closes. {@link #wakeAll} notifies the same monitor several
     * times a second (the watcher does after every poll), so a single wait would end early: the reconciliation
     * meant to run every 5 s ran back to back, one {@code stat} per object without a pause.
     */
    private void sleep(Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        synchronized (signal) {
            try {
                for (long left = duration.toNanos(); left > 0 && !closed; left = deadline - System.nanoTime()) {
                    TimeUnit.NANOSECONDS.timedWait(signal, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- what the readers need of the store ----------------------------------------------------------------

    /** The live winner's name, or empty if deleted, absent or unreadable. */
    Optional<String> liveWinner(ObjectDirectory object) {
        return reader.liveWinnerForScan(object).map(winner -> winner.revision());
    }

    /** The object's state, its tombstone read; empty if it has no revision. */
    Optional<ObjectState> state(ObjectDirectory object) {
        Optional<List<String>> names = reader.revisionNames(object, CacheAdmission.ONLY_FREE_ROOM);
        Optional<String> winner = names.flatMap(Revisions::winner);
        if (winner.isEmpty()) {
            return Optional.empty();
        }
        boolean deleted;
        try {
            deleted = reader.isDeleted(object, winner.get());
        } catch (NoSuchFileException vanished) {
            return Optional.empty();
        } catch (IOException | CorruptRevisionException e) {
            deleted = false;
        }
        return Optional.of(new ObjectState(winner.get(), Revisions.hasConflict(names.get()), deleted));
    }

    /**
     * Whether another revision shares the number of one written by a plain update, leaving out {@code ignored} (the
     * revisions the same delivery reports after it): the update made a conflict (or met one). Checked when the
     * update is delivered, so the writer lists nothing more; a directory that cannot be listed counts as no
     * conflict, which the next reconciliation corrects.
     */
    boolean hasRival(ObjectDirectory object, String revision, Set<String> ignored) {
        long number = RevisionNames.numberOf(revision);
        try {
            return reader.revisionNames(object, CacheAdmission.ONLY_FREE_ROOM)
                    .map(names -> names.stream()
                            .anyMatch(name -> !name.equals(revision)
                                    && RevisionNames.numberOf(name) == number
                                    && !ignored.contains(name)))
                    .orElse(false);
        } catch (StoreException e) {
            return false;
        }
    }

    /** The object's state from its names alone (tombstone unknown). */
    Optional<ObjectState> stateFromNames(ObjectDirectory object) {
        Optional<List<String>> names = reader.revisionNames(object, CacheAdmission.ONLY_FREE_ROOM);
        return names.flatMap(Revisions::winner)
                .map(winner -> new ObjectState(winner, Revisions.hasConflict(names.get()), null));
    }

    /** A directory's change time (ctime, which no program can set back), or its modification time without one. */
    static long changeTime(ObjectDirectory object) {
        try {
            FileTime time = HAS_CTIME
                    ? (FileTime) Files.getAttribute(object.path(), "unix:ctime", LinkOption.NOFOLLOW_LINKS)
                    : Files.getLastModifiedTime(object.path(), LinkOption.NOFOLLOW_LINKS);
            return time.toMillis();
        } catch (IOException e) {
            return Long.MIN_VALUE;
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        wakeAll();
        for (FeedSubscription subscription : List.copyOf(subscriptions)) {
            subscription.close();
        }
        Thread[] threads;
        synchronized (this) {
            threads = new Thread[] {watcher, reconciling};
        }
        for (Thread thread : threads) {
            if (thread != null) {
                thread.interrupt();
                try {
                    thread.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
