package io.github.multiprocessstore.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void misspeltOptionFailsNamingTheKnownOnes() {
        assertThatThrownBy(() -> Options.parse(List.of("--rep", "3"), Set.of("reps")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--rep").hasMessageContaining("--reps");
    }

    @Test
    void numbersMayHaveSeparators() {
        Options options = Options.parse(List.of("--objects", "1_000_000"), Set.of("objects"));
        assertThat(options.intValue("objects", 1)).isEqualTo(1_000_000);
        assertThat(options.intValue("missing", 7)).isEqualTo(7);
    }

    @Test
    void negativeNumberIsRefused() {
        Options options = Options.parse(List.of("--reps", "-1"), Set.of("reps"));
        assertThatThrownBy(() -> options.intValue("reps", 3)).hasMessageContaining("--reps");
    }
}
