package io.github.multiprocessstore.benchmarks.query;

import io.github.multiprocessstore.StoreRoot;
import io.github.multiprocessstore.benchmarks.harness.Stats;
import io.github.multiprocessstore.benchmarks.workload.Documents;
import io.github.multiprocessstore.repository.ObjectRepositoryFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Scan queries on the same 10,000 documents: the repository's derived queries (Q1 selective filter, Q2 sorted first
 * page with total, Q3 count) and reading every object (W4's {@code getAllObjects}, and the repository's
 * {@code findAll}), against SQLite's full scans with {@code json_extract} and its read of every row, each result
 * parsed with the same Jackson mapper. One JVM; every repetition fills a fresh store and a fresh database, waits 3.5
 * s (the engine keeps listings of directories left alone for 3 s), warms every query up, then times each query in
 * turn, the contenders' order alternating between repetitions. Prints the median time per query over repetitions
 * and the ratio to SQLite's, computed per repetition.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.github.multiprocessstore.benchmarks.query.ScanQueryRun [reps]
 * [objects] [work-dir]}
 */
public final class ScanQueryRun {

    private static final int WARMUP = 20;
    private static final int MEASURED = 20;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ScanQueryRun() {}

    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int objects = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        Path work = Files.createTempDirectory(args.length > 2 ? Path.of(args[2]) : Path.of("target"), "scan-query-");
        Map<String, List<Double>> millis = new LinkedHashMap<>();
        Map<String, List<Double>> ratios = new LinkedHashMap<>();
        for (int rep = 0; rep < reps; rep++) {
            Path directory = Files.createDirectory(work.resolve("rep-" + rep));
            Map<String, Double> measured = measure(directory, objects, rep % 2 == 1);
            measured.forEach((name, ms) ->
                    millis.computeIfAbsent(name, key -> new ArrayList<>()).add(ms));
            for (String query : List.of("Q1", "Q2", "Q3", "read-all")) {
                double sqlite = measured.get("sqlite " + query);
                for (String contender : List.of("mpstore ", "mpstore findAll ")) {
                    Double engine = measured.get(contender + query);
                    if (engine != null) {
                        ratios.computeIfAbsent(contender + query, key -> new ArrayList<>())
                                .add(sqlite / engine);
                    }
                }
            }
            System.err.println("repetition " + (rep + 1) + ": " + measured);
        }
        System.out.printf(
                Locale.ROOT,
                "%d repetitions, %d documents, %d timed runs of each query per repetition%n%n",
                reps,
                objects,
                MEASURED);
        System.out.println("| query | contender | median ms per query (min-max) | throughput vs SQLite (median) |");
        System.out.println("|---|---|---|---|");
        millis.forEach((name, values) -> {
            String ratio =
                    ratios.containsKey(name) ? String.format(Locale.ROOT, "%.2fx", Stats.median(ratios.get(name))) : "";
            String[] parts = name.split(" ", 2);
            String query = name.substring(name.lastIndexOf(' ') + 1);
            String contender = name.substring(0, name.lastIndexOf(' '));
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %s | %.1f (%.1f-%.1f) | %s |%n",
                    query,
                    contender,
                    Stats.median(values),
                    values.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                    values.stream().mapToDouble(Double::doubleValue).max().orElse(0),
                    ratio);
        });
    }

    private static Map<String, Double> measure(Path directory, int objects, boolean sqliteFirst) throws Exception {
        Map<String, Double> measured = new LinkedHashMap<>();
        try (StoreRoot root = StoreRoot.open(directory.resolve("store"), builder -> builder.durable(false));
                Connection sqlite = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("store.db"))) {
            CustomerRepository customers =
                    new ObjectRepositoryFactory(root, JSON).getRepository(CustomerRepository.class);
            SqliteQueries queries = new SqliteQueries(sqlite);
            for (int i = 0; i < objects; i++) {
                ObjectNode document = Documents.document(JSON, i);
                root.collection("customers").createObject(document.deepCopy());
                queries.insert(document);
            }
            queries.commit();
            Thread.sleep(3_500);
            Map<String, LongSupplier> engine = new LinkedHashMap<>();
            engine.put(
                    "mpstore Q1",
                    () -> customers.findByTierAndScoreGreaterThan("golden", 95).size());
            engine.put(
                    "mpstore Q2",
                    () -> customers
                            .findByAddressCity("Springfield", PageRequest.of(0, 20, Sort.by(Sort.Order.desc("score"))))
                            .getTotalElements());
            engine.put("mpstore Q3", () -> customers.countByTier("golden"));
            engine.put(
                    "mpstore read-all",
                    () -> root.collection("customers").getAllObjects().size());
            engine.put("mpstore findAll read-all", () -> customers.findAll().size());
            Map<String, LongSupplier> reference = new LinkedHashMap<>();
            reference.put("sqlite Q1", queries::q1);
            reference.put("sqlite Q2", queries::q2);
            reference.put("sqlite Q3", queries::q3);
            reference.put("sqlite read-all", queries::readAll);
            List<Map<String, LongSupplier>> order =
                    sqliteFirst ? List.of(reference, engine) : List.of(engine, reference);
            check(engine, reference);
            for (Map<String, LongSupplier> contender : order) {
                for (Map.Entry<String, LongSupplier> query : contender.entrySet()) {
                    measured.put(query.getKey(), time(query.getValue()));
                }
            }
        }
        return measured;
    }

    /** Both sides must answer the same, or the comparison means nothing. */
    private static void check(Map<String, LongSupplier> engine, Map<String, LongSupplier> reference) {
        for (String query : List.of("Q1", "Q2", "Q3", "read-all")) {
            long mine = engine.get("mpstore " + query).getAsLong();
            long theirs = reference.get("sqlite " + query).getAsLong();
            if (mine != theirs) {
                throw new IllegalStateException(query + ": engine " + mine + " vs SQLite " + theirs);
            }
        }
    }

    private static double time(LongSupplier query) {
        for (int i = 0; i < WARMUP; i++) {
            query.getAsLong();
        }
        double[] runs = new double[MEASURED];
        for (int i = 0; i < MEASURED; i++) {
            long start = System.nanoTime();
            query.getAsLong();
            runs[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(runs);
        return runs[MEASURED / 2];
    }

    /** SQLite's side: one table of JSON text, scanned with {@code json_extract}, each result parsed. */
    private static final class SqliteQueries {

        private final SqliteDocuments documents;
        private final PreparedStatement q1;
        private final PreparedStatement q2;
        private final PreparedStatement q2Count;
        private final PreparedStatement q3;
        private final PreparedStatement all;

        SqliteQueries(Connection connection) throws SQLException {
            documents = new SqliteDocuments(connection, JSON);
            q1 = connection.prepareStatement("SELECT doc FROM docs WHERE json_extract(doc, '$.tier') = ?"
                    + " AND json_extract(doc, '$.score') > ?");
            q2 = connection.prepareStatement("SELECT doc FROM docs WHERE json_extract(doc, '$.address.city') = ?"
                    + " ORDER BY json_extract(doc, '$.score') DESC, id LIMIT 20");
            q2Count = connection.prepareStatement(
                    "SELECT count(*) FROM docs WHERE json_extract(doc, '$.address.city') = ?");
            q3 = connection.prepareStatement("SELECT count(*) FROM docs WHERE json_extract(doc, '$.tier') = ?");
            all = connection.prepareStatement("SELECT id, rev, doc FROM docs");
        }

        void insert(ObjectNode document) throws SQLException {
            documents.insert(document);
        }

        void commit() throws SQLException {
            documents.commit();
        }

        long q1() {
            try {
                q1.setString(1, "golden");
                q1.setInt(2, 95);
                return parseAll(q1);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        long q2() {
            try {
                q2.setString(1, "Springfield");
                parseAll(q2);
                q2Count.setString(1, "Springfield");
                try (ResultSet rows = q2Count.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        long q3() {
            try {
                q3.setString(1, "golden");
                try (ResultSet rows = q3.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        long readAll() {
            try {
                return parseAll(all);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        private static long parseAll(PreparedStatement statement) throws SQLException {
            long count = 0;
            try (ResultSet rows = statement.executeQuery()) {
                int column = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    JSON.readTree(rows.getString(column));
                    count++;
                }
            }
            return count;
        }
    }
}
