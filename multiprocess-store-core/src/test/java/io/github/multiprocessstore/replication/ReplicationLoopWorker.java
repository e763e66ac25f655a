package io.github.multiprocessstore.replication;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A replication process for {@link ReplicationMultiProcessTest}: replicates two stores into each other, over and
 * over, until a line arrives on its standard input; prints {@code ROUNDS <n>} and {@code DONE}.
 *
 * <p>Arguments: {@code <store A> <store B>}.
 */
public final class ReplicationLoopWorker {

    private ReplicationLoopWorker() {}

    /**
     * Runs the loop.
     *
     * @param args see the class comment
     * @throws IOException if standard input fails
     */
    public static void main(String[] args) throws IOException {
        Path a = Path.of(args[0]);
        Path b = Path.of(args[1]);
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
        ReplicationOptions options = ReplicationOptions.defaults().withDurable(false);
        int rounds = 0;
        while (!stop.get()) {
            Replicator.replicate(a, b, options);
            Replicator.replicate(b, a, options);
            rounds++;
        }
        System.out.println("ROUNDS " + rounds);
        System.out.println("DONE");
    }
}
