package io.github.multiprocessstore.maintenance;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.TaskScheduler;

/**
 * Runs one task repeatedly on a {@link TaskScheduler}, one interval after the end of the previous run: each run
 * schedules the next as a one-shot task, so runs never overlap whatever the scheduler (a pool of platform threads,
 * or a virtual thread per task, where a fixed-delay schedule would hold the scheduler's own thread). A failing run
 * is logged and the schedule goes on. The lock guards the state only, never a run. Thread-safe.
 */
final class RepeatingJob {

    private static final Log logger = LogFactory.getLog(RepeatingJob.class);

    private final String name;
    private final TaskScheduler scheduler;
    private final Duration initialDelay;
    private final Duration interval;
    private final Runnable task;
    private final ReentrantLock stateLock = new ReentrantLock();
    private @Nullable ScheduledFuture<?> next;
    private boolean running;

    /**
     * @param name         what the job does, for the log
     * @param scheduler    where runs execute
     * @param initialDelay the delay before the first run; zero or more
     * @param interval     the delay between the end of a run and the start of the next; positive
     * @param task         the run
     */
    RepeatingJob(String name, TaskScheduler scheduler, Duration initialDelay, Duration interval, Runnable task) {
        this.name = Objects.requireNonNull(name, "name must not be null");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler must not be null");
        this.initialDelay = Objects.requireNonNull(initialDelay, "initialDelay must not be null");
        this.interval = Objects.requireNonNull(interval, "interval must not be null");
        this.task = Objects.requireNonNull(task, "task must not be null");
        if (initialDelay.isNegative()) {
            throw new IllegalArgumentException(name + ": the initial delay must not be negative, was " + initialDelay);
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException(name + ": the interval must be positive, was " + interval);
        }
    }

    /** Starts the schedule; does nothing if it runs already. */
    void start() {
        stateLock.lock();
        try {
            if (running) {
                return;
            }
            running = true;
            next = scheduler.schedule(this::runAndReschedule, Instant.now().plus(initialDelay));
        } finally {
            stateLock.unlock();
        }
    }

    /**
     * Stops the schedule: no run starts afterwards; a run in progress finishes (its files stay consistent either
     * way, as every write is atomic).
     */
    void stop() {
        stateLock.lock();
        try {
            running = false;
            if (next != null) {
                next.cancel(false);
                next = null;
            }
        } finally {
            stateLock.unlock();
        }
    }

    /** Whether the schedule has been started and not stopped. */
    boolean isRunning() {
        stateLock.lock();
        try {
            return running;
        } finally {
            stateLock.unlock();
        }
    }

    private void runAndReschedule() {
        try {
            task.run();
        } catch (Throwable failure) {
            logger.error("Scheduled " + name + " failed; the next run starts in " + interval, failure);
        }
        stateLock.lock();
        try {
            if (running) {
                next = scheduler.schedule(this::runAndReschedule, Instant.now().plus(interval));
            }
        } catch (RuntimeException rejected) {
            // The scheduler shuts down with the context, possibly before this job is stopped.
            running = false;
            logger.debug("Scheduled " + name + " stopped: its scheduler accepts no more tasks", rejected);
        } finally {
            stateLock.unlock();
        }
    }
}
