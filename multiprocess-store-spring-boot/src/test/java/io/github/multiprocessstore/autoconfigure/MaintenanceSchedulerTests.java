package io.github.multiprocessstore.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.multiprocessstore.maintenance.ConflictMonitor;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/** The store's maintenance scheduler is built with Boot's task-scheduling builders and settings. */
class MaintenanceSchedulerTests {

    private static final String NAME = MultiprocessStoreAutoConfiguration.TASK_SCHEDULER_BEAN_NAME;

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    TaskSchedulingAutoConfiguration.class, MultiprocessStoreAutoConfiguration.class));

    @TempDir
    Path temp;

    @Test
    void bootsDefaultPoolOfOneIsRaisedSoTheThreeJobsNeverWaitOnEachOther() {
        contextRunner.withPropertyValues("multiprocess.store.path=" + temp).run(context -> {
            ThreadPoolTaskScheduler scheduler = context.getBean(NAME, ThreadPoolTaskScheduler.class);
            assertThat(scheduler.getScheduledThreadPoolExecutor().getCorePoolSize())
                    .isEqualTo(MultiprocessStoreAutoConfiguration.MIN_POOL_SIZE);
        });
    }

    @Test
    void springTaskSchedulingPropertiesApply() {
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + temp,
                        "spring.task.scheduling.pool.size=5",
                        "spring.task.scheduling.shutdown.await-termination=true")
                .run(context -> {
                    ThreadPoolTaskScheduler scheduler = context.getBean(NAME, ThreadPoolTaskScheduler.class);
                    assertThat(scheduler.getScheduledThreadPoolExecutor().getCorePoolSize())
                            .isEqualTo(5);
                    assertThat(scheduler)
                            .extracting("waitForTasksToCompleteOnShutdown")
                            .isEqualTo(true);
                });
    }

    @Test
    void virtualThreadsApplyWhereTheJdkHasThem() {
        assumeTrue(
                Runtime.version().feature() >= 21, "virtual threads need Java 21+; this JVM is " + Runtime.version());
        contextRunner
                .withPropertyValues("multiprocess.store.path=" + temp, "spring.threads.virtual.enabled=true")
                .run(context -> assertThat(context.getBean(NAME)).isInstanceOf(SimpleAsyncTaskScheduler.class));
    }

    @Test
    void theSchedulerStopsWithTheContext() {
        contextRunner.withPropertyValues("multiprocess.store.path=" + temp).run(context -> {
            ThreadPoolTaskScheduler scheduler = context.getBean(NAME, ThreadPoolTaskScheduler.class);
            context.getBean(ConflictMonitor.class).latest();
            context.close();
            assertThat(scheduler.getScheduledExecutor().isShutdown()).isTrue();
        });
    }

    @Test
    void theApplicationsOwnSchedulerIsNeitherReplacedNorAmbiguous() {
        contextRunner
                .withPropertyValues("multiprocess.store.path=" + temp)
                .withUserConfiguration(SchedulingApplication.class)
                .run(context -> {
                    assertThat(context).hasNotFailed().hasBean("taskScheduler").hasBean(NAME);
                    assertThat(context.getBean(TaskScheduler.class)).isSameAs(context.getBean("taskScheduler"));
                });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    static class SchedulingApplication {}
}
