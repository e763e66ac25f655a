package io.github.multiprocessstore.benchmarks.query;

import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.StoreRoot;
import io.github.multiprocessstore.benchmarks.harness.Stats;
import io.github.multiprocessstore.benchmarks.workload.Documents;
import io.github.multiprocessstore.indexes.IndexDefinition;
import io.github.multiprocessstore.indexes.IndexOptions;
import io.github.multiprocessstore.indexes.StoreIndexes;
import io.github.multiprocessstore.repository.ObjectRepositoryFactory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Indexed queries (issue 17) on the same documents in the engine and in SQLite, one JVM, warm (as W2): an equality
 * on the indexed {@code email} ({@code findByEmail}) against {@code SELECT doc ... WHERE json_extract(doc,'$.email')
 * = ?} with an expression index, and sorted pages {@code findAll(PageRequest.of(k, 20, Sort.by("displayName")))}
 * (the JSON property {@code name}) against {@code ORDER BY json_extract(doc,'$.name'), id LIMIT 20 OFFSET ?} (with
 * and without SQLite's {@code count(*)} for the page's total) on an index of that expression and the id. Every result is parsed (SQLite) or mapped (engine).
 * Also measures the indexes' start-up on the filled store and the heap an entry of a 20-character key takes. Each
 * repetition fills a fresh store and database; the contenders' order alternates; medians over repetitions.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.github.multiprocessstore.benchmarks.query.IndexQueryRun [reps]
 * [objects] [work-dir]}; {@code ... IndexQueryRun w5 [reps] [work-dir]} measures W5's update throughput (four writer
 * processes, 10,000 updates each after 2,500 unmeasured) with and without this JVM keeping two indexes of the store
 * current; {@code ... IndexQueryRun startup <objects> <store-dir>} fills a store (or tops it up) and times building two
 * indexes on it.
 */
public final class IndexQueryRun {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int BATCH = 1_000;
    private static final int BATCHES = 7;
    private static final long WARM_UP_NANOS = 3_000_000_000L;
    private static final int[] PAGES = {0, 10, 100};

