package io.github.multiprocessstore.autoconfigure;

import io.github.multiprocessstore.StoreException;
import io.github.multiprocessstore.StoreRoot;
import io.github.multiprocessstore.spring.ConflictMonitor;
import io.github.multiprocessstore.spring.ObjectRepositoryFactory;
import io.github.multiprocessstore.spring.RepositoryOperationListener;
import java.nio.file.Path;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.json.JsonMapper;

/**
 * Auto-configuration of the multiprocess store: a {@link StoreRoot} at {@code multiprocess.store.path}, the
 * {@link ObjectRepositoryFactory}, one {@code ObjectRepository<T>} per {@code @StoredObject} class in the
 * application's packages, and the {@link ConflictMonitor} read by health, endpoint and metrics. Every bean backs
 * off when the application defines its own. Objects are mapped with the application's Jackson {@link JsonMapper}
 * when there is one.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnClass(StoreRoot.class)
@EnableConfigurationProperties(MultiprocessStoreProperties.class)
@Import(StoredObjectRepositoriesRegistrar.class)
public final class MultiprocessStoreAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    StoreRoot multiprocessStoreRoot(MultiprocessStoreProperties properties, ObjectProvider<JsonMapper> jsonMapper) {
        Path path = StoreDirectory.prepare(properties.getPath());
        JsonMapper mapper = jsonMapper.getIfAvailable(() -> JsonMapper.builder().build());
        try {
            return StoreRoot.open(
                    path,
                    builder -> builder.durable(properties.isDurable())
                            .tempFileGracePeriod(properties.getTempFileGracePeriod())
                            .historyLimit(properties.getHistoryLimit())
                            .keepListings(properties.isKeepListings())
                            .jsonMapper(mapper));
        } catch (StoreException e) {
            throw new InvalidStorePathException(
                    path,
                    "it cannot be opened as a store: " + e.getMessage(),
                    "Check the permissions and free space of " + path + ", or set '"
                            + MultiprocessStoreProperties.PREFIX + ".path' to another directory.",
                    e);
        }
    }

    @Bean
    @ConditionalOnMissingBean
    ObjectRepositoryFactory objectRepositoryFactory(
            StoreRoot storeRoot,
            ObjectProvider<JsonMapper> jsonMapper,
            ObjectProvider<RepositoryOperationListener> listeners) {
        JsonMapper mapper = jsonMapper.getIfAvailable(() -> JsonMapper.builder().build());
        return new ObjectRepositoryFactory(
                storeRoot, mapper, combine(listeners.orderedStream().toList()));
    }

    @Bean
    @ConditionalOnMissingBean
    ConflictMonitor multiprocessStoreConflictMonitor(StoreRoot storeRoot, MultiprocessStoreProperties properties) {
        return new ConflictMonitor(storeRoot, properties.getConflictScanInterval());
    }

    private static RepositoryOperationListener combine(List<RepositoryOperationListener> listeners) {
        if (listeners.isEmpty()) {
            return RepositoryOperationListener.NONE;
        }
        if (listeners.size() == 1) {
            return listeners.get(0);
        }
        return (collection, operation, duration, failure) ->
                listeners.forEach(listener -> listener.operationCompleted(collection, operation, duration, failure));
    }
}
