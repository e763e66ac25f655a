package io.github.multiprocessstore.autoconfigure.changes;

import io.github.multiprocessstore.StoreRoot;
import io.github.multiprocessstore.autoconfigure.MultiprocessStoreAutoConfiguration;
import io.github.multiprocessstore.autoconfigure.ObjectStoreBuilderCustomizer;
import io.github.multiprocessstore.changes.events.ChangeEventPublisher;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.TaskScheduler;
import tools.jackson.databind.json.JsonMapper;

/**
 * The change feed in a Spring application: its retention and reconcile interval applied to every collection's
 * store, and (unless {@code multiprocess.store.changes.enabled=false}) every change published as an application
 * event by a {@link ChangeEventPublisher}.
 */
@AutoConfiguration(after = MultiprocessStoreAutoConfiguration.class)
@EnableConfigurationProperties(MultiprocessStoreChangesProperties.class)
public final class MultiprocessStoreChangesAutoConfiguration {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    ObjectStoreBuilderCustomizer multiprocessStoreChangeFeedCustomizer(MultiprocessStoreChangesProperties properties) {
        Duration interval = requirePositive(properties.getReconcileInterval());
        Duration retention = properties.getRetention();
        if (retention == null || retention.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new InvalidConfigurationPropertyValueException(
                    MultiprocessStoreChangesProperties.PREFIX + ".retention",
                    retention,
                    "must be at least 1m (the journal is kept that long)");
        }
        return builder -> builder.changeReconcileInterval(interval).changeRetention(retention);
    }

    @Bean
    @ConditionalOnBean(StoreRoot.class)
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = MultiprocessStoreChangesProperties.PREFIX + ".enabled", matchIfMissing = true)
    ChangeEventPublisher multiprocessStoreChangeEventPublisher(
            StoreRoot root,
            ApplicationEventPublisher publisher,
            ObjectProvider<JsonMapper> jsonMapper,
            @Qualifier(MultiprocessStoreAutoConfiguration.TASK_SCHEDULER_BEAN_NAME) TaskScheduler scheduler,
            MultiprocessStoreChangesProperties properties) {
        return new ChangeEventPublisher(
                root,
                publisher,
                jsonMapper.getIfAvailable(() -> JsonMapper.builder().build()),
                scheduler,
                requirePositive(properties.getReconcileInterval()));
    }

    private static Duration requirePositive(Duration interval) {
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new InvalidConfigurationPropertyValueException(
                    MultiprocessStoreChangesProperties.PREFIX + ".reconcile-interval", interval, "must be positive");
        }
        return interval;
    }
}
