package io.github.multiprocessstore.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.benchmarks.workload.Contender;
import io.github.multiprocessstore.benchmarks.workload.Workload;
import org.junit.jupiter.api.Test;

class BenchmarkRunTests {

    @Test
    void w2fRunsByDefaultRightAfterW2() {
        assertThat(BenchmarkRun.WORKLOADS)
                .containsExactly(
                        Workload.W1, Workload.W2, Workload.W2F, Workload.W3, Workload.W4, Workload.W5, Workload.W6);
    }

    @Test
    void w2fHasTheContendersOfW2() {
        assertThat(BenchmarkRun.contendersOf(Workload.W2F))
                .isEqualTo(BenchmarkRun.contendersOf(Workload.W2))
                .containsExactly(Contender.MPSTORE, Contender.SQLITE, Contender.NPM, Contender.FLOOR);
    }

    @Test
    void eachProcessOfAMultiProcessWorkloadWarmsUpForHalfTheConfiguredOperations() {
        assertThat(BenchmarkRun.warmupOpsOf(Workload.W3, 10_000, 40_000)).isEqualTo(40_000);
        assertThat(BenchmarkRun.warmupOpsOf(Workload.W5, 2_500, 40_000)).isEqualTo(20_000);
        assertThat(BenchmarkRun.warmupOpsOf(Workload.W6, 500, 40_000)).isEqualTo(20_000);
    }

    @Test
    void aLongMeasurementWarmsUpForAFifthOfItsOperationsAtLeast() {
        assertThat(BenchmarkRun.warmupOpsOf(Workload.W2, 400_000, 40_000)).isEqualTo(80_000);
        assertThat(BenchmarkRun.warmupOpsOf(Workload.W3, 10_000, 0)).isEqualTo(2_000);
    }
}
