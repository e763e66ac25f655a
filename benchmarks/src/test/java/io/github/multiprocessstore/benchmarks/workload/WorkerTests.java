package io.github.multiprocessstore.benchmarks.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Runs the Java worker in this JVM on tiny stores, as the harness would in a process of its own. */
class WorkerTests {

    private static final int SETTLE = 300;

    private final JsonMapper mapper = JsonMapper.builder().build();

    @TempDir
    Path directory;

    @Test
    void w2WaitsForTheStoreToSettleOutsideTheMeasuredTime() {
        for (String contender : new String[] {"mpstore", "sqlite"}) {
            long started = System.nanoTime();
            JsonNode result = run(new WorkerSpec(
                    contender,
                    "W2",
                    store(contender + "-w2"),
                    warmup(contender + "-w2"),
                    50,
                    200,
                    100,
                    1,
                    7,
                    0,
                    1,
                    false,
                    SETTLE,
                    false));
            long wall = System.nanoTime() - started;

            assertThat(result.path("errors").asInt()).isZero();
            assertThat(result.path("ops").asInt()).isEqualTo(200);
            assertThat(result.path("settleMillis").asInt()).isEqualTo(SETTLE);
            assertThat(wall).isGreaterThanOrEqualTo(SETTLE * 1_000_000L);
            assertThat(result.path("nanos").asLong()).isLessThan(wall - SETTLE * 1_000_000L);
        }
    }

    @Test
    void w4WarmsUpOnAsManyDocumentReadsAsTheOtherWorkloadsRunOperations() {
        assertThat(Worker.warmupRounds(Workload.W4, 2_000, 5, 40_000)).isEqualTo(4);
        assertThat(Worker.warmupRounds(Workload.W4, 2_000, 5, 40_001))
                .as("rounded up")
                .isEqualTo(5);
        assertThat(Worker.warmupRounds(Workload.W4, 2_000, 5, 1_000))
                .as("never fewer than one")
                .isEqualTo(1);
        assertThat(Worker.warmupRounds(Workload.W3, 2_000, 5, 40_000))
                .as("other workloads run once")
                .isEqualTo(1);
    }

    @Test
    void w4ReadsEveryDocumentOfEachPassAfterAWarmUpOfSeveralRounds() {
        for (String contender : new String[] {"mpstore", "sqlite"}) {
            JsonNode result = run(new WorkerSpec(
                    contender,
                    "W4",
                    store(contender + "-w4"),
                    warmup(contender + "-w4"),
                    30,
                    0,
                    200,
                    2,
                    7,
                    0,
                    1,
                    false,
                    0,
                    false));

            assertThat(result.path("errors").asInt()).as(contender).isZero();
            assertThat(result.path("ops").asInt())
                    .as(contender + ": 30 documents read twice")
                    .isEqualTo(60);
        }
    }

    @Test
    void w2fMeasuresTheSameGetsWithoutWaiting() {
        JsonNode result = run(new WorkerSpec(
                "mpstore", "W2F", store("w2f"), warmup("w2f"), 50, 200, 100, 1, 7, 0, 1, false, 60_000, false));

        assertThat(result.path("workload").asString()).isEqualTo("W2F");
        assertThat(result.path("errors").asInt()).isZero();
        assertThat(result.path("ops").asInt()).isEqualTo(200);
        assertThat(result.path("settleMillis").asInt()).isZero(); // a minute's settle time was not waited
        assertThat(result.has("p50Micros")).isTrue();
    }

    @Test
    void getsOverAnExistingStoreWorkWithTheCachesOff() {
        String store = store("existing");
        run(new WorkerSpec("mpstore", "SETUP", store, null, 40, 0, 0, 0, 7, 0, 1, false, 0, false));

        JsonNode result =
                run(new WorkerSpec("mpstore", "GET_EXISTING", store, store, 40, 300, 60, 1, 7, 0, 1, false, 0, true));

        assertThat(result.path("errors").asInt()).isZero();
        assertThat(result.path("ops").asInt()).isEqualTo(300);
        assertThat(result.has("settleMillis")).isFalse(); // the scale run's store is filled, and settled, before
    }

    private String store(String name) {
        return directory.resolve(name).resolve("store").toString();
    }

    private String warmup(String name) {
        return directory.resolve(name).resolve("warmup").toString();
    }

    private JsonNode run(WorkerSpec spec) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Worker.main(new String[] {mapper.writeValueAsString(spec)});
        } finally {
            System.setOut(original);
        }
        String[] lines = captured.toString(StandardCharsets.UTF_8).strip().split("\n");
        return mapper.readTree(lines[lines.length - 1]);
    }
}
