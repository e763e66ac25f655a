package io.github.multiprocessstore.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/** Jobs on the shared scheduler never overlap themselves and never wait for another job. */
class RepeatingJobTests {

    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

    RepeatingJobTests() {
        scheduler.setPoolSize(3);
        scheduler.initialize();
    }

    @AfterEach
    void shutdown() {
        scheduler.shutdown();
    }

    @Test
    void runsOfOneJobNeverOverlapEvenOnAPoolOfSeveralThreads() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        RepeatingJob job = new RepeatingJob("test", scheduler, Duration.ZERO, Duration.ofMillis(1), () -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            Thread.onSpinWait();
            running.decrementAndGet();
            runs.incrementAndGet();
        });

        job.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> runs.get() >= 20);
        job.stop();

        assertThat(mostAtOnce.get()).isEqualTo(1);
        assertThat(job.isRunning()).isFalse();
    }

    @Test
    void aBlockedJobDoesNotHoldBackAnother() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blockedStarted = new CountDownLatch(1);
        AtomicInteger otherRuns = new AtomicInteger();
        RepeatingJob blocked = new RepeatingJob("blocked", scheduler, Duration.ZERO, Duration.ofHours(1), () -> {
            blockedStarted.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        RepeatingJob other =
                new RepeatingJob("other", scheduler, Duration.ZERO, Duration.ofMillis(1), otherRuns::incrementAndGet);
        try {
            blocked.start();
            assertThat(blockedStarted.await(30, TimeUnit.SECONDS)).isTrue();
            other.start();

            await().atMost(Duration.ofSeconds(30)).until(() -> otherRuns.get() >= 5);
        } finally {
            release.countDown();
            blocked.stop();
            other.stop();
        }
    }

    @Test
    void aFailingRunDoesNotEndTheSchedule() {
        AtomicInteger runs = new AtomicInteger();
        RepeatingJob job = new RepeatingJob("failing", scheduler, Duration.ZERO, Duration.ofMillis(20), () -> {
            runs.incrementAndGet();
            throw new IllegalStateException("disk on fire");
        });

        // Each failure is logged with its stack trace; captured here (and kept off the console) to be asserted.
        Logger logger = (Logger) LoggerFactory.getLogger(RepeatingJob.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        logger.setAdditive(false);
        try {
            job.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> runs.get() >= 3);
            job.stop();
        } finally {
            logger.setAdditive(true);
            logger.detachAppender(logged);
        }

        assertThat(runs.get()).isGreaterThanOrEqualTo(3);
        assertThat(List.copyOf(logged.list)).hasSizeGreaterThanOrEqualTo(3).allSatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.ERROR);
            assertThat(event.getFormattedMessage()).startsWith("Scheduled failing failed; the next run starts in");
            assertThat(event.getThrowableProxy().getMessage()).isEqualTo("disk on fire");
        });
    }

    @Test
    void intervalsThatCanNeverWorkAreRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RepeatingJob("x", scheduler, Duration.ZERO, Duration.ZERO, () -> {}))
                .withMessageContaining("interval must be positive");
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () -> new RepeatingJob("x", scheduler, Duration.ofSeconds(-1), Duration.ofSeconds(1), () -> {}))
                .withMessageContaining("initial delay must not be negative");
    }
}
