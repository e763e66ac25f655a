package io.github.multiprocessstore.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the store's Spring Data repositories, bound from {@code multiprocess.store.repositories.*}.
 */
@ConfigurationProperties(prefix = MultiprocessStoreRepositoriesProperties.PREFIX)
public class MultiprocessStoreRepositoriesProperties {

    /** The prefix of the repositories' properties. */
    public static final String PREFIX = "multiprocess.store.repositories";

    /**
     * Whether interfaces extending ObjectRepository in the application's packages are implemented and registered
     * as beans (as @EnableMultiprocessStoreRepositories does).
     */
    private boolean enabled = true;

    /**
     * Whether findAll, queries and streams skip stored objects that cannot be mapped to their type, with a logged
     * warning and a count in the metric multiprocess.store.unmappable.skipped, instead of failing with an
     * UnmappableObjectException naming the collection, id and revision. Lookups by id always fail.
     */
    private boolean skipUnmappable = false;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isSkipUnmappable() {
        return skipUnmappable;
    }

    public void setSkipUnmappable(boolean skipUnmappable) {
        this.skipUnmappable = skipUnmappable;
    }
}
