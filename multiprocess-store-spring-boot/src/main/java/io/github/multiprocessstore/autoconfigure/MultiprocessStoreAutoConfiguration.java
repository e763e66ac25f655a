package io.github.multiprocessstore.autoconfigure;

import io.github.multiprocessstore.StoreException;
import io.github.multiprocessstore.StorePermissions;
import io.github.multiprocessstore.StoreRoot;
import io.github.multiprocessstore.maintenance.ConflictMonitor;
import io.github.multiprocessstore.maintenance.ConflictReportFollowsChanges;
import io.github.multiprocessstore.repository.ObjectRepositoryFactory;
import io.github.multiprocessstore.repository.RepositoryOptions;
import io.github.multiprocessstore.repository.StoreOperationObservationConvention;
import io.github.multiprocessstore.repository.UnmappableObjects;
import io.github.multiprocessstore.repository.config.EnableMultiprocessStoreAuditing;
import io.github.multiprocessstore.repository.config.MultiprocessStoreRepositoryConfigurationExtension;
import io.github.multiprocessstore.repository.support.ObjectRepositoryFactoryBean;
import io.github.multiprocessstore.resolution.ConflictPolicies;
import io.github.multiprocessstore.resolution.ConflictResolutions;
import io.github.multiprocessstore.resolution.ConflictResolver;
import io.github.multiprocessstore.resolution.ResolveWhenConflictsAppear;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.ObservationRegistry;
import java.nio.file.Path;
import java.util.List;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.task.SimpleAsyncTaskSchedulerBuilder;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.boot.thread.Threading;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.data.auditing.AuditingHandler;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Auto-configuration of the multiprocess store: a {@link StoreRoot} at {@code multiprocess.store.path} (with every
 * {@link ObjectStoreBuilderCustomizer} applied), the {@link ObjectRepositoryFactory} whose repositories are
 * observed ({@code multiprocess.store.operations}), a bean for every interface extending {@code ObjectRepository<T>}
 * in the application's packages (unless the application uses {@code @EnableMultiprocessStoreRepositories} itself),
 * one {@code ObjectRepository<T>} per other {@code @StoredObject} class there, the conflict policies of the
 * collections and the {@link ConflictResolutions} that apply them (with the application's {@link ConflictResolver}
 * beans), the {@link ConflictMonitor} read by health, endpoint and metrics, and the
 * store's own maintenance scheduler. Every bean backs off when the application defines its own. Objects are mapped
 * with the application's Jackson {@link JsonMapper} when there is one. The start fails, with a failure analysis,
 * when the path cannot hold a root of collections (including when it holds a single store instead), and logs the
 * root and its collections when it succeeds.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
            "org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration",
            "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"
        })
@ConditionalOnClass(StoreRoot.class)
@EnableConfigurationProperties({MultiprocessStoreProperties.class, MultiprocessStoreRepositoriesProperties.class})
// The declared repositories (nested configuration, processed first) are registered before this registrar looks for
// the @StoredObject classes that have none.
@Import(StoredObjectRepositoriesRegistrar.class)
public final class MultiprocessStoreAutoConfiguration {

    /** The name of the scheduler that runs the conflict scan, replication and compaction. */
    public static final String TASK_SCHEDULER_BEAN_NAME = "multiprocessStoreTaskScheduler";

    /**
     * The fewest threads of the maintenance scheduler: Boot's scheduling default is one thread, with which the
     * conflict scan, replication and compaction would wait on each other.
     */
    static final int MIN_POOL_SIZE = 3;

