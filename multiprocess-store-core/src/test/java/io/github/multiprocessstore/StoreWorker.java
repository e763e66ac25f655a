package io.github.multiprocessstore;

import io.github.multiprocessstore.internal.format.AlphanumComparator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The main class of the child JVMs of {@link MultiProcessIT} (and of the home-directory test): opens a store,
 * prints {@code READY}, waits for {@code GO} on standard input so that all children start together, does one kind
 * of work, prints its results as lines and {@code DONE}. Unexpected errors print {@code ERROR} and exit with 1.
 *
 * <p>Usage: {@code StoreWorker <command> <store dir> <worker number> <command arguments...>}.
 */
public final class StoreWorker {

    private static final Pattern REVISION_NAME = DiskLayout.REVISION_NAME;
    private static final int MAX_REPORTED_PROBLEMS = 30;

    private final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    private final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    private final ObjectStore store;
    private final Path storeDir;
    private final int worker;

    private StoreWorker(ObjectStore store, Path storeDir, int worker) {
        this.store = store;
        this.storeDir = storeDir;
        this.worker = worker;
    }

    public static void main(String[] args) throws Exception {
        String command = args[0];
        if (command.equals("home")) {
            home(args[1]);
            return;
        }
        Path storeDir = Path.of(args[1]);
        StoreWorker self = new StoreWorker(ObjectStore.open(storeDir), storeDir, Integer.parseInt(args[2]));
        String[] rest = Arrays.copyOfRange(args, 3, args.length);
        try {
            self.out.println("READY");
            self.awaitGo();
            switch (command) {
                case "update-same-base" -> self.updateSameBase(rest);
                case "increment" -> self.increment(rest);
                case "atomic-increment" -> self.atomicIncrement(rest);
                case "create-race" -> self.createRace(rest);
                case "upsert-fields" -> self.upsertFields(rest);
                case "write-large" -> self.writeLarge(rest);
                case "read-verify" -> self.readVerify(rest);
                default -> throw new IllegalArgumentException("unknown command " + command);
            }
            self.out.println("DONE");
        } catch (Throwable e) {
            self.out.println("ERROR " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    /** Opens a store on {@code ~/<name>} (the child runs with its own {@code user.home}) and writes one object. */
    private static void home(String name) {
        ObjectStore store = ObjectStore.open(Path.of("~/" + name));
        store.createObject(TestJson.object("in-home", "where", "home"));
        System.out.println("PATH " + store.path());
        System.out.println("DONE");
    }

    private void awaitGo() throws IOException {
        String line = in.readLine();
        if (!"GO".equals(line)) {
            throw new IllegalStateException("expected GO, got " + line);
        }
    }

    /**
     * Args: M, shared id, its base revision, chain id, the chain's first revision. M times: an update of the shared
     * object from the same base revision, and an update of the chain object from this worker's previous result.
     */
    private void updateSameBase(String[] args) {
        int m = Integer.parseInt(args[0]);
        String sharedId = args[1];
        String baseRevision = args[2];
        String chainId = args[3];
        String chainRevision = args[4];
        for (int i = 0; i < m; i++) {
            ObjectNode shared = TestJson.object(sharedId, "worker", worker, "seq", i);
            shared.put("_rev", baseRevision);
            out.println("SHARED " + store.updateObject(shared).get("_rev").asString());
            ObjectNode chain = TestJson.object(chainId, "worker", worker, "seq", i);
            chain.put("_rev", chainRevision);
            chainRevision = store.updateObject(chain).get("_rev").asString();
            out.println("CHAIN " + chainRevision);
        }
    }

    /** Args: M, counter id. M increments of the counter's {@code value} with the strict update, retrying on stale. */
    private void increment(String[] args) {
        int m = Integer.parseInt(args[0]);
        String id = args[1];
        int retries = 0;
        for (int done = 0; done < m; ) {
            ObjectNode counter = store.getObject(id);
            counter.put("value", counter.get("value").asInt() + 1);
            try {
                store.updateObjectIfCurrent(counter);
                done++;
            } catch (StaleRevisionException e) {
                retries++;
            }
        }
        out.println("INCREMENTED " + m);
        out.println("RETRIES " + retries);
    }

    /**
     * Args: M, counter id, history limit. M increments of the counter's {@code value} with the atomic update, on a
     * store bounding each object's history to the limit.
     */
    private void atomicIncrement(String[] args) {
        int m = Integer.parseInt(args[0]);
        String id = args[1];
        ObjectStore bounded = ObjectStore.builder(storeDir)
                .historyLimit(Integer.parseInt(args[2]))
                .build();
        for (int i = 0; i < m; i++) {
            bounded.updateObjectAtomically(
                    id, counter -> counter.put("value", counter.get("value").asInt() + 1));
        }
        out.println("INCREMENTED " + m);
    }

    /** Args: M, id. M upserts of the object, each adding a field of its own ({@code w<worker>-<i>}). */
    private void upsertFields(String[] args) {
        int m = Integer.parseInt(args[0]);
        String id = args[1];
        for (int i = 0; i < m; i++) {
            store.upsertObject(TestJson.object(id, "w" + worker + "-" + i, i));
        }
        out.println("UPSERTED " + m);
    }

    /**
     * Args: comma-separated ids, a barrier directory, the number of workers. Tries to create each id, all workers
     * starting on the same id together (a file barrier per id), and prints WON or LOST per id.
     */
    private void createRace(String[] args) throws IOException {
        List<String> ids = List.of(args[0].split(","));
        Path barrier = Path.of(args[1]);
        int workers = Integer.parseInt(args[2]);
        for (int round = 0; round < ids.size(); round++) {
            awaitEveryWorker(barrier, round, workers);
            String id = ids.get(round);
            try {
                store.createObject(largeBody(id, worker, 0, 4096));
                out.println("WON " + id);
            } catch (ObjectAlreadyExistsException e) {
                out.println("LOST " + id);
            }
        }
    }

    /** A barrier across processes: marks this worker as arrived at {@code round}, then waits for all others. */
    private void awaitEveryWorker(Path barrier, int round, int workers) throws IOException {
        Files.createFile(barrier.resolve(round + "-" + worker));
        for (int w = 0; w < workers; w++) {
            Path arrived = barrier.resolve(round + "-" + w);
            while (!Files.exists(arrived)) {
                // Another process must arrive: give it the CPU (2 cores, 4 children) rather than spin.
                LockSupport.parkNanos(20_000);
            }
        }
    }

    /**
     * Args: number of updates, comma-separated existing ids, comma-separated ids to create, body size. Updates the
     * existing objects round-robin with new large bodies (each carrying its checksum) and now and then creates one
     * of the new ids.
     */
    private void writeLarge(String[] args) {
        int updates = Integer.parseInt(args[0]);
        List<String> existing = List.of(args[1].split(","));
        List<String> toCreate = List.of(args[2].split(","));
        int size = Integer.parseInt(args[3]);
        int created = 0;
        int createEvery = Math.max(1, updates / Math.max(1, toCreate.size()));
        for (int i = 0; i < updates; i++) {
            String id = existing.get((i + worker) % existing.size());
            ObjectNode body = largeBody(id, worker, i, size);
            body.put("_rev", store.getObject(id).get("_rev").asString());
            store.updateObject(body);
            if (i % createEvery == 0 && created < toCreate.size()) {
                String newId = toCreate.get(created++);
                store.createObject(largeBody(newId, worker, i, size));
            }
        }
        while (created < toCreate.size()) {
            String newId = toCreate.get(created++);
            store.createObject(largeBody(newId, worker, -1, size));
        }
        out.println("WROTE " + updates);
        out.println("CREATED " + created);
    }

    /**
     * Args: comma-separated ids that exist before the start, comma-separated ids being created meanwhile. Reads
     * until STOP arrives on standard input, checking that every object read is whole: get of the existing ids,
     * find of the new ones (absent or whole, and never absent again once seen), full streams, count. Prints
     * every problem (up to a limit) and their number.
     */
    private void readVerify(String[] args) throws InterruptedException {
        List<String> existing = List.of(args[0].split(","));
        List<String> beingCreated = List.of(args[1].split(","));
        AtomicInteger warnings = new AtomicInteger();
        List<String> problems = new ArrayList<>();
        SimpleFormatter formatter = new SimpleFormatter();
        Logger.getLogger("").addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.incrementAndGet();
                    synchronized (problems) {
                        problems.add("logged " + record.getLevel() + " " + formatter.formatMessage(record));
                    }
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        });
        Thread stopper = new Thread(
                () -> {
                    try {
                        while (!"STOP".equals(in.readLine())) {
                            // wait for STOP
                        }
                    } catch (IOException e) {
                        // the parent is gone: stop too
                    }
                },
                "await-stop");
        stopper.setDaemon(true);
        stopper.start();

        Set<String> seenCreated = new HashSet<>();
        long reads = 0;
        long absentReads = 0;
        long streams = 0;
        do {
            for (String id : existing) {
                try {
                    checkWhole(store.getObject(id), id, problems);
                } catch (RuntimeException e) {
                    problem(problems, "getObject(" + id + ") of an existing object failed: " + e);
                }
                reads++;
            }
            for (String id : existing) {
                readRawLikeTheOriginal(id, false, problems);
            }
            for (String id : beingCreated) {
                readRawLikeTheOriginal(id, true, problems);
                try {
                    Optional<ObjectNode> found = store.findObject(id);
                    if (found.isPresent()) {
                        checkWhole(found.get(), id, problems);
                        seenCreated.add(id);
                    } else if (seenCreated.contains(id)) {
                        problem(problems, "findObject(" + id + ") was empty after the object had been seen");
                    } else {
                        absentReads++;
                    }
                } catch (RuntimeException e) {
                    problem(problems, "findObject(" + id + ") of an object being created failed: " + e);
                }
                reads++;
            }
            Set<String> mustSee = new HashSet<>(existing);
            mustSee.addAll(seenCreated);
            Set<String> streamed = new HashSet<>();
            try (Stream<ObjectNode> all = store.streamObjects()) {
                all.forEach(object -> {
                    String id = object.path("_id").asString("");
                    streamed.add(id);
                    checkWhole(object, id, problems);
                });
                Set<String> missing = new HashSet<>(mustSee);
                missing.removeAll(streamed);
                if (!missing.isEmpty()) {
                    problem(problems, "streamObjects missed " + missing);
                }
            } catch (RuntimeException e) {
                problem(problems, "streamObjects failed: " + e);
            }
            try {
                long count = store.count();
                if (count < mustSee.size()) {
                    problem(problems, "count() " + count + " < " + mustSee.size() + " objects known to exist");
                }
            } catch (RuntimeException e) {
                problem(problems, "count failed: " + e);
            }
            streams++;
        } while (stopper.isAlive());
        out.println("READS " + reads);
        out.println("ABSENT " + absentReads);
        out.println("STREAMS " + streams);
        out.println("WARNINGS " + warnings.get());
        synchronized (problems) {
            problems.stream().limit(MAX_REPORTED_PROBLEMS).forEach(p -> out.println("PROBLEM " + p));
            out.println("PROBLEMS " + problems.size());
        }
    }

    /**
     * Reads an object the way the original npm package does, with no retry: list the object directory, take the
     * last name in alphanum order, read that file and parse it. Sees any partial file or empty directory that a
     * non-atomic write would expose to Node.js readers.
     */
    private void readRawLikeTheOriginal(String id, boolean mayBeAbsent, List<String> problems) {
        Path directory = storeDir.resolve(id);
        List<String> names;
        try (Stream<Path> entries = Files.list(directory)) {
            names = entries.map(p -> p.getFileName().toString()).toList();
        } catch (NoSuchFileException e) {
            if (!mayBeAbsent) {
                problem(problems, "raw read: directory of existing object " + id + " is missing");
            }
            return;
        } catch (IOException e) {
            problem(problems, "raw read: cannot list " + directory + ": " + e);
            return;
        }
        if (names.isEmpty()) {
            problem(problems, "raw read: object directory " + id + " is visible but empty");
            return;
        }
        String winner = names.stream().max(AlphanumComparator.INSTANCE).orElseThrow();
        try {
            byte[] bytes = Files.readAllBytes(directory.resolve(winner));
            JsonNode node = TestJson.MAPPER.readTree(bytes);
            if (!(node instanceof ObjectNode object)) {
                problem(
                        problems,
                        "raw read: " + id + "/" + winner + " is not a JSON object (" + bytes.length + " bytes)");
                return;
            }
            checkWhole(object.deepCopy().put("_id", id).put("_rev", winner), id, problems);
        } catch (IOException | JacksonException e) {
            problem(problems, "raw read: " + id + "/" + winner + " unreadable: " + e);
        }
    }

    private static void problem(List<String> problems, String problem) {
        synchronized (problems) {
            problems.add(problem);
        }
    }

    /** Adds to {@code problems} whatever shows that {@code object} is not the whole object written by a worker. */
    static void checkWhole(ObjectNode object, String id, List<String> problems) {
        String rev = object.path("_rev").asString("");
        String where = id + "@" + rev;
        if (!id.equals(object.path("_id").asString(""))) {
            problem(problems, "wrong _id in " + where + ": " + object.path("_id"));
        }
        if (!REVISION_NAME.matcher(rev).matches()) {
            problem(problems, "bad _rev in " + where);
        }
        JsonNode payload = object.get("payload");
        if (payload == null || !payload.isString()) {
            problem(problems, "no payload in " + where + " (fields " + object.propertyNames() + ")");
            return;
        }
        String text = payload.asString();
        if (text.length() != object.path("size").asInt(-1)) {
            problem(
                    problems,
                    "payload of " + where + " has " + text.length() + " chars, expected " + object.path("size"));
        }
        if (!sha256(text).equals(object.path("checksum").asString(""))) {
            problem(problems, "checksum mismatch in " + where);
        }
    }

    /** An object with a random payload of {@code size} characters, its length and its SHA-256. */
    static ObjectNode largeBody(String id, int worker, int seq, int size) {
        SplittableRandom random = new SplittableRandom(((long) worker << 32) ^ seq ^ id.hashCode());
        char[] chars = new char[size];
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < size; i++) {
            chars[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        String payload = new String(chars);
        return TestJson.object(
                id, "worker", worker, "seq", seq, "size", size, "checksum", sha256(payload), "payload", payload);
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
