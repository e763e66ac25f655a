package io.github.multiprocessstore;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures the warnings the core logs (through {@link System.Logger}, routed by the JDK to java.util.logging) while
 * open, and keeps them off the console meanwhile: a test that provokes a failure on purpose asserts the log line
 * the failure must leave instead of printing it, stack trace included, into the output of a green build.
 */
public final class CoreLogCapture implements AutoCloseable {

    private final Logger logger = Logger.getLogger("io.github.multiprocessstore");
    private final boolean usedParentHandlers;
    private final SimpleFormatter formatter = new SimpleFormatter();
    private final List<String> warnings = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                synchronized (warnings) {
                    warnings.add(formatter.formatMessage(record));
                }
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    /** Starts capturing. */
    public CoreLogCapture() {
        usedParentHandlers = logger.getUseParentHandlers();
        logger.addHandler(handler);
        logger.setUseParentHandlers(false);
    }

    /** The warnings (and worse) logged so far, formatted with their parameters. */
    public List<String> warnings() {
        synchronized (warnings) {
            return List.copyOf(warnings);
        }
    }

    @Override
    public void close() {
        logger.setUseParentHandlers(usedParentHandlers);
        logger.removeHandler(handler);
    }
}
