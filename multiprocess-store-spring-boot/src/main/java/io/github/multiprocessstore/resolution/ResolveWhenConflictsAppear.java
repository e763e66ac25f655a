package io.github.multiprocessstore.resolution;

import io.github.multiprocessstore.changes.events.StoreConflictEvent;
import io.github.multiprocessstore.conflicts.ConflictPolicy;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.ApplicationListener;

/**
 * Applies the {@code resolve} policy as soon as the change feed reports a conflict (from any process), instead of
 * waiting for the next background scan: the captured rule, then the collection's resolvers. The scan still runs, and
 * catches whatever this misses (a feed that is off, a resolution that failed here).
 */
public final class ResolveWhenConflictsAppear implements ApplicationListener<StoreConflictEvent> {

    private static final Log logger = LogFactory.getLog(ResolveWhenConflictsAppear.class);

    private final ConflictResolutions resolutions;

    /**
     * @param resolutions the resolutions of the application, with its policies and resolvers
     */
    public ResolveWhenConflictsAppear(ConflictResolutions resolutions) {
        this.resolutions = resolutions;
    }

    @Override
    public void onApplicationEvent(StoreConflictEvent event) {
        if (resolutions.policies().policyOf(event.getCollection()) != ConflictPolicy.RESOLVE) {
            return;
        }
        try {
            resolutions.resolveAutomatically(event.getCollection(), event.getId());
        } catch (RuntimeException e) {
            // the background scan tries again; the feed's thread must go on delivering the other changes
            logger.warn(
                    "Could not resolve the conflict of object '" + event.getId() + "' in collection '"
                            + event.getCollection() + "' when it appeared (the next conflict scan tries again): " + e,
                    e);
        }
    }
}
