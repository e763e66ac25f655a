package io.github.multiprocessstore.metrics;

import io.github.multiprocessstore.compaction.CompactionResult;
import io.github.multiprocessstore.compaction.RootCompaction;
import io.github.multiprocessstore.maintenance.StoreCompactor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;

/**
 * Binds the meters of compaction (scheduled or from code), one time series per collection (tag
 * {@code collection}): {@code multiprocess.store.compaction.runs} and {@code multiprocess.store.compaction.failures}
 * count compactions of the collection and those that failed; {@code multiprocess.store.compaction.revisions.retired}
 * counts the revisions they retired. A collection's meters appear with its first compaction.
 */
public final class CompactionMeterBinder implements MeterBinder {

    /** The prefix of every compaction meter. */
    public static final String PREFIX = "multiprocess.store.compaction";

    private final StoreCompactor compactor;

    /** @param compactor the compactor whose runs are counted */
    public CompactionMeterBinder(StoreCompactor compactor) {
        this.compactor = Objects.requireNonNull(compactor, "compactor must not be null");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        compactor.onCompaction(compaction -> record(registry, compaction));
    }

    private static void record(MeterRegistry registry, RootCompaction compaction) {
        for (CompactionResult result : compaction.results()) {
            String collection = result.store().getFileName().toString();
            counter(registry, "runs", collection, "Compactions of the collection")
                    .increment();
            counter(registry, "revisions.retired", collection, "Revisions retired by compactions of the collection")
                    .increment(result.revisionsRetired());
        }
        for (String collection : compaction.failures().keySet()) {
            counter(registry, "runs", collection, "Compactions of the collection")
                    .increment();
            counter(registry, "failures", collection, "Compactions of the collection that failed")
                    .increment();
        }
    }

    private static Counter counter(MeterRegistry registry, String name, String collection, String description) {
        return Counter.builder(PREFIX + "." + name)
                .tag("collection", collection)
                .description(description)
                .register(registry);
    }
}
