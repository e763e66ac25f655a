package io.github.multiprocessstore.endpoint;

import io.github.multiprocessstore.InvalidIdException;
import io.github.multiprocessstore.ObjectNotFoundException;
import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.StoreRoot;
import io.github.multiprocessstore.conflicts.ConflictPolicy;
import io.github.multiprocessstore.maintenance.ConflictMonitor;
import io.github.multiprocessstore.maintenance.ConflictReport;
import io.github.multiprocessstore.resolution.ConflictPolicies;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code conflicts} actuator endpoint: which objects have conflicting revisions, as revision names and ids
 * only, never object contents (objects may hold secrets). Deleted objects and collections whose conflict policy is
 * {@code ignore} show none; under {@code resolve}, only what could not be resolved automatically shows. Read-only by design: resolving a conflict discards
 * revisions, so it is left to {@code ObjectRepository.resolveConflict} in application code, behind the
 * application's own authorisation.
 */
@Endpoint(id = "conflicts")
public final class ConflictsEndpoint {

    private final StoreRoot root;
    private final ConflictMonitor monitor;
    private final ConflictPolicies policies;

    /**
     * An endpoint where every collection reports its conflicts.
     *
     * @param root    the store's collections
     * @param monitor the conflict scan, refreshed by every whole-document read
     */
    public ConflictsEndpoint(StoreRoot root, ConflictMonitor monitor) {
        this(root, monitor, ConflictPolicies.reportAll());
    }

    /**
     * @param root     the store's collections
     * @param monitor  the conflict scan (which applies the policies), refreshed by every whole-document read
     * @param policies the collections' conflict policies: an ignored collection shows no conflict
     */
    public ConflictsEndpoint(StoreRoot root, ConflictMonitor monitor, ConflictPolicies policies) {
        this.root = Objects.requireNonNull(root, "root must not be null");
        this.monitor = Objects.requireNonNull(monitor, "monitor must not be null");
        this.policies = Objects.requireNonNull(policies, "policies must not be null");
    }

    /**
     * Scans every collection now (file names only) and returns all conflicts. The fresh scan also refreshes the
     * cache behind the health details and the gauge; on a large store it takes as long as one background scan.
     *
     * @return the number of conflicted objects and, per collection, each conflicted object's groups
     */
    @ReadOperation
    public ConflictsDescriptor conflicts() {
        ConflictReport report = monitor.refresh();
        return new ConflictsDescriptor(report.conflictedObjects(), report.collections());
    }

    /**
     * The conflict groups of one object, read from its directory now; none for a deleted object or a collection
     * whose policy is {@code ignore}.
     *
     * @param collection the collection name
     * @param id         the object id
     * @return its conflict groups (empty if none), or null (HTTP 404) if there is no such collection or object
     */
    @ReadOperation
    public @Nullable List<List<String>> objectConflicts(@Selector String collection, @Selector String id) {
        // Opening a collection creates its directory: look it up among those on disk first.
        if (!root.collectionNames().contains(collection)) {
            return null;
        }
        try {
            ObjectStore store = root.collection(collection);
            List<List<String>> groups = store.getConflicts(id);
            boolean shown = policies.policyOf(collection) != ConflictPolicy.IGNORE && store.exists(id);
            return shown ? groups : List.of();
        } catch (ObjectNotFoundException | InvalidIdException e) {
            return null;
        }
    }

    /**
     * The whole-store document of the endpoint.
     *
     * @param conflictedObjects the number of objects, store-wide, with at least one conflict group
     * @param collections       collection name to object id to conflict groups (lists of revision names); every
     *                          collection on disk is listed, those without conflicts with an empty object
     */
    public record ConflictsDescriptor(
            int conflictedObjects, Map<String, Map<String, List<List<String>>>> collections) {}
}
