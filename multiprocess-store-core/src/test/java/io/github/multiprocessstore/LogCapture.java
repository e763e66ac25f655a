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
 * open, to prove that bad data is skipped <em>with a log line</em> rather than silently. While open, the store's
 * log lines go only here, not to the console: a test that breaks files on purpose asserts the warning it causes
 * instead of printing it (with its stack trace) into the output of a green build.
 */
public final class LogCapture implements AutoCloseable {

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

    private final boolean usedParentHandlers;

    public LogCapture() {
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
