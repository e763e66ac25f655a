package io.github.multiprocessstore;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures what the store logs (it uses {@link System.Logger}, which the JDK routes to java.util.logging) while
 * open, to prove that bad data is skipped <em>with a log line</em> rather than silently.
 */
final class LogCapture implements AutoCloseable {

    private final Logger logger = Logger.getLogger("io.github.multiprocessstore");
    private final SimpleFormatter formatter = new SimpleFormatter();
    private final List<String> warnings = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                String message = formatter.formatMessage(record);
                synchronized (warnings) {
                    warnings.add(message);
                }
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    LogCapture() {
        logger.addHandler(handler);
    }

    /** The warnings (and worse) logged so far, formatted with their parameters. */
    List<String> warnings() {
        synchronized (warnings) {
            return List.copyOf(warnings);
        }
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
