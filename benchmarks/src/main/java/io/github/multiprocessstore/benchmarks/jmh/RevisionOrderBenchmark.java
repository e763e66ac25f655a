package io.github.multiprocessstore.benchmarks.jmh;

import io.github.multiprocessstore.RevisionName;
import io.github.multiprocessstore.internal.format.Revisions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The winner election of every read: {@code Revisions.winner} over the names of one object directory, from a fresh
 * object (1 name) to one with a long history (1,000 names, what W6 leaves behind), names in directory (unsorted)
 * order.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RevisionOrderBenchmark {

    /** How many revision files the object directory holds. */
    @Param({"1", "4", "64", "1000"})
    public int revisions;

    private List<String> names;

    /** Makes the names: one per revision number 0..revisions-1, shuffled as a directory listing would be. */
    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        names = new ArrayList<>();
        for (int n = 0; n < revisions; n++) {
            names.add(RevisionName.random(n, random).name());
        }
        Collections.shuffle(names, new Random(7));
    }

    /** @return the winner of the object directory's names */
    @Benchmark
    public Optional<String> winner() {
        return Revisions.winner(names);
    }
}
