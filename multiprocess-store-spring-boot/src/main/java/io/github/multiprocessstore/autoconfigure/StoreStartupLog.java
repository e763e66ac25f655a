package io.github.multiprocessstore.autoconfigure;

import io.github.multiprocessstore.StoreRoot;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Logs, once every singleton exists (so the repositories have opened their collections), where the store is and
 * which collections it holds: the first thing to check when an application does not see the objects it expects.
 */
final class StoreStartupLog implements SmartInitializingSingleton {

    private static final Log logger = LogFactory.getLog(StoreStartupLog.class);

    private final StoreRoot root;

    StoreStartupLog(StoreRoot root) {
        this.root = root;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (logger.isInfoEnabled()) {
            logger.info(message(root));
        }
    }

    static String message(StoreRoot root) {
        return "Multiprocess store at " + root.path() + " with collections " + root.collectionNames();
    }
}
