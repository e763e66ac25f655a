package io.github.multiprocessstore.maintenance;

import java.time.Duration;
import java.util.Objects;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

/**
 * Runs {@link StoreCompactor#compactNow()} on a schedule: the first run after the initial delay, then one interval
 * after the end of each run, on the given scheduler, started and stopped with the application context. Runs never
 * overlap. A failed run is logged (with the collection) and the schedule goes on. Thread-safe.
 */
public final class CompactionScheduler implements SmartLifecycle {

    private final StoreCompactor compactor;
    private final Duration interval;
    private final RepeatingJob job;

    /**
     * @param compactor    what each run calls
     * @param scheduler    where runs execute
     * @param interval     the delay between the end of one run and the start of the next; positive
     * @param initialDelay the delay between {@link #start()} and the first run; zero or more
     */
    public CompactionScheduler(
            StoreCompactor compactor, TaskScheduler scheduler, Duration interval, Duration initialDelay) {
        this.compactor = Objects.requireNonNull(compactor, "compactor must not be null");
        this.interval = Objects.requireNonNull(interval, "interval must not be null");
        this.job = new RepeatingJob("compaction", scheduler, initialDelay, interval, compactor::compactScheduled);
    }

    /** The compactor each run calls. */
    public StoreCompactor compactor() {
        return compactor;
    }

    /** The delay between the end of one run and the start of the next. */
    public Duration interval() {
        return interval;
    }

    /** Starts the schedule (called by the application context). */
    @Override
    public void start() {
        job.start();
    }

    /** Stops the schedule (called when the application context closes); a run in progress finishes. */
    @Override
    public void stop() {
        job.stop();
    }

    /** Whether the schedule runs. */
    @Override
    public boolean isRunning() {
        return job.isRunning();
    }
}
