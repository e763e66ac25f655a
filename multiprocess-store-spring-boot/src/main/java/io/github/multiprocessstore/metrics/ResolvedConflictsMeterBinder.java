package io.github.multiprocessstore.metrics;

import io.github.multiprocessstore.resolution.ConflictResolutions;
import io.github.multiprocessstore.resolution.ConflictResolutions.Tally;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Binds the counter {@code multiprocess.store.conflicts.resolved}: one increment per conflict resolution (one object
 * settled once), tagged {@code collection} and {@code how} ({@code captured}, {@code resolver} or {@code manual}).
 * Counts come from {@link ConflictResolutions}, which counts from the first scan on, so the resolutions of the scan
 * that runs while the application starts are not lost; a series appears with its first resolution.
 */
public final class ResolvedConflictsMeterBinder implements MeterBinder {

    /** The counter's name. */
    public static final String METRIC_NAME = "multiprocess.store.conflicts.resolved";

    private final ConflictResolutions resolutions;

    /** @param resolutions the resolutions to count */
    public ResolvedConflictsMeterBinder(ConflictResolutions resolutions) {
        this.resolutions = Objects.requireNonNull(resolutions, "resolutions must not be null");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Set<Tally> bound = ConcurrentHashMap.newKeySet();
        resolutions.onResolved(resolved -> bind(registry, new Tally(resolved.collection(), resolved.how()), bound));
        resolutions.tallies().keySet().forEach(tally -> bind(registry, tally, bound));
    }

    private void bind(MeterRegistry registry, Tally tally, Set<Tally> bound) {
        if (bound.add(tally)) {
            FunctionCounter.builder(METRIC_NAME, resolutions, r -> r.count(tally))
                    .tag("collection", tally.collection())
                    .tag("how", tally.how().tag())
                    .description("Conflict resolutions, by collection and by what resolved them")
                    .register(registry);
        }
    }
}
