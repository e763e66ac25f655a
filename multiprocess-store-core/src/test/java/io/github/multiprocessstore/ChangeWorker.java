package io.github.multiprocessstore;

import io.github.multiprocessstore.changes.ChangeToken;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * The main class of the child JVMs of {@link ChangeFeedMultiProcessIT}.
 *
 * <ul>
 *   <li>{@code write <store> <worker> <count> <journal:true|false> <id>...}: after {@code GO}, {@code count}
 *       atomic updates spread over the ids, printing {@code W <id> <rev>} for each, then {@code DONE}.
 *   <li>{@code subscribe <store> <worker> <token file>}: subscribes from the token stored in the file ({@code 0}
 *       if there is none), prints {@code C <id> <rev> <kind>} for each change and {@code RESET} for a reset, and
 *       stores each change's token in the file (written aside, then renamed) after printing it; runs until it reads
 *       {@code STOP}, then prints {@code DONE}.
 * </ul>
 */
public final class ChangeWorker {

    private ChangeWorker() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String command = args[0];
        Path storeDir = Path.of(args[1]);
        try {
            switch (command) {
                case "write" -> write(out, in, storeDir, args);
                case "subscribe" -> subscribe(out, in, storeDir, Path.of(args[3]));
                default -> throw new IllegalArgumentException("unknown command " + command);
            }
            out.println("DONE");
        } catch (Throwable e) {
            out.println("ERROR " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void write(PrintStream out, BufferedReader in, Path storeDir, String[] args) throws Exception {
        int count = Integer.parseInt(args[3]);
        boolean journal = Boolean.parseBoolean(args[4]);
        try (ObjectStore store = ObjectStore.builder(storeDir)
                .durable(false)
                .changeJournal(journal)
                .build()) {
            out.println("READY");
            if (!"GO".equals(in.readLine())) {
                throw new IllegalStateException("expected GO");
            }
            for (int i = 0; i < count; i++) {
                String id = args[5 + i % (args.length - 5)];
                String rev = store.updateObjectAtomically(
                                id, o -> o.put("n", o.path("n").asInt() + 1))
                        .get("_rev")
                        .asString();
                out.println("W " + id + " " + rev);
            }
        }
    }

    private static void subscribe(PrintStream out, BufferedReader in, Path storeDir, Path tokenFile) throws Exception {
        ChangeToken since = Files.exists(tokenFile)
                ? ChangeToken.parse(Files.readString(tokenFile).trim())
                : ChangeToken.BEGINNING;
        Path aside = tokenFile.resolveSibling(tokenFile.getFileName() + ".new");
        try (ObjectStore store = ObjectStore.builder(storeDir)
                        .durable(false)
                        .changeReconcileInterval(Duration.ofMillis(500))
                        .build();
                var subscription = store.subscribe(since, new io.github.multiprocessstore.changes.ChangeListener() {
                    @Override
                    public void onChange(io.github.multiprocessstore.changes.Change change) {
                        out.println("C " + change.id() + " " + change.revision() + " "
                                + change.kind().jsonName());
                        try {
                            Files.writeString(aside, change.token().toString());
                            Files.move(aside, tokenFile, StandardCopyOption.ATOMIC_MOVE);
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }

                    @Override
                    public void onReset(ChangeToken token) {
                        out.println("RESET");
                    }
                })) {
            out.println("READY");
            for (String line = in.readLine(); line != null && !line.equals("STOP"); line = in.readLine()) {
                // waits; the subscription prints from its own thread
            }
        }
    }
}
