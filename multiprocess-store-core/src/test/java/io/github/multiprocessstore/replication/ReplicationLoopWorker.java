package io.github.multiprocessstore.replication;

import io.github.multiprocessstore.StopLine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A replication process for {@link ReplicationMultiProcessIT}: replicates two stores into each other, over and
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
        AtomicBoolean stop = StopLine.watchStandardInput();
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
