package io.github.multiprocessstore.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class SummaryTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final Summary.RunInfo info = new Summary.RunInfo(
            new MachineInfo(2, "test CPU", "test JDK", "v20", "ext4 on /dev/test"), "0.1 0.1 0.1", "0.2 0.2 0.2",
            Duration.ofSeconds(75), "test sizes");

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
    void targetMetInEveryRepetitionSaysSo() {
        List<ObjectNode> measurements = List.of(measurement(1, "W1", "mpstore", 50),
                measurement(1, "W1", "sqlite", 100), measurement(2, "W1", "mpstore", 60),
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
