import io.github.multiprocessstore.ObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Measures the mpstore CLI (issue 19): verify, stats and export of a large store against the core's
 * getAllObjects on the same store, and the JVM's start-up to the first output line. A single-file program, run
 * with the CLI's jar on the class path (it holds the core):
 *
 * <pre>
 * ./mvnw -B -ntp -pl multiprocess-store-cli -am package -DskipTests
 * java -cp multiprocess-store-cli/target/multiprocess-store-cli-0.1.0-SNAPSHOT.jar benchmarks/cli/CliBench.java \
 *      /tmp/cli-bench 100000 5
 * </pre>
 *
 * With 0 repetitions it measures only the start-up.
 *
 * Every measurement is a fresh process; repetitions are interleaved (getAllObjects, verify, stats, export, ...), so
 * a burst of load from elsewhere hits every contender alike; medians are reported, with the load average.
 */
public class CliBench {

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("getall")) {
            getAll(Path.of(args[1]));
            return;
        }
        Path work = Path.of(args.length > 0 ? args[0] : "/tmp/cli-bench");
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int repetitions = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        String jar = System.getProperty("java.class.path");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String self = Path.of("benchmarks/cli/CliBench.java").toAbsolutePath().toString();
        Path store = work.resolve("store-" + count);
        fill(store, count);
        System.out.println("load before: " + Files.readString(Path.of("/proc/loadavg")).strip());

        Map<String, List<Double>> seconds = new LinkedHashMap<>();
        // repetitions 0: the start-up measurements only
        for (int rep = 0; repetitions > 0 && rep <= repetitions; rep++) {
            boolean warmup = rep == 0; // the first round warms the page cache and is not counted
            record(seconds, warmup, "core getAllObjects (in-process, start-up excluded)",
                    internalSeconds(List.of(java, "-cp", jar, self, "getall", store.toString())));
            record(seconds, warmup, "mpstore verify (whole process)", wall(List.of(java, "-jar", jar, "verify", store.toString())));
            record(seconds, warmup, "mpstore stats (whole process)", wall(List.of(java, "-jar", jar, "stats", store.toString())));
            record(seconds, warmup, "mpstore export (whole process)", wall(List.of(java, "-jar", jar, "export", store.toString())));
        }
        Path small = work.resolve("store-10");
        fill(small, 10);
        Path archive = work.resolve("mpstore.jsa");
        Files.deleteIfExists(archive);
        run(List.of(java, "-XX:ArchiveClassesAtExit=" + archive, "-jar", jar, "get", small.toString(), "doc-000001"));
        for (int rep = 0; rep <= 10; rep++) {
            boolean warmup = rep == 0;
            record(seconds, warmup, "start-up: --version", wall(List.of(java, "-jar", jar, "--version")));
            record(seconds, warmup, "start-up: get (first output, default JVM)",
                    wall(List.of(java, "-jar", jar, "get", small.toString(), "doc-000001")));
            record(seconds, warmup, "start-up: get, -Xshare:off (no class-data sharing)",
                    wall(List.of(java, "-Xshare:off", "-jar", jar, "get", small.toString(), "doc-000001")));
            record(seconds, warmup, "start-up: get, -XX:TieredStopAtLevel=1",
                    wall(List.of(java, "-XX:TieredStopAtLevel=1", "-jar", jar, "get", small.toString(), "doc-000001")));
            record(seconds, warmup, "start-up: get, AppCDS archive",
                    wall(List.of(java, "-XX:SharedArchiveFile=" + archive, "-jar", jar, "get", small.toString(), "doc-000001")));
            record(seconds, warmup, "start-up: get, AppCDS + TieredStopAtLevel=1",
                    wall(List.of(java, "-XX:SharedArchiveFile=" + archive, "-XX:TieredStopAtLevel=1", "-jar", jar, "get",
                            small.toString(), "doc-000001")));
        }
        System.out.println("load after: " + Files.readString(Path.of("/proc/loadavg")).strip());
        System.out.printf(Locale.ROOT, "%-55s %8s %8s %8s  (seconds, %d objects)%n", "measurement", "median", "min", "max", count);
        seconds.forEach((name, values) -> {
            List<Double> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            System.out.printf(Locale.ROOT, "%-55s %8.3f %8.3f %8.3f%n", name, sorted.get(sorted.size() / 2),
                    sorted.get(0), sorted.get(sorted.size() - 1));
        });
    }

    private static void record(Map<String, List<Double>> seconds, boolean warmup, String name, double value) {
        if (!warmup) {
            seconds.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
    }

    /** A store of 300-byte documents, written once (not durable: the fill is not measured). */
    private static void fill(Path store, int count) {
        if (Files.isDirectory(store.resolve(String.format("doc-%06d", count - 1)))) {
            return;
        }
        try (ObjectStore objects = ObjectStore.builder(store).durable(false).build()) {
            for (int i = 0; i < count; i++) {
                ObjectNode doc = JsonNodeFactory.instance.objectNode()
                        .put("_id", String.format("doc-%06d", i))
                        .put("name", "Customer " + i)
                        .put("email", "customer" + i + "@example.com")
                        .put("city", "Springfield")
                        .put("counter", i)
                        .put("notes", "x".repeat(150));
                objects.createObject(doc);
            }
        }
    }

    private static void getAll(Path store) {
        long start = System.nanoTime();
        int size;
        try (ObjectStore objects = ObjectStore.open(store)) {
            size = objects.getAllObjects().size();
        }
        System.out.println((System.nanoTime() - start) / 1e9 + " " + size);
    }

    private static double internalSeconds(List<String> command) throws IOException, InterruptedException {
        return Double.parseDouble(run(command).split(" ")[0]);
    }

    private static double wall(List<String> command) throws IOException, InterruptedException {
        long start = System.nanoTime();
        run(command);
        return (System.nanoTime() - start) / 1e9;
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        byte[] out = process.getInputStream().readAllBytes();
        int code = process.waitFor();
        if (code != 0) {
            throw new IllegalStateException(command + " exited with " + code);
        }
        String text = new String(out);
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
