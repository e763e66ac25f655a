package io.github.multiprocessstore.interop;

import io.github.multiprocessstore.ObjectStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The main class of the writer JVMs of {@link IndexesCrossProcessIT}. {@code step <dir>}: for each line
 * {@code set <id> <email>} read, sets the object's email and prints {@code done <id> <email>} once the write has
 * returned. {@code churn <dir> <count> <id>...}: after a {@code GO} line, sets the emails of the ids in turn to
 * {@code churn-0..2} as fast as it can, then prints {@code END}.
 */
public final class IndexWriterWorker {

    private IndexWriterWorker() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try {
            run(out, in, args);
            out.println("DONE");
        } catch (Throwable e) {
            out.println("ERROR " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(PrintStream out, BufferedReader in, String[] args) throws Exception {
        try (ObjectStore store =
                ObjectStore.builder(Path.of(args[1])).durable(false).build()) {
            out.println("READY");
            if (args[0].equals("step")) {
                for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
                    String[] parts = line.split(" ");
                    store.updateObjectAtomically(parts[1], o -> o.put("email", parts[2]));
                    out.println("done " + parts[1] + " " + parts[2]);
                }
            } else {
                if (!"GO".equals(in.readLine())) {
                    throw new IllegalStateException("expected GO");
                }
                int count = Integer.parseInt(args[2]);
                for (int i = 0; i < count; i++) {
                    String id = args[3 + i % (args.length - 3)];
                    String email = "churn-" + (i % 3);
                    store.updateObjectAtomically(id, o -> o.put("email", email));
                }
                out.println("END");
            }
        }
    }
}
