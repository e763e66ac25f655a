package io.github.multiprocessstore.resolution;

import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.StaleRevisionException;
import io.github.multiprocessstore.StoreException;
import io.github.multiprocessstore.StoreRoot;
import io.github.multiprocessstore.conflicts.ConflictPolicy;
import io.github.multiprocessstore.maintenance.ConflictScan;
import io.github.multiprocessstore.resolution.ResolvedConflict.How;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies the conflict policies of an application's collections, as the {@link ConflictScan} of its conflict
 * monitor: {@code ignore} reports nothing, {@code report} the conflicts of live objects, and {@code resolve} first
 * retires captured rivals, then lets the collection's {@link ConflictResolver}s merge what remains, and reports what
 * is left. It also performs the manual resolutions of a person ({@link #keep}, {@link #merge}).
 *
 * <p>Every resolution is logged at INFO with the collection, the id and the revisions retired (manual ones with the
 * user's name), and passed to the listeners (the metric {@code multiprocess.store.conflicts.resolved} counts them).
 * A resolver that declines or throws, or a merge that a new revision made stale, leaves the conflict reported.
 * Thread-safe.
 */
public final class ConflictResolutions implements ConflictScan {

    private static final Log logger = LogFactory.getLog(ConflictResolutions.class);

    private final StoreRoot root;
    private final ConflictPolicies policies;
    private final Map<String, List<TypedResolver<?>>> resolvers;
    private final JsonMapper mapper;
    private final List<Consumer<ResolvedConflict>> listeners = new CopyOnWriteArrayList<>();
    private final ConcurrentMap<Tally, LongAdder> tallies = new ConcurrentHashMap<>();

    /**
     * @param root      the store's collections
     * @param policies  each collection's policy
     * @param resolvers the application's resolvers, by collection, tried in order
     * @param mapper    maps stored JSON to the resolvers' types and back
     */
    public ConflictResolutions(
            StoreRoot root,
            ConflictPolicies policies,
            Map<String, List<TypedResolver<?>>> resolvers,
            JsonMapper mapper) {
        this.root = Objects.requireNonNull(root, "root must not be null");
        this.policies = Objects.requireNonNull(policies, "policies must not be null");
        Map<String, List<TypedResolver<?>>> copy = new TreeMap<>();
        resolvers.forEach((collection, list) -> copy.put(collection, List.copyOf(list)));
        this.resolvers = Map.copyOf(copy);
        this.mapper = Objects.requireNonNull(mapper, "mapper must not be null");
    }

    /**
     * A resolver with the type its objects are mapped to.
     *
     * @param type     the stored type
     * @param resolver the resolver
     * @param <T>      the stored type
     */
    public record TypedResolver<T>(Class<T> type, ConflictResolver<T> resolver) {}

    /**
     * How many resolutions of one kind one collection has had.
     *
     * @param collection the collection
     * @param how        what resolved them
     */
    public record Tally(String collection, How how) {}

    /**
     * The number of resolutions since start, by collection and kind, counted from the first scan on (so also
     * those before a meter registry was bound).
     *
     * @return a snapshot of the counts
     */
    public Map<Tally, Long> tallies() {
        Map<Tally, Long> snapshot = new LinkedHashMap<>();
        tallies.forEach((tally, count) -> snapshot.put(tally, count.sum()));
        return snapshot;
    }

    /**
     * The current count of one kind of resolution in one collection.
     *
     * @param tally the collection and kind
     * @return resolutions so far, 0 if none
     */
    public long count(Tally tally) {
        LongAdder count = tallies.get(tally);
        return count == null ? 0 : count.sum();
    }

    /** The policies applied. */
    public ConflictPolicies policies() {
        return policies;
    }

    /**
     * Registers a callback told of every resolution, on the resolving thread.
     *
     * @param listener receives each resolution; must be fast and must not throw
     */
    public void onResolved(Consumer<ResolvedConflict> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
    }

    @Override
    public Map<String, List<List<String>>> scan(String collection, ObjectStore store) {
        ConflictPolicy policy = policies.policyOf(collection);
        if (policy == ConflictPolicy.IGNORE) {
            return Map.of();
        }
        Map<String, List<List<String>>> conflicts = store.getConflictsOfLiveObjects();
        if (policy == ConflictPolicy.REPORT) {
            return conflicts;
        }
        Map<String, List<List<String>>> remaining = new LinkedHashMap<>();
        for (String id : conflicts.keySet()) {
            List<List<String>> left = resolveAutomatically(collection, store, id);
            if (!left.isEmpty()) {
                remaining.put(id, left);
            }
        }
        return remaining;
    }

    /**
     * One object after the change feed reported a change to it: nothing under {@code ignore}; under {@code report}
     * its conflicts if it is live; under {@code resolve} only that it has none (a conflict that appears is for the
     * resolution that the same report triggers, and the next scan reports what that leaves).
     */
    @Override
    public Optional<List<List<String>>> scanObject(String collection, ObjectStore store, String id) {
        ConflictPolicy policy = policies.policyOf(collection);
        if (policy == ConflictPolicy.IGNORE) {
            return Optional.of(List.of());
        }
        Optional<List<List<String>>> conflicts = ConflictScan.super.scanObject(collection, store, id);
        if (policy == ConflictPolicy.RESOLVE
                && conflicts.isPresent()
                && !conflicts.get().isEmpty()) {
            return Optional.empty();
        }
        return conflicts;
    }

    /**
     * Resolves one object's conflicts as the {@code resolve} policy does: the captured rule, then the collection's
     * resolvers in order until one merges.
     *
     * @param collection the collection
     * @param id         the object id
     * @return the conflict groups left, empty if resolved
     */
    public List<List<String>> resolveAutomatically(String collection, String id) {
        return resolveAutomatically(collection, root.collection(collection), id);
    }

    private List<List<String>> resolveAutomatically(String collection, ObjectStore store, String id) {
        List<String> captured = store.resolveCapturedConflicts(id);
        if (!captured.isEmpty()) {
            resolved(new ResolvedConflict(collection, id, How.CAPTURED, captured, null));
        }
        List<List<String>> left = store.getConflicts(id);
        for (TypedResolver<?> resolver : resolvers.getOrDefault(collection, List.of())) {
            if (left.isEmpty()) {
                break;
            }
            if (merge(collection, store, id, left, resolver)) {
                left = store.getConflicts(id);
            }
        }
        return left;
    }

    private <T> boolean merge(
            String collection, ObjectStore store, String id, List<List<String>> groups, TypedResolver<T> typed) {
        String name = typed.resolver().getClass().getName();
        try {
            ObjectNode winner = store.getObject(id);
            List<String> rivals = new ArrayList<>();
            for (List<String> group : groups) {
                rivals.addAll(group.subList(0, group.size() - 1));
            }
            List<T> rivalObjects = rivals.stream()
                    .map(rev -> mapper.treeToValue(store.getRevision(id, rev), typed.type()))
                    .toList();
            Optional<T> merged = typed.resolver().resolve(mapper.treeToValue(winner, typed.type()), rivalObjects);
            if (merged == null || merged.isEmpty()) {
                logger.debug("Conflict resolver " + name + " declined object '" + id + "' of collection '" + collection
                        + "'; it stays reported");
                return false;
            }
            ObjectNode node = mapper.valueToTree(merged.get());
            node.put("_id", id);
            node.put("_rev", winner.get("_rev").asString());
            ObjectNode written = store.resolveConflict(node);
            resolved(new ResolvedConflict(collection, id, How.RESOLVER, rivals, null));
            logger.debug(
                    "Merged revision of '" + id + "' is " + written.get("_rev").asString());
            return true;
        } catch (StaleRevisionException stale) {
            logger.info("Conflict of object '" + id + "' in collection '" + collection
                    + "' not merged: a new revision arrived meanwhile (" + stale.getMessage()
                    + "); the next scan tries again");
            return false;
        } catch (RuntimeException e) {
            logger.warn(
                    "Conflict resolver " + name + " failed on object '" + id + "' of collection '" + collection
                            + "'; the conflict stays reported",
                    e);
            return false;
        }
    }

    /**
     * A person keeps one revision of a conflict group: the other revisions with its number are retired (the core's
     * {@code resolveConflict(id, revision)}).
     *
     * @param collection the collection
     * @param id         the object id
     * @param revision   the revision to keep
     * @param user       the signed-in user, for the log
     * @return the object as it now wins
     * @throws StoreException as the core's resolution does (not found, invalid revision)
     */
    public ObjectNode keep(String collection, String id, String revision, String user) {
        ObjectStore store = root.collection(collection);
        List<String> retired = store.getConflicts(id).stream()
                .filter(group -> group.contains(revision))
                .flatMap(List::stream)
                .filter(rev -> !rev.equals(revision))
                .toList();
        ObjectNode now = store.resolveConflict(id, revision);
        resolved(new ResolvedConflict(collection, id, How.MANUAL, retired, user));
        return now;
    }

    /**
     * A person saves a merged version: written as the next revision with the core's merged resolution, which
     * retires every rival; strict, so it fails if {@code merged._rev} no longer wins.
     *
     * @param collection the collection
     * @param merged     the merged object with its {@code _id} and the winning {@code _rev} it was based on
     * @param user       the signed-in user, for the log
     * @return the stored merged object
     * @throws StaleRevisionException if another revision wins now
     */
    public ObjectNode merge(String collection, ObjectNode merged, String user) {
        ObjectStore store = root.collection(collection);
        if (merged.get("_id") == null || !merged.get("_id").isString()) {
            throw new IllegalArgumentException(
                    "The merged object of collection '" + collection + "' needs the string _id of the object");
        }
        String id = merged.get("_id").asString();
        List<String> retired = new ArrayList<>();
        for (List<String> group : store.getConflicts(id)) {
            retired.addAll(group.subList(0, group.size() - 1));
        }
        ObjectNode written = store.resolveConflict(merged);
        resolved(new ResolvedConflict(collection, id, How.MANUAL, retired, user));
        return written;
    }

    private void resolved(ResolvedConflict resolution) {
        logger.info("Resolved the conflict of object '" + resolution.id() + "' in collection '"
                + resolution.collection() + "' (" + resolution.how().tag()
                + (resolution.user() == null ? "" : " by user '" + resolution.user() + "'") + "): retired "
                + resolution.retired());
        tallies.computeIfAbsent(new Tally(resolution.collection(), resolution.how()), t -> new LongAdder())
                .increment();
        listeners.forEach(listener -> listener.accept(resolution));
    }
}
