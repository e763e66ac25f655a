package io.github.multiprocessstore.benchmarks.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Dispatches the harness's commands; the one public door into this package, so that the harness's parts stay
 * package-private.
 */
public final class Commands {

    /** Printed when a command line is wrong. */
    public static final String USAGE = """
            usage: java -jar benchmarks/target/benchmarks.jar [run] [--reps 3] [--objects 10000] [--gets 100000]
                       [--updates 10000] [--read-all-repeats 5] [--w5-updates 10000] [--w6-updates 2000]
                       [--durable-ops 2000] [--processes 4] [--settle-ms 3500]
                       [--workloads W1,W2,W2F,W3,W4,W5,W6]
                       [--contenders mpstore,mpstore-nojournal,mpstore-bounded,mpstore-durable,sqlite,sqlite-durable,sqlite-txn,npm]
                       [--work-dir DIR] [--out-dir DIR] [--java-options '-Xmx1g'] [--keep-stores false]
                   java -jar benchmarks/target/benchmarks.jar scale [--objects 1000000] [--baseline-objects 10000]
                       [--gets 100000] [--settle-ms 3500] [--heap 128m] [--work-dir DIR] [--out-dir DIR]
                       [--java-options '-Xmx1g']
                   java -jar benchmarks/target/benchmarks.jar changes [--writes 2000] [--pause-ms 5]
                       [--writers 1] [--objects 100000] [--work-dir DIR]
                   java -jar benchmarks/target/benchmarks.jar jmh [JMH options, e.g. -f 1 -wi 3 -i 5]
                   java -jar benchmarks/target/benchmarks.jar steps [--iterations 4000] [--work-dir DIR]
                   java -jar benchmarks/target/benchmarks.jar summarize RESULTS.jsonl""";

    private Commands() {}

    /**
     * Runs one command.
     *
     * @param command {@code run}, {@code scale}, {@code jmh}, {@code steps} or {@code summarize}
     * @param args    its options
     * @throws IllegalArgumentException if the command or an option is unknown
     * @throws Exception                from JMH
     */
    public static void run(String command, List<String> args) throws Exception {
        switch (command) {
            case "run" -> new BenchmarkRun(args).run();
            case "scale" -> new ScaleRun(args).run();
            case "jmh" -> org.openjdk.jmh.Main.main(args.toArray(String[]::new));
            case "steps" -> new FileSystemSteps(args).run();
            case "changes" -> new ChangeFeedRun(args).run();
            case "changes-writer" -> ChangeFeedRun.writer(args);
            case "summarize" -> summarize(args);
            default -> throw new IllegalArgumentException("unknown command '" + command + "'");
        }
    }

    private static void summarize(List<String> args) throws java.io.IOException {
        if (args.size() != 1) {
            throw new IllegalArgumentException("summarize takes one results.jsonl file");
        }
        JsonMapper json = JsonMapper.builder().build();
        List<JsonNode> measurements = Files.readAllLines(Path.of(args.get(0))).stream()
                .filter(line -> !line.isBlank())
                .map(json::readTree)
                .toList();
        Path directory = Path.of(args.get(0)).toAbsolutePath().getParent();
        System.out.println(Summary.render(
                measurements,
                new Summary.RunInfo(
                        MachineInfo.read(directory),
                        "not recorded (re-rendered)",
                        MachineInfo.loadAverage(),
                        Duration.ZERO,
                        "as in " + args.get(0))));
    }
}
