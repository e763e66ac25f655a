package io.github.multiprocessstore.benchmarks.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class WorkerSpecTests {

    private final JsonMapper mapper = JsonMapper.builder().build();

    @Test
    void specWrittenByHandWithoutTheNewFieldsGetsTheDefaults() {
        // the shape of the profiling example in the README, which predates settleMillis and cachesOff
        WorkerSpec spec = mapper.readValue("""
                {"contender":"mpstore","workload":"W2","dir":"/tmp/w2/store","warmupDir":"/tmp/w2/warm",
                 "objects":10000,"ops":100000,"warmupOps":20000,"repeats":1,"seed":7919,"processIndex":0,
                 "processes":1,"waitForGo":false}""", WorkerSpec.class);

        assertThat(spec.settleMillis())
                .isEqualTo(WorkerSpec.DEFAULT_SETTLE_MILLIS)
                .isEqualTo(3_500);
        assertThat(spec.cachesOff()).isFalse();
    }

    @Test
    void newFieldsSurviveTheTripThroughJson() {
        WorkerSpec spec =
                new WorkerSpec("mpstore", "GET_EXISTING", "/s", "/s", 10, 100, 20, 1, 7, 0, 1, false, 250, true);

        String json = mapper.writeValueAsString(spec);

        assertThat(json).contains("\"settleMillis\":250").contains("\"cachesOff\":true");
        assertThat(mapper.readValue(json, WorkerSpec.class)).isEqualTo(spec);
    }

    @Test
    void zeroSettleTimeIsKeptAndNegativeIsRefused() {
        assertThat(new WorkerSpec("sqlite", "W2", "/s", null, 1, 1, 0, 1, 7, 0, 1, false, 0, false).settleMillis())
                .isZero();
        assertThatThrownBy(() -> new WorkerSpec("sqlite", "W2", "/s", null, 1, 1, 0, 1, 7, 0, 1, false, -1, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("settleMillis");
    }
}
