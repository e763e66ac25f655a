package io.github.multiprocessstore.metrics;

import io.github.multiprocessstore.maintenance.ConflictMonitor;
import io.github.multiprocessstore.maintenance.ConflictReport;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Binds the gauge {@code multiprocess.store.conflicts}: one time series per collection (tag {@code collection})
 * whose value is the number of that collection's objects with at least one conflict group, so the sum over the
 * tag is the store-wide count. Values come from the {@link ConflictMonitor}'s cached background scan, kept current
 * by the change feed, never from a scan per scrape; a collection that appears on disk gets its gauge at the first
 * scan that sees it.
 */
public final class StoreConflictsMeterBinder implements MeterBinder {

    /** The gauge's name. */
    public static final String METRIC_NAME = "multiprocess.store.conflicts";

    private static final Log logger = LogFactory.getLog(StoreConflictsMeterBinder.class);

    private static final String DESCRIPTION =
            "Objects with at least one conflict group, from the latest background scan and the change feed since";

    private final ConflictMonitor monitor;

    /** @param monitor the cached conflict scan */
    public StoreConflictsMeterBinder(ConflictMonitor monitor) {
        this.monitor = Objects.requireNonNull(monitor, "monitor must not be null");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Set<String> bound = ConcurrentHashMap.newKeySet();
        monitor.onScan(report -> bindCollections(registry, report, bound));
        try {
            bindCollections(registry, monitor.latest(), bound);
        } catch (RuntimeException e) {
            // The start must not fail for a metric: the background scan retries and binds the gauges then.
            logger.warn("First conflict scan failed; the " + METRIC_NAME + " gauges appear after the next scan", e);
        }
    }

    private void bindCollections(MeterRegistry registry, ConflictReport report, Set<String> bound) {
        for (String collection : report.collections().keySet()) {
            if (bound.add(collection)) {
                Gauge.builder(METRIC_NAME, monitor, m -> m.latest().conflictedObjects(collection))
                        .tag("collection", collection)
                        .description(DESCRIPTION)
                        .strongReference(true)
                        .register(registry);
            }
        }
    }
}
