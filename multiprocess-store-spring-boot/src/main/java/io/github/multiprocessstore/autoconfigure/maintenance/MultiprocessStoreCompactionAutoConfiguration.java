package io.github.multiprocessstore.autoconfigure.maintenance;

import io.github.multiprocessstore.StoreRoot;
import io.github.multiprocessstore.autoconfigure.MultiprocessStoreAutoConfiguration;
import io.github.multiprocessstore.autoconfigure.MultiprocessStoreProperties;
import io.github.multiprocessstore.autoconfigure.PropertyChecks;
import io.github.multiprocessstore.compaction.CompactionPolicy;
import io.github.multiprocessstore.compaction.Compactor;
import io.github.multiprocessstore.maintenance.CompactionScheduler;
import io.github.multiprocessstore.maintenance.StoreCompactor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.TaskScheduler;

/**
 * Auto-configuration of compaction: a {@link StoreCompactor} with the policy of
 * {@code multiprocess.store.compaction.*}, always, so that applications can compact from code; and a
 * {@link CompactionScheduler} on the store's maintenance scheduler when
 * {@code multiprocess.store.compaction.enabled=true}. Each backs off when the application defines its own.
 */
@AutoConfiguration(after = MultiprocessStoreAutoConfiguration.class)
@ConditionalOnClass({StoreRoot.class, Compactor.class})
@ConditionalOnBean(StoreRoot.class)
@EnableConfigurationProperties(MultiprocessStoreProperties.class)
public final class MultiprocessStoreCompactionAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    StoreCompactor multiprocessStoreCompactor(StoreRoot storeRoot, MultiprocessStoreProperties properties) {
        MultiprocessStoreProperties.Compaction compaction = properties.getCompaction();
        CompactionPolicy policy = CompactionPolicy.defaults()
                .withKeepRevisions(PropertyChecks.atLeast(
                        compaction.getKeepRevisions(),
                        1,
                        "compaction.keep-revisions",
                        "the winning revision is always kept"))
                .withDeletedObjectRetention(PropertyChecks.notNegative(
                        compaction.getDeletedObjectRetention(), "compaction.deleted-object-retention"))
                .withTrashContentRetention(PropertyChecks.notNegative(
                        compaction.getTrashContentRetention(), "compaction.trash-content-retention"))
                .withDurable(properties.isDurable())
                .withPermissions(PropertyChecks.permissions(properties));
        return new StoreCompactor(storeRoot, policy);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(MultiprocessStoreProperties.PREFIX + ".compaction.enabled")
    CompactionScheduler multiprocessStoreCompactionScheduler(
            StoreCompactor compactor,
            MultiprocessStoreProperties properties,
            @Qualifier(MultiprocessStoreAutoConfiguration.TASK_SCHEDULER_BEAN_NAME) TaskScheduler scheduler) {
        MultiprocessStoreProperties.Compaction compaction = properties.getCompaction();
        return new CompactionScheduler(
                compactor,
                scheduler,
                PropertyChecks.positive(compaction.getInterval(), "compaction.interval"),
                PropertyChecks.notNegative(compaction.getInitialDelay(), "compaction.initial-delay"));
    }
}
