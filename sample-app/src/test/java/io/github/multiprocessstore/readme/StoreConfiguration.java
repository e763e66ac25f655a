package io.github.multiprocessstore.readme;

import io.github.multiprocessstore.autoconfigure.ObjectStoreBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class StoreConfiguration {

    @Bean
    ObjectStoreBuilderCustomizer storeOptions() {
        return builder -> builder.readCacheBytes(64L << 20).historyLimit(100);
    }
}
