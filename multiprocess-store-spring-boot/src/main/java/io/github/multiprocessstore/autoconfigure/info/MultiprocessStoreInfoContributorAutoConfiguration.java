package io.github.multiprocessstore.autoconfigure.info;

import io.github.multiprocessstore.StoreRoot;
import io.github.multiprocessstore.autoconfigure.MultiprocessStoreAutoConfiguration;
import io.github.multiprocessstore.info.MultiprocessStoreInfoContributor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.springframework.boot.actuate.autoconfigure.info.ConditionalOnEnabledInfoContributor;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the store's {@code /actuator/info} contribution, when actuator is on the class path and
 * {@code management.info.multiprocessstore.enabled} is not false.
 */
@AutoConfiguration(after = MultiprocessStoreAutoConfiguration.class)
@ConditionalOnClass({StoreRoot.class, InfoContributor.class, ConditionalOnEnabledInfoContributor.class})
@ConditionalOnBean(StoreRoot.class)
@ConditionalOnEnabledInfoContributor("multiprocessstore")
public final class MultiprocessStoreInfoContributorAutoConfiguration {

    /** Written by the build (resource filtering), so the version is right whether or not the classes are in a jar. */
    static final String VERSION_RESOURCE = "/META-INF/multiprocess-store-version.properties";

    @Bean
    @ConditionalOnMissingBean
    MultiprocessStoreInfoContributor multiprocessStoreInfoContributor(StoreRoot storeRoot) {
        return new MultiprocessStoreInfoContributor(storeRoot, engineVersion());
    }

    static String engineVersion() {
        try (InputStream in =
                MultiprocessStoreInfoContributorAutoConfiguration.class.getResourceAsStream(VERSION_RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + VERSION_RESOURCE, e);
        }
    }
}