    // Closed with the context: Spring infers a public close() (the core's StoreRoot gains one).
    @Bean
    @ConditionalOnMissingBean
    StoreRoot multiprocessStoreRoot(
            MultiprocessStoreProperties properties,
            ObjectProvider<JsonMapper> jsonMapper,
            ObjectProvider<ObjectStoreBuilderCustomizer> customizers) {
        Path path = StoreDirectory.prepare(PropertyChecks.present(properties.getPath(), "path"));
        RootLayout.requireRootOfCollections(path);
        JsonMapper mapper = jsonMapper.getIfAvailable(() -> JsonMapper.builder().build());
        int historyLimit = properties.getHistoryLimit();
        if (historyLimit < 0 || historyLimit == 1) {
            throw new IllegalArgumentException("'" + PropertyChecks.property("history-limit")
                    + "' must be 0 (keep every revision) or at least 2, was " + historyLimit);
        }
        java.time.Duration grace =
                PropertyChecks.positive(properties.getTempFileGracePeriod(), "temp-file-grace-period");
        long maxObjectSize = PropertyChecks.maxObjectSize(properties);
        StorePermissions permissions = PropertyChecks.permissions(properties);
        List<ObjectStoreBuilderCustomizer> ordered = customizers.orderedStream().toList();
        try {
            return StoreRoot.open(path, builder -> {
                builder.durable(properties.isDurable())
                        .tempFileGracePeriod(grace)
                        .historyLimit(historyLimit)
                        .keepListings(properties.isKeepListings())
                        .maxObjectSize(maxObjectSize)
                        .permissions(permissions)
                        .jsonMapper(mapper);
                ordered.forEach(customizer -> customizer.customize(builder));
            });
        } catch (StoreException e) {
            throw new InvalidStorePathException(
                    path,
                    "it cannot be opened as a store: " + e.getMessage(),
                    "Check the permissions and free space of " + path + ", or set '"
                            + MultiprocessStoreProperties.PREFIX + ".path' to another directory.",
                    e);
        }
    }

    @Bean
    StoreStartupLog multiprocessStoreStartupLog(StoreRoot storeRoot) {
        return new StoreStartupLog(storeRoot);
    }

