package io.github.multiprocessstore.actuate.health;

import io.github.multiprocessstore.StoreRoot;
import io.github.multiprocessstore.autoconfigure.MultiprocessStoreAutoConfiguration;
import io.github.multiprocessstore.autoconfigure.MultiprocessStoreProperties;
import io.github.multiprocessstore.spring.ConflictMonitor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

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
        return new MultiprocessStoreHealthIndicator(
                storeRoot.path(), properties.getHealth().getMinFreeSpace(), conflictMonitor);
    }
}
