package io.github.multiprocessstore.maintenance;

import io.github.multiprocessstore.changes.events.StoreChangeEvent;
import java.util.Objects;
import org.springframework.context.ApplicationListener;

/**
 * Hands every change event to the {@link ConflictMonitor}, so that health, the conflicts gauge and the like show a
 * conflict made by any process (or its resolution, or the deletion of its object) as soon as the change feed
 * reports it, instead of at the next background scan. Without change events (the feed's events switched off) the
 * report follows the scan alone.
 */
public final class ConflictReportFollowsChanges implements ApplicationListener<StoreChangeEvent> {

    private final ConflictMonitor monitor;

    /** @param monitor the monitor whose report follows the changes */
    public ConflictReportFollowsChanges(ConflictMonitor monitor) {
        this.monitor = Objects.requireNonNull(monitor, "monitor must not be null");
    }

    @Override
    public void onApplicationEvent(StoreChangeEvent event) {
        monitor.changed(event.getCollection(), event.getChange());
    }
}