    @Bean
    @ConditionalOnMissingBean
    ObjectRepositoryFactory objectRepositoryFactory(
            StoreRoot storeRoot,
            ObjectProvider<JsonMapper> jsonMapper,
            ObjectProvider<ObservationRegistry> observationRegistry,
            ObjectProvider<StoreOperationObservationConvention> convention,
            MultiprocessStoreRepositoriesProperties repositoriesProperties,
            UnmappableObjects unmappableObjects,
            ApplicationEventPublisher events,
            BeanFactory beanFactory) {
        JsonMapper mapper = jsonMapper.getIfAvailable(() -> JsonMapper.builder().build());
        // Looked up at each save: @EnableMultiprocessStoreAuditing may sit on any configuration class.
        RepositoryOptions options = new RepositoryOptions(
                repositoriesProperties.isSkipUnmappable(),
                unmappableObjects,
                () -> beanFactory.containsBean(EnableMultiprocessStoreAuditing.AUDITING_HANDLER_BEAN_NAME)
                        ? beanFactory.getBean(
                                EnableMultiprocessStoreAuditing.AUDITING_HANDLER_BEAN_NAME, AuditingHandler.class)
                        : null,
                events);
        return new ObjectRepositoryFactory(
                storeRoot,
                mapper,
                observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP),
                convention.getIfUnique(),
                options);
    }

    @Bean
    @ConditionalOnMissingBean
    UnmappableObjects multiprocessStoreUnmappableObjects() {
        return new UnmappableObjects();
    }

    @Bean
    @ConditionalOnMissingBean
    ConflictPolicies multiprocessStoreConflictPolicies(
            MultiprocessStoreProperties properties, BeanFactory beanFactory, Environment environment) {
        return ConflictHandling.policies(properties, beanFactory, environment);
    }

    @Bean
    @ConditionalOnMissingBean
    ConflictResolutions multiprocessStoreConflictResolutions(
            StoreRoot storeRoot,
            ConflictPolicies policies,
            ObjectProvider<ConflictResolver<?>> resolvers,
            ObjectProvider<JsonMapper> jsonMapper) {
        return new ConflictResolutions(
                storeRoot,
                policies,
                ConflictHandling.resolvers(resolvers.orderedStream()),
                jsonMapper.getIfAvailable(() -> JsonMapper.builder().build()));
    }

    /** Under the {@code resolve} policy, resolves a conflict as soon as the change feed reports it. */
    @Bean
    @ConditionalOnMissingBean
    ResolveWhenConflictsAppear multiprocessStoreResolveWhenConflictsAppear(ConflictResolutions resolutions) {
        return new ResolveWhenConflictsAppear(resolutions);
    }

    /** With change events on, keeps the conflict report current between scans. */
    @Bean
    @ConditionalOnMissingBean
    ConflictReportFollowsChanges multiprocessStoreConflictReportFollowsChanges(ConflictMonitor monitor) {
        return new ConflictReportFollowsChanges(monitor);
    }

    @Bean
    @ConditionalOnMissingBean
    ConflictMonitor multiprocessStoreConflictMonitor(
            StoreRoot storeRoot,
            MultiprocessStoreProperties properties,
            ConflictResolutions resolutions,
            @Qualifier(TASK_SCHEDULER_BEAN_NAME) TaskScheduler scheduler) {
        return new ConflictMonitor(
                storeRoot,
                PropertyChecks.positive(properties.getConflictScanInterval(), "conflict-scan-interval"),
                scheduler,
                resolutions);
    }

    /**
     * The scheduler of the store's background work, built with Boot's builders so that
     * {@code spring.task.scheduling.*} applies (and, with {@code spring.threads.virtual.enabled} on Java 21+, a
     * virtual thread per run), with at least {@link #MIN_POOL_SIZE} platform threads. Not a default candidate, so it
     * neither replaces the application's own {@code taskScheduler} nor is injected where one is wanted; destroyed
     * (shut down) with the context.
     */
    @Bean(name = TASK_SCHEDULER_BEAN_NAME, defaultCandidate = false)
    @ConditionalOnMissingBean(name = TASK_SCHEDULER_BEAN_NAME)
    TaskScheduler multiprocessStoreTaskScheduler(
            Environment environment,
            ObjectProvider<ThreadPoolTaskSchedulerBuilder> threadPoolBuilder,
            ObjectProvider<SimpleAsyncTaskSchedulerBuilder> simpleAsyncBuilder) {
        if (Threading.VIRTUAL.isActive(environment)) {
            SimpleAsyncTaskScheduler scheduler = simpleAsyncBuilder
                    .getIfAvailable(() -> new SimpleAsyncTaskSchedulerBuilder().virtualThreads(true))
                    .threadNamePrefix("multiprocess-store-")
                    .build();
            return scheduler;
        }
        ThreadPoolTaskScheduler scheduler = threadPoolBuilder
                .getIfAvailable(ThreadPoolTaskSchedulerBuilder::new)
                .threadNamePrefix("multiprocess-store-")
                .build();
        scheduler.setPoolSize(Math.max(MIN_POOL_SIZE, scheduler.getPoolSize()));
        return scheduler;
    }

    /**
     * Implements the repository interfaces of the application's packages, as {@code @EnableMultiprocessStoreRepositories}
     * would; backs off when the application uses that annotation (or turns it off with
     * {@code multiprocess.store.repositories.enabled=false}).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean({
        ObjectRepositoryFactoryBean.class,
        MultiprocessStoreRepositoryConfigurationExtension.class
    })
    @ConditionalOnProperty(
            prefix = MultiprocessStoreRepositoriesProperties.PREFIX,
            name = "enabled",
            havingValue = "true",
            matchIfMissing = true)
    @Import(DeclaredRepositoriesRegistrar.class)
    static final class DeclaredRepositoriesConfiguration {}

    /** Counts the objects that scans skipped because they could not be mapped ({@code skip-unmappable}). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
    static final class UnmappableObjectsMetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "multiprocessStoreUnmappableObjectsMeterBinder")
        MeterBinder multiprocessStoreUnmappableObjectsMeterBinder(UnmappableObjects unmappableObjects) {
            return registry -> FunctionCounter.builder(
                            "multiprocess.store.unmappable.skipped", unmappableObjects, UnmappableObjects::total)
                    .description("Stored objects that scans and queries skipped because they could not be mapped"
                            + " to their type (multiprocess.store.repositories.skip-unmappable)")
                    .register(registry);
        }
    }
}
