package io.github.multiprocessstore.cli.progress;

import io.github.multiprocessstore.ProgressListener;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A progress bar on one terminal line of stderr: objects done of the total, the rate and the time left, redrawn at
 * most ten times a second from the threads that report progress (no thread of its own), and erased when the run
 * ends so that what the command prints afterwards starts on a clean line. {@link #forStderr()} gives one only when
 * stderr is a {@linkplain Terminal terminal}; otherwise a listener that prints nothing.
 */
public final class ProgressBar implements ProgressListener, AutoCloseable {

    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final String label;
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong lastDrawn = new AtomicLong();
    private volatile long startNanos = System.nanoTime();
    private boolean drawn;

    ProgressBar(PrintStream out, String label) {
        this.out = out;
        this.label = label;
    }

    /**
     * A bar on stderr if it is a terminal, else a listener that does nothing.
     *
     * @param label what is being done, e.g. {@code "verify"}
     * @return the listener; close it when the run ends
     */
    public static Progress forStderr(String label) {
        if (Terminal.stderrIsTerminal()) {
            ProgressBar bar = new ProgressBar(System.err, label);
            return new Progress(bar, bar::close);
        }
        return new Progress(ProgressListener.NONE, () -> {});
    }

    /** A listener with the step that ends it (erases the bar). */
    public record Progress(ProgressListener listener, Runnable finish) implements AutoCloseable {
        @Override
        public void close() {
            finish.run();
        }
    }

    @Override
    public void started(long objects) {
        total.set(objects);
        done.set(0);
        startNanos = System.nanoTime();
        draw(System.nanoTime());
    }

    @Override
    public void objectDone() {
        long count = done.incrementAndGet();
        long now = System.nanoTime();
        long last = lastDrawn.get();
        if ((now - last >= REDRAW_NANOS || count == total.get()) && lastDrawn.compareAndSet(last, now)) {
            draw(now);
        }
    }

    private synchronized void draw(long now) {
        long all = Math.max(total.get(), done.get());
        long count = done.get();
        double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
        double rate = count / seconds;
        int filled = all == 0 ? WIDTH : (int) (WIDTH * count / all);
        String left = rate <= 0 || count == 0 ? "--" : formatSeconds((all - count) / rate);
        String line = String.format(
                Locale.ROOT,
                "%s [%s%s] %3d%% %,d/%,d objects  %,.0f/s  %s left",
                label,
                "#".repeat(filled),
                ".".repeat(WIDTH - filled),
                all == 0 ? 100 : (int) (100 * count / all),
                count,
                all,
                rate,
                left);
        out.print("\r" + line + "\033[K");
        out.flush();
        drawn = true;
    }

    private static String formatSeconds(double seconds) {
        long s = Math.round(Math.ceil(seconds));
        return s >= 3600
                ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }

    /** Draws the final state, then erases the line. */
    @Override
    public synchronized void close() {
        if (drawn) {
            draw(System.nanoTime());
            out.print("\r\033[K");
            out.flush();
        }
    }
}
