package io.github.multiprocessstore.autoconfigure.maintenance;

import io.github.multiprocessstore.StoreRoot;
import io.github.multiprocessstore.autoconfigure.MultiprocessStoreAutoConfiguration;
import io.github.multiprocessstore.autoconfigure.MultiprocessStoreProperties;
import io.github.multiprocessstore.autoconfigure.PropertyChecks;
import io.github.multiprocessstore.autoconfigure.StoreDirectory;
import io.github.multiprocessstore.maintenance.ReplicationScheduler;
import io.github.multiprocessstore.replication.InvalidPeerException;
import io.github.multiprocessstore.replication.ReplicationOptions;
import io.github.multiprocessstore.replication.Replicator;
import io.github.multiprocessstore.replication.RootReplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.scheduling.TaskScheduler;

/**
 * Auto-configuration of the scheduled replication with peer stores, when {@code multiprocess.store.replication.peers}
 * lists at least one directory: a {@link ReplicationScheduler} that runs the core's {@link RootReplication} every
 * {@code multiprocess.store.replication.interval} on the store's maintenance scheduler and can be called from code.
 * Backs off when the application defines its own scheduler.
 */
@AutoConfiguration(after = MultiprocessStoreAutoConfiguration.class)
@ConditionalOnClass({StoreRoot.class, Replicator.class})
@ConditionalOnBean(StoreRoot.class)
@Conditional(OnReplicationPeersCondition.class)
@EnableConfigurationProperties(MultiprocessStoreProperties.class)
public final class MultiprocessStoreReplicationAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ReplicationScheduler multiprocessStoreReplicationScheduler(
            StoreRoot storeRoot,
            MultiprocessStoreProperties properties,
            @Qualifier(MultiprocessStoreAutoConfiguration.TASK_SCHEDULER_BEAN_NAME) TaskScheduler scheduler) {
        MultiprocessStoreProperties.Replication replication = properties.getReplication();
        List<Path> configured = replication.getPeers();
        List<Path> peers = new ArrayList<>();
        for (int i = 0; i < configured.size(); i++) {
            peers.add(StoreDirectory.resolve(PropertyChecks.present(configured.get(i), peer(i))));
        }
        RootReplication rootReplication;
        try {
            rootReplication = RootReplication.of(
                    storeRoot,
                    peers,
                    PropertyChecks.present(replication.getDirection(), "replication.direction"),
                    ReplicationOptions.defaults()
                            .withDurable(properties.isDurable())
                            .withPermissions(PropertyChecks.permissions(properties)));
        } catch (InvalidPeerException e) {
            // The message says all the core found, in the application's terms; the core's exception adds nothing.
            throw new IllegalArgumentException(describe(e, storeRoot.path()));
        }
        return new ReplicationScheduler(
                rootReplication,
                scheduler,
                PropertyChecks.positive(replication.getInterval(), "replication.interval"),
                PropertyChecks.notNegative(replication.getInitialDelay(), "replication.initial-delay"));
    }

    private static String peer(int index) {
        return "replication.peers[" + index + "]";
    }

    /** The core checked the peer; this names the properties involved. */
    private static String describe(InvalidPeerException e, Path root) {
        String property = "'" + PropertyChecks.property(peer(e.index())) + "' (" + e.peer() + ")";
        return switch (e.problem()) {
            case OVERLAPS_ROOT ->
                property + " overlaps the store's root, '" + PropertyChecks.property("path") + "' (" + root
                        + "); a peer must be a separate directory tree, e.g. a shared mount";
            case REPEATED -> property + " is listed twice";
            case RELATIVE -> property + " must be an absolute path";
        };
    }
}
