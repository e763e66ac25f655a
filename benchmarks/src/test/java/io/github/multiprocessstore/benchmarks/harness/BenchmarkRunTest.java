package io.github.multiprocessstore.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.github.multiprocessstore.benchmarks.workload.Contender;
import io.github.multiprocessstore.benchmarks.workload.Workload;

class BenchmarkRunTest {

    @Test
    void w2fRunsByDefaultRightAfterW2() {
        assertThat(BenchmarkRun.WORKLOADS).containsExactly(Workload.W1, Workload.W2, Workload.W2F, Workload.W3,
                Workload.W4, Workload.W5, Workload.W6);
    }

    @Test
    void w2fHasTheContendersOfW2() {
        assertThat(BenchmarkRun.contendersOf(Workload.W2F)).isEqualTo(BenchmarkRun.contendersOf(Workload.W2))
                .containsExactly(Contender.MPSTORE, Contender.SQLITE, Contender.NPM);
    }
}
