package io.github.multiprocessstore.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class SummaryTests {

    private final JsonMapper json = JsonMapper.builder().build();
    private final Summary.RunInfo info = new Summary.RunInfo(
            new MachineInfo(2, "test CPU", "test JDK", "v20", "ext4 on /dev/test"),
            "0.1 0.1 0.1",
            "0.2 0.2 0.2",
            Duration.ofSeconds(75),
            "test sizes");

    @Test
    void ratioIsTakenWithinEachRepetitionBeforeTheMedian() {
        List<ObjectNode> measurements = new ArrayList<>();
        // SQLite's speed changes a lot between repetitions; the ratios are 0.5, 0.5 and 2.0.
        measurements.add(measurement(1, "W2", "mpstore", 100));
        measurements.add(measurement(1, "W2", "sqlite", 200));
        measurements.add(measurement(2, "W2", "mpstore", 400));
        measurements.add(measurement(2, "W2", "sqlite", 800));
        measurements.add(measurement(3, "W2", "mpstore", 300));
        measurements.add(measurement(3, "W2", "sqlite", 150));

        String summary = Summary.render(measurements, info);

        assertThat(summary).contains("| W2 get | mpstore | 300 | 100-400 | 0.50 | 0.50-2.00 |");
        assertThat(summary).contains("| get (W2) at least 0.8x SQLite | 0.50x (0.50-2.00) | **missed** |");
    }

    @Test
    void justWrittenGetsHaveTheirOwnRowsAfterW2AndInformationalTargets() {
        List<ObjectNode> measurements = List.of(
                measurement(1, "W2F", "npm", 10), measurement(1, "W2F", "sqlite", 200),
                measurement(1, "W2F", "mpstore", 120), measurement(1, "W2", "npm", 10),
                measurement(1, "W2", "sqlite", 200), measurement(1, "W2", "mpstore", 180),
                measurement(2, "W2F", "npm", 10), measurement(2, "W2F", "sqlite", 200),
                measurement(2, "W2F", "mpstore", 100), measurement(2, "W2", "npm", 10),
                measurement(2, "W2", "sqlite", 200), measurement(2, "W2", "mpstore", 170));

        String summary = Summary.render(measurements, info);

        assertThat(summary)
                .contains("| W2F get, just written (no settle) | mpstore | 110 | 100-120 | 0.55 | 0.50-0.60"
                        + " | 11.0 |");
        assertThat(summary).contains("| W2F get, just written (no settle) | sqlite | 200 | 200-200 | 1 |");
        assertThat(summary).contains("| W2F get, just written (no settle) | npm | 10 | 10-10 | 0.05 |");
        // rows: every W2 row, then every W2F row
        assertThat(summary.indexOf("| W2 get | npm")).isLessThan(summary.indexOf("| W2F get, just written"));
        // targets: the 5x npm line in workload order, and W2F's 0.8x SQLite line right after W2's
        assertThat(summary)
                .contains(
                        "| W2 get: at least 5x the npm original | 17.5x (17.0-18.0) | met |\n"
                                + "| W2F get, just written (no settle): at least 5x the npm original | 11.0x (10.0-12.0) | met |\n");
        assertThat(summary)
                .contains("| get (W2) at least 0.8x SQLite | 0.88x (0.85-0.90) | met |\n"
                        + "| W2F get, just written: at least 0.8x SQLite | 0.55x (0.50-0.60) | **missed** |\n");
    }

    @Test
    void theEngineIsComparedWithTheFloorOfTheSameRepetitionAndIssue14sTargetsAreMarked() {
        List<ObjectNode> measurements = List.of(
                measurement(1, "W3", "mpstore", 90), measurement(1, "W3", "sqlite", 300),
                measurement(1, "W3", "floor", 100), measurement(2, "W3", "mpstore", 160),
                measurement(2, "W3", "sqlite", 300), measurement(2, "W3", "floor", 200));

        String summary = Summary.render(measurements, info);

        // ratios to the floor 0.9 and 0.8, median 0.85; no floor ratio for the floor or SQLite themselves
        assertThat(summary)
                .contains("| W3 update (read-modify-write) | mpstore | 125 | 90-160 | 0.42 | 0.30-0.53 |  | 0.85 |");
        assertThat(summary)
                .contains("| W3 update (read-modify-write) | floor | 150 | 100-200 | 0.50 | 0.33-0.67 |  |  |");
        assertThat(summary)
                .contains("Targets of issue 14")
                .contains(
                        "| W3 update (read-modify-write): at least 0.9x the floor | 0.85x (0.80-0.90) | **missed** |");
    }

    @Test
    void withoutW2fThereIsNoW2fTarget() {
        String summary = Summary.render(
                List.of(measurement(1, "W2", "mpstore", 100), measurement(1, "W2", "sqlite", 100)), info);

        assertThat(summary).contains("| get (W2) at least 0.8x SQLite | 1.00x (1.00-1.00) | met |");
        assertThat(summary).doesNotContain("W2F");
    }

    @Test
    void targetMetInEveryRepetitionSaysSo() {
        List<ObjectNode> measurements = List.of(
                measurement(1, "W1", "mpstore", 50),
                measurement(1, "W1", "sqlite", 100),
                measurement(2, "W1", "mpstore", 60),
                measurement(2, "W1", "sqlite", 100));

        assertThat(Summary.render(measurements, info))
                .contains("| create (W1) at least 0.3x SQLite | 0.55x (0.50-0.60) | met |");
    }

    @Test
    void lostUpdatesOfW6AreListedPerRepetition() {
        ObjectNode engine = measurement(1, "W6", "mpstore", 100);
        engine.put("expectedCounter", 2000).put("finalCounter", 2000).put("lostUpdates", 0);
        ObjectNode sqlite = measurement(1, "W6", "sqlite", 1000);
        sqlite.put("expectedCounter", 2000).put("finalCounter", 700).put("lostUpdates", 1300);

        String summary = Summary.render(List.of(engine, sqlite), info);

        assertThat(summary).contains("| sqlite | 2,000 | 700 | 1,300 |");
        assertThat(summary).contains("| W6 zero lost updates | 0 lost | met |");
        assertThat(summary).contains("| W6 at least 0.5x SQLite (read-then-UPDATE) | 0.10x (0.10-0.10) | **missed** |");
    }

    @Test
    void boundedHistoryHasItsOwnW6RowsAndTargets() {
        ObjectNode engine = w6(1, "mpstore", 100, 0);
        ObjectNode bounded = w6(1, "mpstore-bounded", 600, 0);
        bounded.put("updatesStored", 2000).put("errors", 2);
        ObjectNode sqlite = w6(1, "sqlite", 1000, 1300);

        String summary = Summary.render(List.of(sqlite, bounded, engine), info);

        // throughput and correctness tables: right after mpstore, compared with the non-durable SQLite
        assertThat(summary)
                .contains("| W6 several processes, one object | mpstore | 100 | 100-100 | 0.10 | 0.10-0.10 |");
        assertThat(summary)
                .contains("| W6 several processes, one object | mpstore-bounded | 600 | 600-600 | 0.60 | 0.60-0.60 |");
        assertThat(summary.indexOf("| mpstore-bounded | 600"))
                .isGreaterThan(summary.indexOf("| mpstore | 100"))
                .isLessThan(summary.indexOf("| sqlite | 1,000"));
        assertThat(summary).contains("| mpstore-bounded | 2,000 | 2,000 | 0 | 2,000 | 0 | 0 | 0 | 2 |");
        assertThat(summary.indexOf("| mpstore-bounded | 2,000"))
                .isGreaterThan(summary.indexOf("| mpstore | 2,000"))
                .isLessThan(summary.indexOf("| sqlite | 2,000"));
        // the targets: mpstore's lines as before, then the bounded configuration's own
        assertThat(summary)
                .contains("| W6 zero lost updates | 0 lost | met |\n"
                        + "| W6 at least 0.5x SQLite (read-then-UPDATE) | 0.10x (0.10-0.10) | **missed** |\n"
                        + "| W6 zero lost updates (mpstore-bounded, historyLimit 16) | 0 lost | met |\n"
                        + "| W6 at least 0.5x SQLite (mpstore-bounded, historyLimit 16) | 0.60x (0.60-0.60) | met |\n");
        assertThat(summary)
                .contains("| zero errors (mpstore, mpstore-bounded, mpstore-durable, all workloads) "
                        + "| 2 errors | **missed** |");
    }

    @Test
    void lostUpdatesOfTheBoundedHistoryMissTheTarget() {
        String summary = Summary.render(List.of(w6(1, "mpstore-bounded", 600, 3), w6(1, "sqlite", 1000, 1300)), info);

        assertThat(summary)
                .contains("| W6 zero lost updates (mpstore-bounded, historyLimit 16) | 3 lost | **missed** |");
        assertThat(summary).doesNotContain("| W6 zero lost updates |");
        assertThat(summary)
                .contains("| zero errors (mpstore, mpstore-bounded, mpstore-durable, all workloads) "
                        + "| 0 errors | met |");
    }

    /** A W6 measurement of 2,000 increments, {@code lost} of them lost. */
    private ObjectNode w6(int rep, String contender, double opsPerSec, int lost) {
        ObjectNode m = measurement(rep, "W6", contender, opsPerSec);
        m.put("expectedCounter", 2000).put("finalCounter", 2000 - lost).put("lostUpdates", lost);
        return m;
    }

    private ObjectNode measurement(int rep, String workload, String contender, double opsPerSec) {
        ObjectNode m = json.createObjectNode();
        m.put("rep", rep);
        m.put("workload", workload);
        m.put("contender", contender);
        m.put("opsPerSec", opsPerSec);
        m.put("errors", 0);
        return m;
    }
}
