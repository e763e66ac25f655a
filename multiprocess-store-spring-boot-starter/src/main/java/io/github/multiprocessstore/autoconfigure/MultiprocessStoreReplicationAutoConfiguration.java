package io.github.multiprocessstore.autoconfigure;

import io.github.multiprocessstore.StoreRoot;
import io.github.multiprocessstore.maintenance.ReplicationScheduler;
import io.github.multiprocessstore.replication.ReplicationOptions;
import io.github.multiprocessstore.replication.Replicator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Auto-configuration of the scheduled replication with peer stores, when {@code multiprocess.store.replication.peers}
 * lists at least one directory: a {@link ReplicationScheduler} that runs every
 * {@code multiprocess.store.replication.interval} and can be called from code. Backs off when the application
 * defines its own scheduler.
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
            StoreRoot storeRoot, MultiprocessStoreProperties properties) {
        MultiprocessStoreProperties.Replication replication = properties.getReplication();
        List<Path> peers = resolvePeers(replication.getPeers(), storeRoot.path());
        return new ReplicationScheduler(
                storeRoot,
                peers,
                replication.getDirection(),
                replication.getInterval(),
                replication.getInitialDelay(),
                ReplicationOptions.defaults().withDurable(properties.isDurable()));
    }

    /**
     * Expands '~' and rejects peers that can never work, naming the property: a peer overlapping the store's root
     * would make one root a collection of the other, replicated into itself.
     */
    private static List<Path> resolvePeers(List<Path> configured, Path root) {
        List<Path> peers = new ArrayList<>();
        for (int i = 0; i < configured.size(); i++) {
            Path peer = StoreDirectory.resolve(configured.get(i));
            String property = "'" + OnReplicationPeersCondition.PROPERTY + "[" + i + "]' (" + peer + ")";
            if (peer.startsWith(root) || root.startsWith(peer)) {
                throw new IllegalArgumentException(property + " overlaps the store's root, '"
                        + MultiprocessStoreProperties.PREFIX + ".path' (" + root + "); a peer must be a separate "
                        + "directory tree, e.g. a shared mount");
            }
            if (peers.contains(peer)) {
                throw new IllegalArgumentException(property + " is listed twice");
            }
            peers.add(peer);
        }
        return peers;
    }
}
