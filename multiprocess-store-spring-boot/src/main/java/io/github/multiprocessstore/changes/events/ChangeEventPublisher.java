package io.github.multiprocessstore.changes.events;

import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.StoreException;
import io.github.multiprocessstore.StoreRoot;
import io.github.multiprocessstore.changes.Change;
import io.github.multiprocessstore.changes.ChangeKind;
import io.github.multiprocessstore.changes.ChangeListener;
import io.github.multiprocessstore.changes.ChangeSubscription;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Subscribes to the change feed of every collection of the store root and publishes each change as a
 * {@link StoreChangeEvent} (and a {@link StoreConflictEvent} when a conflict appears), from the collection's feed
 * thread, so ordinary {@code @EventListener} methods receive them. Collections on disk at start are followed from
 * then on; a collection that appears later (first written by this or another process) is followed from its
 * journal's start (its whole history, with each change's own kind), so its first objects are not missed. Stops with the context.
 */
public final class ChangeEventPublisher implements SmartLifecycle {

    private static final Log logger = LogFactory.getLog(ChangeEventPublisher.class);

    private final StoreRoot root;
    private final ApplicationEventPublisher publisher;
    private final JsonMapper mapper;
    private final TaskScheduler scheduler;
    private final Duration discoveryInterval;
    private final Map<String, ChangeSubscription> subscriptions = new ConcurrentHashMap<>();
    private @Nullable ScheduledFuture<?> discovery;
    private volatile boolean running;

    /**
     * @param root              the store root
     * @param publisher         where events go
     * @param mapper            maps objects on request ({@link StoreChangeEvent#object(Class)})
     * @param scheduler         runs the look for new collections
     * @param discoveryInterval how often new collections are looked for
     */
    public ChangeEventPublisher(
            StoreRoot root,
            ApplicationEventPublisher publisher,
            JsonMapper mapper,
            TaskScheduler scheduler,
            Duration discoveryInterval) {
        this.root = root;
        this.publisher = publisher;
        this.mapper = mapper;
        this.scheduler = scheduler;
        this.discoveryInterval = discoveryInterval;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        for (String collection : root.collectionNames()) {
            follow(collection, false);
        }
        discovery = scheduler.scheduleWithFixedDelay(this::discover, discoveryInterval);
    }

    /** Follows the collections that appeared since the last look, from their beginning. */
    private void discover() {
        try {
            for (String collection : root.collectionNames()) {
                if (running && !subscriptions.containsKey(collection)) {
                    follow(collection, true);
                }
            }
        } catch (StoreException e) {
            logger.warn("Could not look for new collections in " + root.path(), e);
        }
    }

    /** Follows a collection from now, or, for one that appeared after the start, from its journal's start. */
    private synchronized void follow(String collection, boolean fromItsStart) {
        if (!running || subscriptions.containsKey(collection)) {
            return;
        }
        ObjectStore store = root.collection(collection);
        ChangeListener listener = change -> publish(collection, store, change);
        subscriptions.put(
                collection,
                fromItsStart ? store.subscribe(store.oldestChangeToken(), listener) : store.subscribe(listener));
    }

    private void publish(String collection, ObjectStore store, Change change) {
        publisher.publishEvent(new StoreChangeEvent(this, collection, change, store, mapper));
        if (change.kind() == ChangeKind.CONFLICT) {
            List<List<String>> conflicts;
            try {
                conflicts = store.getConflicts(change.id());
            } catch (StoreException goneMeanwhile) {
                return;
            }
            if (!conflicts.isEmpty()) {
                publisher.publishEvent(
                        new StoreConflictEvent(this, collection, change.id(), change.revision(), conflicts));
            }
        }
    }

    /** The collections followed now. */
    public List<String> collections() {
        return subscriptions.keySet().stream().sorted().toList();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (discovery != null) {
            discovery.cancel(false);
            discovery = null;
        }
        subscriptions.values().forEach(ChangeSubscription::close);
        subscriptions.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
