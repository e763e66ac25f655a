package io.github.multiprocessstore.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ScaleRunTests {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void getsAreReportedWithTheDefaultEngineAndWithItsCachesOffEachWithItsTarget() {
        Map<String, ObjectNode> small = Map.of(
                "create",
                result(10_000, 80, 200),
                "get",
                result(60_000, 14.0, 40),
                "get-caches-off",
                result(45_000, 22.0, 50),
                "iterate",
                iterate(10_000),
                "count",
                iterate(10_000));
        Map<String, ObjectNode> large = Map.of(
                "create",
                result(8_000, 100, 250),
                "get",
                result(20_000, 28.0, 220),
                "get-caches-off",
                result(30_000, 28.6, 230),
                "iterate",
                iterate(1_000_000),
                "count",
                iterate(1_000_000));

        String table = ScaleRun.table(10_000, 1_000_000, 100_000, 3_500, "128m", small, large);

        assertThat(table).contains("| Measure (mpstore, fsync off) | 10,000 objects | 1,000,000 objects | ratio |\n");
        assertThat(table)
                .contains("| 100,000 random gets, ops/s | 60,000 | 20,000 | 0.33 |\n"
                        + "| get p50, us (target: ratio at most 1.5) | 14.0 | 28.0 | **2.00, missed** |\n"
                        + "| get p99, us | 40.0 | 220.0 | 5.50 |\n"
                        + "| 100,000 random gets, ops/s, caches off | 45,000 | 30,000 | 0.67 |\n"
                        + "| get p50, us, caches off (target: ratio at most 1.5) | 22.0 | 28.6 | 1.30, met |\n"
                        + "| get p99, us, caches off | 50.0 | 230.0 | 4.60 |\n"
                        + "| streamObjects() with -Xmx128m, objects/s |");
        assertThat(table).contains("| create p50, us | 80.0 | 100.0 | 1.25 |");
        assertThat(table).contains("3,500 ms");
        assertThat(table).contains("- count() over 1,000,000 objects with -Xmx128m: completed, 1,000,000 objects");
    }

    @Test
    void aFailedOrMissingStepShowsAsFailedWithoutAVerdict() {
        ObjectNode failed = json.createObjectNode().put("failure", "out of memory");
        Map<String, ObjectNode> small = Map.of("get", result(60_000, 14.0, 40), "iterate", iterate(10_000));
        Map<String, ObjectNode> large = Map.of("get", result(20_000, 21.0, 220), "iterate", failed);

        String table = ScaleRun.table(10_000, 1_000_000, 100_000, 0, "128m", small, large);

        assertThat(table).contains("| get p50, us (target: ratio at most 1.5) | 14.0 | 21.0 | 1.50, met |");
        assertThat(table).contains("| get p50, us, caches off (target: ratio at most 1.5) | failed | failed |  |");
        assertThat(table).contains("- streamObjects() over 1,000,000 objects with -Xmx128m: **failed**: out of memory");
        assertThat(table).contains("- count() over 10,000 objects with -Xmx128m: **failed**: no result");
    }

    private ObjectNode result(double opsPerSec, double p50, double p99) {
        return json.createObjectNode()
                .put("ops", 100_000)
                .put("nanos", 1_000_000_000L)
                .put("opsPerSec", opsPerSec)
                .put("p50Micros", p50)
                .put("p99Micros", p99);
    }

    private ObjectNode iterate(long objects) {
        return json.createObjectNode()
                .put("ops", objects)
                .put("nanos", 2_000_000_000L)
                .put("opsPerSec", objects / 2.0);
    }
}
