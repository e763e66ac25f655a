package io.github.multiprocessstore.maintenance;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Runs one task repeatedly on its own daemon thread, with a fixed delay between the end of a run and the start of
 * the next, so runs never overlap and a slow run never piles up others. A failing run is logged and the schedule
 * goes on: an exception escaping a {@link ScheduledExecutorService} task would silently cancel every later run.
 * Thread-safe.
 */
final class BackgroundSchedule {

    private static final Log logger = LogFactory.getLog(BackgroundSchedule.class);

    /** How long {@link #stop()} waits for a run in progress before interrupting it. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final String threadName;
    private final Duration initialDelay;
    private final Duration interval;
    private final Runnable task;
    private @Nullable ScheduledExecutorService executor;

    /**
     * @param threadName   the name of the thread, shown in thread dumps
     * @param initialDelay the delay before the first run; zero or more
     * @param interval     the delay between the end of a run and the start of the next; positive
     * @param task         the run
     */
    BackgroundSchedule(String threadName, Duration initialDelay, Duration interval, Runnable task) {
        this.threadName = Objects.requireNonNull(threadName, "threadName must not be null");
        this.initialDelay = Objects.requireNonNull(initialDelay, "initialDelay must not be null");
        this.interval = Objects.requireNonNull(interval, "interval must not be null");
        this.task = Objects.requireNonNull(task, "task must not be null");
        if (initialDelay.isNegative()) {
            throw new IllegalArgumentException("initialDelay must not be negative, was " + initialDelay);
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, was " + interval);
        }
    }

    /** Starts the schedule; does nothing if it runs already. */
    synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(
                this::runLogged, initialDelay.toNanos(), interval.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Stops the schedule. A run in progress may finish for up to 30 seconds (its files stay consistent either way,
     * as every write is atomic), then it is interrupted.
     */
    void stop() {
        ScheduledExecutorService stopping;
        synchronized (this) {
            stopping = executor;
            executor = null;
        }
        if (stopping == null) {
            return;
        }
        stopping.shutdown();
        try {
            if (!stopping.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                logger.warn("The run on thread '" + threadName + "' did not finish within " + STOP_TIMEOUT
                        + " of the shutdown; interrupting it (the next run completes its work)");
                stopping.shutdownNow();
            }
        } catch (InterruptedException e) {
            stopping.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the schedule has been started and not stopped. */
    synchronized boolean isRunning() {
        return executor != null;
    }

    private void runLogged() {
        try {
            task.run();
        } catch (Throwable failure) {
            // Like Spring's own scheduler for repeating tasks: log and keep the schedule.
            logger.error(
                    "Scheduled run on thread '" + threadName + "' failed; the next one starts in " + interval, failure);
        }
    }
}
