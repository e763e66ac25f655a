package io.github.multiprocessstore.actuate.metrics;

import io.github.multiprocessstore.StoreRoot;
import io.github.multiprocessstore.autoconfigure.MultiprocessStoreAutoConfiguration;
import io.github.multiprocessstore.spring.ConflictMonitor;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the store's Micrometer metrics, when Micrometer is on the class path: the gauge
 * {@code multiprocess.store.conflicts} (bound to whatever registries exist) and, when a {@link MeterRegistry} bean
 * exists, the timers {@code multiprocess.store.operations} of repository operations.
 */
@AutoConfiguration(
        after = MultiprocessStoreAutoConfiguration.class,
        afterName = {
            "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"
        })
@ConditionalOnClass({StoreRoot.class, MeterRegistry.class})
@ConditionalOnBean({StoreRoot.class, ConflictMonitor.class})
public final class MultiprocessStoreMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    StoreConflictsMeterBinder multiprocessStoreConflictsMeterBinder(ConflictMonitor conflictMonitor) {
        return new StoreConflictsMeterBinder(conflictMonitor);
    }

    @Bean
    @ConditionalOnBean(MeterRegistry.class)
    @ConditionalOnMissingBean
    RepositoryOperationMetrics multiprocessStoreRepositoryOperationMetrics(MeterRegistry meterRegistry) {
        return new RepositoryOperationMetrics(meterRegistry);
    }
}
