package io.github.multiprocessstore.resolution;

import java.util.List;
import java.util.Optional;

/**
 * Merges the conflicts of one collection, for a collection whose policy is {@code resolve}: declare a Spring bean
 * implementing it for a {@code @StoredObject} type, and the background conflict scan calls it for every conflicted
 * object of that type's collection the captured rule could not settle.
 *
 * <p>The merged object is written as the next revision with the core's merged resolution
 * ({@code ObjectStore.resolveConflict(merged)}): strict, based on the winner that was passed in (so a revision that
 * arrives meanwhile is never merged away unseen), and every rival retired to the trash with a retirement record.
 * Returning empty declines; declining or throwing leaves the conflict reported. Called from the scan's thread, one
 * object at a time.
 *
 * @param <T> the stored type, whose {@code @StoredObject} names the collection
 */
public interface ConflictResolver<T> {

    /**
     * Merges a conflicted object.
     *
     * @param winner the winning revision, as readers see it now
     * @param rivals the revisions the resolution retires (in each conflict group, all but the one readers elect),
     *               oldest first
     * @return the merged object (its id and revision are set by the caller), or empty to leave the conflict reported
     */
    Optional<T> resolve(T winner, List<T> rivals);
}