    private IndexQueryRun() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("w5")) {
            W5.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("w5-writer")) {
            W5.writer(args);
            return;
        }
        if (args.length > 0 && args[0].equals("startup")) {
            startUpOnly(Integer.parseInt(args[1]), Path.of(args[2]));
            return;
        }
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int objects = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        Path work = Files.createTempDirectory(args.length > 2 ? Path.of(args[2]) : Path.of("target"), "index-query-");
        Map<String, List<Double>> micros = new LinkedHashMap<>();
        for (int rep = 0; rep < reps; rep++) {
            Path directory = Files.createDirectory(work.resolve("rep-" + rep));
            Map<String, Double> measured = measure(directory, objects, rep % 2 == 1);
            measured.forEach((name, us) ->
                    micros.computeIfAbsent(name, key -> new ArrayList<>()).add(us));
            // Engine time over SQLite's, per repetition: the ratio the targets are about (at most 2).
            for (String name : List.copyOf(measured.keySet())) {
                if (name.startsWith("mpstore ")) {
                    String query = name.substring("mpstore ".length(), name.length() - ", us".length());
                    String[] kinds = query.startsWith("page")
                            ? new String[] {"page ", "page mapped ", "page+count "}
                            : new String[] {"equality", "equality mapped"};
                    String suffix = query.startsWith("page") ? query.substring("page ".length()) : "";
                    for (String kind : kinds) {
                        Double sqlite = measured.get("sqlite " + kind + suffix + ", us");
                        if (sqlite != null) {
                            micros.computeIfAbsent(
                                            "time ratio mpstore " + query + " / sqlite " + kind + suffix,
                                            key -> new ArrayList<>())
                                    .add(measured.get(name) / sqlite);
                        }
                    }
                }
            }
            System.err.println("repetition " + (rep + 1) + ": " + measured);
        }
        System.out.printf(Locale.ROOT, "%d repetitions, %d documents, medians over repetitions%n%n", reps, objects);
        printMedians("measurement", micros, "%.2f");
    }

    /** A Markdown table of each measurement's median (min-max) over the repetitions, numbers in {@code format}. */
    private static void printMedians(String heading, Map<String, List<Double>> measurements, String format) {
        System.out.println("| " + heading + " | median (min-max) |");
        System.out.println("|---|---|");
        String row = "| %s | " + format + " (" + format + "-" + format + ") |%n";
        measurements.forEach((name, values) ->
                System.out.printf(Locale.ROOT, row, name, Stats.median(values), Stats.min(values), Stats.max(values)));
    }

    /**
     * Fills (or reuses) a store of {@code objects} documents in {@code directory}, then times building two indexes
     * on it three times, each in a fresh {@link ObjectStore} (so nothing of the previous build is cached in it).
     */
    private static void startUpOnly(int objects, Path directory) throws Exception {
        try (ObjectStore store = ObjectStore.builder(directory).durable(false).build()) {
            long existing = store.count();
            for (long i = existing; i < objects; i++) {
                store.createObject(Documents.document(JSON, (int) i));
                if (i % 100_000 == 0) {
                    System.err.println("created " + i);
                }
            }
        }
        Thread.sleep(3_500);
        for (int run = 0; run < 3; run++) {
            try (ObjectStore store =
                    ObjectStore.builder(directory).durable(false).build()) {
                System.out.printf(Locale.ROOT, "%d objects: two indexes built in %.0f ms%n", objects, startUp(store));
            }
        }
    }

    private static Map<String, Double> measure(Path directory, int objects, boolean sqliteFirst) throws Exception {
        Map<String, Double> measured = new LinkedHashMap<>();
        try (StoreRoot root = StoreRoot.open(directory.resolve("store"), builder -> builder.durable(false));
                Connection sqlite = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("store.db"))) {
            Sqlite queries = new Sqlite(sqlite);
            ObjectStore customers = root.collection("customers");
            for (int i = 0; i < objects; i++) {
                ObjectNode document = Documents.document(JSON, i);
                customers.createObject(document.deepCopy());
                queries.insert(document);
            }
            queries.commit();
            Thread.sleep(3_500); // the engine keeps listings of directories left alone for 3 s

            // The heap first: nothing has subscribed to the store's feed yet, so no reconciliation runs meanwhile.
            measured.put("heap per entry, 20-char key, bytes", bytesPerEntry(customers, objects));
            measured.put("index start-up, 2 indexes, ms", startUp(customers));

            long started = System.nanoTime();
            IndexedCustomerRepository repository =
                    new ObjectRepositoryFactory(root, JSON).getRepository(IndexedCustomerRepository.class);
            measured.put("repository creation with 2 indexes, ms", (System.nanoTime() - started) / 1e6);

            Random random = new Random(17);
            String[] emails = random.ints(BATCH, 0, objects)
                    .mapToObj(IndexQueryRun::email)
                    .toArray(String[]::new);
            Map<String, IntFunction<Object>> engine = new LinkedHashMap<>();
            Map<String, IntFunction<Object>> reference = new LinkedHashMap<>();
            engine.put("mpstore equality", i -> ids(repository.findByEmail(emails[i])));
            reference.put("sqlite equality", i -> queries.byEmail(emails[i], false));
            reference.put("sqlite equality mapped", i -> queries.byEmail(emails[i], true));
            for (int page : PAGES) {
                if ((long) page * 20 < objects) {
                    engine.put(
                            "mpstore page " + page,
                            i -> ids(repository
                                    .findAll(PageRequest.of(page, 20, Sort.by("displayName")))
                                    .getContent()));
                    reference.put("sqlite page " + page, i -> queries.page(page * 20, false, false));
                    reference.put("sqlite page mapped " + page, i -> queries.page(page * 20, false, true));
                    reference.put("sqlite page+count " + page, i -> queries.page(page * 20, true, false));
                    reference.put("sqlite page+count mapped " + page, i -> queries.page(page * 20, true, true));
                }
            }
            check(engine, reference);
            for (Map<String, IntFunction<Object>> contender :
                    sqliteFirst ? List.of(reference, engine) : List.of(engine, reference)) {
                contender.forEach((name, query) -> measured.put(name + ", us", time(query)));
            }
        }
        return measured;
    }

    private static String email(int index) {
        return Documents.document(JSON, index).get("email").asString();
    }

    private static List<String> ids(List<IndexedCustomer> customers) {
        return customers.stream().map(IndexedCustomer::id).toList();
    }

    /** Both sides must give the same ids, or the comparison means nothing. */
    private static void check(Map<String, IntFunction<Object>> engine, Map<String, IntFunction<Object>> reference) {
        engine.forEach((name, query) -> {
            Object mine = query.apply(0);
            Object theirs = reference.get(name.replace("mpstore", "sqlite")).apply(0);
            if (!mine.equals(theirs)) {
                throw new IllegalStateException(name + ": engine " + mine + " vs SQLite " + theirs);
            }
        });
    }

    private static double startUp(ObjectStore store) {
        long started = System.nanoTime();
        try (StoreIndexes indexes =
                StoreIndexes.build(store, List.of(IndexDefinition.onPath("email"), IndexDefinition.onPath("name")))) {
            return (System.nanoTime() - started) / 1e6;
        }
    }

    /**
     * The heap the index of a 20-character key holds per object, its id strings included: the heap with the index
     * built less the heap once it is closed (cleared). The index is built on a store of its own on the same directory
     * with no read cache and a reconciliation interval longer than the measurement, so that nothing else of the
     * store grows or shrinks between the two readings (a reconciliation pass in flight holds ~21 MB for 100,000
     * objects: one falling between the readings made the difference negative).
     */
    private static double bytesPerEntry(ObjectStore store, int objects) {
        IndexDefinition twenty = new IndexDefinition(
                "key20",
                object -> JsonNodeFactory.instance.stringNode(
                        object.path("email").asString().substring(0, 20)));
        try (ObjectStore quiet = ObjectStore.builder(store.path())
                .durable(false)
                .readCacheBytes(0)
                .changeReconcileInterval(Duration.ofHours(1))
                .build()) {
            StoreIndexes indexes = StoreIndexes.build(quiet, List.of(twenty));
            if (indexes.size("key20") != objects) {
                throw new IllegalStateException("indexed " + indexes.size("key20") + " of " + objects);
            }
            long with = usedHeap();
            indexes.close();
            long without = usedHeap();
            return (with - without) / (double) objects;
        }
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * Microseconds per query: the median of {@value #BATCHES} batches of {@value #BATCH}, after the query ran
     * unmeasured for {@link #WARM_UP_NANOS} (at least one batch). A warm-up of a fixed count measured the engine's
     * deeper call chain before the JIT had compiled it: one batch of 1,000 left its equality at 28-134 us across
     * repetitions, 3 s brought it to 9-10 us; SQLite's side gets the same warm-up.
     */
    private static double time(IntFunction<Object> query) {
        long warmUntil = System.nanoTime() + WARM_UP_NANOS;
        for (int i = 0; i < BATCH || System.nanoTime() < warmUntil; i++) {
            query.apply(i % BATCH);
        }
        double[] batches = new double[BATCHES];
        for (int b = 0; b < BATCHES; b++) {
            long start = System.nanoTime();
            for (int i = 0; i < BATCH; i++) {
                query.apply(i);
            }
            batches[b] = (System.nanoTime() - start) / 1e3 / BATCH;
        }
        Arrays.sort(batches);
        return batches[BATCHES / 2];
    }

    /** SQLite's side: one table of JSON text with expression indexes, each returned row parsed. */
    private static final class Sqlite {

        private final SqliteDocuments documents;
        private final PreparedStatement byEmail;
        private final PreparedStatement page;
        private final PreparedStatement count;

        Sqlite(Connection connection) throws SQLException {
            documents = new SqliteDocuments(
                    connection,
                    JSON,
                    "CREATE INDEX docs_email ON docs (json_extract(doc, '$.email'))",
                    "CREATE INDEX docs_name ON docs (json_extract(doc, '$.name'), id)");
            byEmail = connection.prepareStatement("SELECT id, doc FROM docs WHERE json_extract(doc, '$.email') = ?");
            page = connection.prepareStatement(
                    "SELECT id, doc FROM docs ORDER BY json_extract(doc, '$.name'), id LIMIT 20 OFFSET ?");
            count = connection.prepareStatement("SELECT count(*) FROM docs");
        }

        void insert(ObjectNode document) throws SQLException {
            documents.insert(document);
        }

        /** Commits the fill and gathers the statistics SQLite's planner uses for the expression indexes. */
        void commit() throws SQLException {
            documents.commit();
            try (Statement plain = documents.connection().createStatement()) {
                plain.execute("ANALYZE");
            }
        }

        List<String> byEmail(String email, boolean mapped) {
            try {
                byEmail.setString(1, email);
                return parseAll(byEmail, mapped);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        List<String> page(int offset, boolean withCount, boolean mapped) {
            try {
                page.setInt(1, offset);
                List<String> ids = parseAll(page, mapped);
                if (withCount) {
                    try (ResultSet rows = count.executeQuery()) {
                        rows.next();
                        rows.getLong(1);
                    }
                }
                return ids;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Parses each row's JSON to a tree, or, {@code mapped}, to the record the engine's repository returns. */
        private static List<String> parseAll(PreparedStatement statement, boolean mapped) throws SQLException {
            List<String> ids = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                    if (mapped) {
                        JSON.readValue(rows.getString(2), IndexedCustomer.class);
                    } else {
                        JSON.readTree(rows.getString(2));
                    }
                }
            }
            return ids;
        }
    }

    /**
     * W5's write load (four processes, each updating its own 2,500 documents of a 10,000-document store, four rounds)
     * with and without this JVM keeping indexes on {@code email} and {@code name} current: updates per second over the
     * slowest writer's time. Every writer first updates its documents once unmeasured and says so; the clock starts
     * when all have, and this JVM's indexes have taken in those updates, so that neither the writers' code nor the
     * indexes' maintenance is compiled during the measurement (with a shorter warm-up the indexing JVM spent 42 % of
     * its CPU in the JIT compiler during the timed two seconds).
     */
    static final class W5 {

        private static final int WRITERS = 4;
        private static final int PER_WRITER = 2_500;
        private static final int ROUNDS = 4;

        static void main(String[] args) throws Exception {
            int reps = args.length > 0 ? Integer.parseInt(args[0]) : 3;
            Path work = Files.createTempDirectory(args.length > 1 ? Path.of(args[1]) : Path.of("target"), "index-w5-");
            Map<String, List<Double>> rates = new LinkedHashMap<>();
            for (int rep = 0; rep < reps; rep++) {
                for (boolean indexed : rep % 2 == 0 ? new boolean[] {false, true} : new boolean[] {true, false}) {
                    Path store = work.resolve("rep-" + rep + (indexed ? "-indexed" : "-plain"));
                    double rate = run(store, indexed);
                    rates.computeIfAbsent(indexed ? "with 2 indexes" : "without indexes", k -> new ArrayList<>())
                            .add(rate);
                    System.err.printf(Locale.ROOT, "repetition %d, %s: %.0f updates/s%n", rep + 1, indexed, rate);
                }
            }
            printMedians("W5 updates/s", rates, "%.0f");
        }

        private static double run(Path directory, boolean indexed) throws Exception {
            try (ObjectStore store =
                    ObjectStore.builder(directory).durable(false).build()) {
                for (int i = 0; i < WRITERS * PER_WRITER; i++) {
                    store.createObject(Documents.document(JSON, i));
                }
                Thread.sleep(3_500);
                StoreIndexes indexes = indexed
                        ? StoreIndexes.build(
                                store,
                                List.of(IndexDefinition.onPath("email"), IndexDefinition.onPath("name")),
                                IndexOptions.defaults().withCatchUpTimeout(Duration.ofMinutes(1)))
                        : null;
                try {
                    List<Process> writers = new ArrayList<>();
                    List<BufferedReader> outputs = new ArrayList<>();
                    for (int w = 0; w < WRITERS; w++) {
                        Process writer = new ProcessBuilder(
                                        Path.of(System.getProperty("java.home"), "bin", "java")
                                                .toString(),
                                        "-cp",
                                        System.getProperty("java.class.path"),
                                        IndexQueryRun.class.getName(),
                                        "w5-writer",
                                        directory.toString(),
                                        String.valueOf(w))
                                .redirectError(ProcessBuilder.Redirect.INHERIT)
                                .start();
                        writers.add(writer);
                        outputs.add(new BufferedReader(
                                new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8)));
                    }
                    for (BufferedReader output : outputs) {
                        if (!"ready".equals(output.readLine())) {
                            throw new IllegalStateException("a writer did not warm up");
                        }
                    }
                    if (indexes != null && indexes.current().isEmpty()) {
                        throw new IllegalStateException("the indexes did not catch up with the warm-up");
                    }
                    for (Process writer : writers) {
                        writer.getOutputStream().write("GO\n".getBytes(StandardCharsets.UTF_8));
                        writer.getOutputStream().flush();
                    }
                    double slowest = 0;
                    for (int w = 0; w < WRITERS; w++) {
                        slowest = Math.max(
                                slowest, Double.parseDouble(outputs.get(w).readLine()));
                        outputs.get(w).close();
                        writers.get(w).waitFor();
                    }
                    return WRITERS * PER_WRITER * ROUNDS / slowest;
                } finally {
                    if (indexes != null) {
                        indexes.close();
                    }
                }
            }
        }

        /**
         * One writer: updates its own documents once, prints {@code ready}, waits for GO, updates them
         * {@value #ROUNDS} times more and prints the seconds that took.
         */
        static void writer(String[] args) throws Exception {
            int writer = Integer.parseInt(args[2]);
            try (ObjectStore store =
                            ObjectStore.builder(Path.of(args[1])).durable(false).build();
                    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                updateEach(store, writer);
                System.out.println("ready");
                in.readLine();
                long start = System.nanoTime();
                for (int round = 0; round < ROUNDS; round++) {
                    updateEach(store, writer);
                }
                System.out.println((System.nanoTime() - start) / 1e9);
            }
        }

        private static void updateEach(ObjectStore store, int writer) {
            for (int i = 0; i < PER_WRITER; i++) {
                String id = Documents.document(JSON, writer * PER_WRITER + i)
                        .get("_id")
                        .asString();
                store.updateObjectAtomically(
                        id, o -> o.put("counter", o.path("counter").asLong() + 1));
            }
        }
    }
}
