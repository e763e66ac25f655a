package io.github.multiprocessstore.maintenance;

import java.time.Duration;
import java.util.Objects;
import org.springframework.context.SmartLifecycle;

/**
 * Runs {@link StoreCompactor#compactNow()} on a schedule: the first run after the initial delay, then one interval
 * after the end of each run, on one daemon thread, started and stopped with the application context. A failed run
 * is logged (with the collection) and the schedule goes on. Thread-safe.
 */
public final class CompactionScheduler implements SmartLifecycle {

    private final StoreCompactor compactor;
    private final Duration interval;
    private final BackgroundSchedule schedule;

    /**
     * @param compactor    what each run calls
     * @param interval     the delay between the end of one run and the start of the next; positive
     * @param initialDelay the delay between {@link #start()} and the first run; zero or more
     */
    public CompactionScheduler(StoreCompactor compactor, Duration interval, Duration initialDelay) {
        this.compactor = Objects.requireNonNull(compactor, "compactor must not be null");
        this.interval = Objects.requireNonNull(interval, "interval must not be null");
        this.schedule =
                new BackgroundSchedule("multiprocess-store-compaction", initialDelay, interval, compactor::compactNow);
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
        schedule.start();
    }

    /** Stops the schedule (called when the application context closes); a run in progress finishes first. */
    @Override
    public void stop() {
        schedule.stop();
    }

    /** Whether the schedule runs. */
    @Override
    public boolean isRunning() {
        return schedule.isRunning();
    }
}
