package io.github.multiprocessstore.benchmarks.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class Mulberry32Tests {

    /** Printed by the generator of src/main/node/driver.js for the same seeds, so both runtimes visit the same ids. */
    @Test
    void matchesTheNodeDriversGenerator() {
        Mulberry32 raw = new Mulberry32(7919);
        assertThat(LongStream.range(0, 5).map(i -> raw.nextUnsigned()).toArray())
                .containsExactly(2963954777L, 3185336596L, 1619560377L, 3470510072L, 1064352239L);
        Mulberry32 bounded = new Mulberry32(~7919);
        assertThat(IntStream.range(0, 5).map(i -> bounded.nextInt(10_000)).toArray())
                .containsExactly(9054, 3640, 5021, 4905, 9363);
    }

    @Test
    void staysWithinTheBound() {
        Mulberry32 random = new Mulberry32(1);
        assertThat(IntStream.range(0, 10_000).map(i -> random.nextInt(7))).allMatch(v -> v >= 0 && v < 7);
    }
}
