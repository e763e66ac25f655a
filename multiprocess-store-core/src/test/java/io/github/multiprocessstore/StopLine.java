package io.github.multiprocessstore;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * For worker processes that loop until their test tells them to stop: the test sends one line to the worker's
 * standard input ({@link ChildJvm#send}), or closes it.
 */
public final class StopLine {

    private StopLine() {}

    /**
     * Starts watching standard input.
     *
     * @return becomes true once a line arrives or the input closes
     */
    public static AtomicBoolean watchStandardInput() {
        AtomicBoolean stop = new AtomicBoolean();
        Thread stopper = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                in.readLine();
            } catch (IOException e) {
                // a closed input means stop too
            }
            stop.set(true);
        });
        stopper.setDaemon(true);
        stopper.start();
        return stop;
    }
}
