package io.github.multiprocessstore.autoconfigure.changes;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The change feed, bound from {@code multiprocess.store.changes.*}. */
@ConfigurationProperties(prefix = MultiprocessStoreChangesProperties.PREFIX)
public class MultiprocessStoreChangesProperties {

    /** The prefix of the change feed's properties. */
    public static final String PREFIX = "multiprocess.store.changes";

    /**
     * Whether every change of every collection, by any process, is published as a StoreChangeEvent (and a
     * StoreConflictEvent when a conflict appears). The journal is written either way, for other processes' feeds.
     */
    private boolean enabled = true;

    /**
     * How often the feed looks for writes nobody journaled (the npm package, rsync, a writer killed between
     * publishing and journaling): one stat per object directory. Also how often new collections are looked for.
     */
    private Duration reconcileInterval = Duration.ofSeconds(5);

    /**
     * How long the change journal keeps its segments; a position older than this gets a reset (every live object
     * once) instead of the changes since it. At least one minute.
     */
    private Duration retention = Duration.ofDays(1);

    /** @return whether changes are published as application events */
    public boolean isEnabled() {
        return enabled;
    }

    /** @param enabled whether changes are published as application events */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** @return how often writes nobody journaled are looked for */
    public Duration getReconcileInterval() {
        return reconcileInterval;
    }

    /** @param reconcileInterval how often writes nobody journaled are looked for */
    public void setReconcileInterval(Duration reconcileInterval) {
        this.reconcileInterval = reconcileInterval;
    }

    /** @return how long journal segments are kept */
    public Duration getRetention() {
        return retention;
    }

    /** @param retention how long journal segments are kept */
    public void setRetention(Duration retention) {
        this.retention = retention;
    }
}
