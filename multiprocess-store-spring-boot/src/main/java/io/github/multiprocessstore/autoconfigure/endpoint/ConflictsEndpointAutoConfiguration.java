package io.github.multiprocessstore.autoconfigure.endpoint;

import io.github.multiprocessstore.StoreRoot;
import io.github.multiprocessstore.autoconfigure.MultiprocessStoreAutoConfiguration;
import io.github.multiprocessstore.endpoint.ConflictsEndpoint;
import io.github.multiprocessstore.maintenance.ConflictMonitor;
import io.github.multiprocessstore.resolution.ConflictPolicies;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link ConflictsEndpoint}, when actuator is on the class path and the endpoint is
 * available (exposed, e.g. {@code management.endpoints.web.exposure.include=health,conflicts}, and its access not
 * {@code none}).
 */
@AutoConfiguration(after = MultiprocessStoreAutoConfiguration.class)
@ConditionalOnClass({StoreRoot.class, Endpoint.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnBean({StoreRoot.class, ConflictMonitor.class})
public final class ConflictsEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    ConflictsEndpoint conflictsEndpoint(
            StoreRoot storeRoot, ConflictMonitor conflictMonitor, ObjectProvider<ConflictPolicies> policies) {
        return new ConflictsEndpoint(storeRoot, conflictMonitor, policies.getIfAvailable(ConflictPolicies::reportAll));
    }
}
