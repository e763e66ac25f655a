package io.github.multiprocessstore.autoconfigure.metrics;

import io.github.multiprocessstore.StoreRoot;
import io.github.multiprocessstore.autoconfigure.MultiprocessStoreAutoConfiguration;
import io.github.multiprocessstore.autoconfigure.maintenance.MultiprocessStoreCompactionAutoConfiguration;
import io.github.multiprocessstore.autoconfigure.maintenance.MultiprocessStoreReplicationAutoConfiguration;
import io.github.multiprocessstore.maintenance.ConflictMonitor;
import io.github.multiprocessstore.maintenance.ReplicationScheduler;
import io.github.multiprocessstore.maintenance.StoreCompactor;
import io.github.multiprocessstore.metrics.CompactionMeterBinder;
import io.github.multiprocessstore.metrics.ReplicationMeterBinder;
import io.github.multiprocessstore.metrics.ResolvedConflictsMeterBinder;
import io.github.multiprocessstore.metrics.StoreConflictsMeterBinder;
import io.github.multiprocessstore.repository.DefaultStoreOperationObservationConvention;
import io.github.multiprocessstore.resolution.ConflictResolutions;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the store's Micrometer meters, when Micrometer is on the class path: the gauge
 * {@code multiprocess.store.conflicts}, the counter {@code multiprocess.store.conflicts.resolved}, the replication meters ({@code multiprocess.store.replication.*}) when
 * replication is configured, and the compaction meters ({@code multiprocess.store.compaction.*}). The timer
 * {@code multiprocess.store.operations} comes from the repositories' observations (Micrometer's meter handler,
 * set up by Boot's observation support); a meter filter keeps its tags what they were before observations, without
 * the handler's extra {@code error} tag, which repeats {@code exception}.
 */
@AutoConfiguration(
        after = {
            MultiprocessStoreAutoConfiguration.class,
            MultiprocessStoreReplicationAutoConfiguration.class,
            MultiprocessStoreCompactionAutoConfiguration.class
        },
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
    @ConditionalOnBean(ConflictResolutions.class)
    @ConditionalOnMissingBean
    ResolvedConflictsMeterBinder multiprocessStoreResolvedConflictsMeterBinder(ConflictResolutions resolutions) {
        return new ResolvedConflictsMeterBinder(resolutions);
    }

    @Bean
    @ConditionalOnBean(ReplicationScheduler.class)
    @ConditionalOnMissingBean
    ReplicationMeterBinder multiprocessStoreReplicationMeterBinder(ReplicationScheduler replicationScheduler) {
        return new ReplicationMeterBinder(replicationScheduler);
    }

    @Bean
    @ConditionalOnBean(StoreCompactor.class)
    @ConditionalOnMissingBean
    CompactionMeterBinder multiprocessStoreCompactionMeterBinder(StoreCompactor storeCompactor) {
        return new CompactionMeterBinder(storeCompactor);
    }

    @Bean
    @ConditionalOnMissingBean(name = "multiprocessStoreOperationsMeterFilter")
    MeterFilter multiprocessStoreOperationsMeterFilter() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (!id.getName().equals(DefaultStoreOperationObservationConvention.NAME)
                        || id.getTag("error") == null) {
                    return id;
                }
                List<Tag> tags = id.getTags().stream()
                        .filter(tag -> !tag.getKey().equals("error"))
                        .toList();
                return id.replaceTags(tags);
            }
        };
    }
}
