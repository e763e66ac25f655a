package io.github.multiprocessstore.benchmarks;

import io.github.multiprocessstore.benchmarks.harness.Commands;
import java.util.Arrays;
import java.util.List;

/**
 * The entry point of {@code benchmarks.jar}: the multi-process benchmark of issue 6 ({@code run}, the default), the
 * long million-object run ({@code scale}), the JMH microbenchmarks ({@code jmh}), the cost of each file-system step
 * ({@code steps}) and re-rendering the tables of an earlier run ({@code summarize}). See
 * {@code benchmarks/README.md}.
 */
public final class Harness {

    private Harness() {}

    /**
     * Runs a command.
     *
     * @param args the command ({@code run}, {@code scale}, {@code jmh}, {@code steps}, {@code summarize}; default
     *             {@code run}) and its options
     * @throws Exception from JMH
     */
    public static void main(String[] args) throws Exception {
        List<String> all = Arrays.asList(args);
        String command = all.isEmpty() || all.get(0).startsWith("--") ? "run" : all.get(0);
        List<String> rest = all.isEmpty() || all.get(0).startsWith("--") ? all : all.subList(1, all.size());
        try {
            Commands.run(command, rest);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(Commands.USAGE);
            System.exit(2);
        }
    }
}
