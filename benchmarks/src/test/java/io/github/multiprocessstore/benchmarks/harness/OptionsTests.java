package io.github.multiprocessstore.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.multiprocessstore.benchmarks.workload.WorkerSpec;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OptionsTests {

    @Test
    void misspeltOptionFailsNamingTheKnownOnes() {
        assertThatThrownBy(() -> Options.parse(List.of("--rep", "3"), Set.of("reps")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--rep")
                .hasMessageContaining("--reps");
    }

    @Test
    void numbersMayHaveSeparators() {
        Options options = Options.parse(List.of("--objects", "1_000_000"), Set.of("objects"));
        assertThat(options.intValue("objects", 1)).isEqualTo(1_000_000);
        assertThat(options.intValue("missing", 7)).isEqualTo(7);
    }

    @Test
    void settleTimeIsAnOptionOfTheRunAndOfTheScaleCommand() {
        for (Set<String> known : List.of(BenchmarkRun.OPTIONS, ScaleRun.OPTIONS)) {
            Options options = Options.parse(List.of("--settle-ms", "100"), known);
            assertThat(options.intValue("settle-ms", WorkerSpec.DEFAULT_SETTLE_MILLIS))
                    .isEqualTo(100);
            assertThat(Options.parse(List.of(), known).intValue("settle-ms", WorkerSpec.DEFAULT_SETTLE_MILLIS))
                    .isEqualTo(3_500);
        }
        assertThatThrownBy(() -> Options.parse(List.of("--settle", "100"), BenchmarkRun.OPTIONS))
                .hasMessageContaining("--settle-ms");
    }

    @Test
    void negativeNumberIsRefused() {
        Options options = Options.parse(List.of("--reps", "-1"), Set.of("reps"));
        assertThatThrownBy(() -> options.intValue("reps", 3)).hasMessageContaining("--reps");
    }
}
