package io.github.multiprocessstore.autoconfigure.endpoint;

import io.github.multiprocessstore.autoconfigure.maintenance.MultiprocessStoreReplicationAutoConfiguration;
import io.github.multiprocessstore.endpoint.ReplicationEndpoint;
import io.github.multiprocessstore.maintenance.ReplicationScheduler;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link ReplicationEndpoint}, when actuator is on the class path, replication is
 * configured (there is a {@link ReplicationScheduler}) and the endpoint is available (exposed, e.g.
 * {@code management.endpoints.web.exposure.include=health,replication}, and its access not {@code none}).
 */
@AutoConfiguration(after = MultiprocessStoreReplicationAutoConfiguration.class)
@ConditionalOnClass({ReplicationScheduler.class, Endpoint.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnBean(ReplicationScheduler.class)
public final class ReplicationEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    ReplicationEndpoint replicationEndpoint(ReplicationScheduler replicationScheduler) {
        return new ReplicationEndpoint(replicationScheduler);
    }
}
