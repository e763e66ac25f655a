package io.github.multiprocessstore.autoconfigure.health;

import io.github.multiprocessstore.StoreRoot;
import io.github.multiprocessstore.autoconfigure.MultiprocessStoreAutoConfiguration;
import io.github.multiprocessstore.autoconfigure.MultiprocessStoreProperties;
import io.github.multiprocessstore.autoconfigure.PropertyChecks;
import io.github.multiprocessstore.health.MultiprocessStoreHealthIndicator;
import io.github.multiprocessstore.maintenance.ConflictMonitor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.util.unit.DataSize;

/**
 * Auto-configuration of the {@code multiprocessStore} health indicator, when Spring Boot's health support is on
 * the class path and {@code management.health.multiprocessstore.enabled} is not false.
 */
@AutoConfiguration(after = MultiprocessStoreAutoConfiguration.class)
@ConditionalOnClass({StoreRoot.class, HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnBean({StoreRoot.class, ConflictMonitor.class})
@ConditionalOnEnabledHealthIndicator("multiprocessstore")
@EnableConfigurationProperties(MultiprocessStoreProperties.class)
public final class MultiprocessStoreHealthContributorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "multiprocessStoreHealthIndicator")
    MultiprocessStoreHealthIndicator multiprocessStoreHealthIndicator(
            StoreRoot storeRoot, MultiprocessStoreProperties properties, ConflictMonitor conflictMonitor) {
        DataSize minFreeSpace = properties.getHealth().getMinFreeSpace();
        if (minFreeSpace == null || minFreeSpace.isNegative()) {
            throw new IllegalArgumentException("'" + PropertyChecks.property("health.min-free-space")
                    + "' must not be negative, was " + minFreeSpace);
        }
        return new MultiprocessStoreHealthIndicator(storeRoot.path(), minFreeSpace, conflictMonitor);
    }
}
