package io.github.multiprocessstore.benchmarks.jmh;

import io.github.multiprocessstore.RevisionName;
import io.github.multiprocessstore.internal.format.AlphanumComparator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-name steps of a directory listing: checking that a file name is a revision name, and the alphanum
 * comparison of two revision names, decided in the random part (same number) or by the number's length.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RevisionNameBenchmark {

    private String sameNumberA;
    private String sameNumberB;
    private String nine;
    private String ten;

    /** Makes the names. */
    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        sameNumberA = RevisionName.random(12, random).name();
        sameNumberB = RevisionName.random(12, random).name();
        nine = RevisionName.random(9, random).name();
        ten = RevisionName.random(10, random).name();
    }

    /** @return the comparison of two names with the same revision number (decided in the hex part) */
    @Benchmark
    public int compareSameNumber() {
        return AlphanumComparator.INSTANCE.compare(sameNumberA, sameNumberB);
    }

    /** @return the comparison of {@code 9-...} with {@code 10-...} (decided by the number's length) */
    @Benchmark
    public int compareNineWithTen() {
        return AlphanumComparator.INSTANCE.compare(nine, ten);
    }

    /** @return whether one name is a revision name (run on every name of every listing) */
    @Benchmark
    public boolean isValidName() {
        return RevisionName.isValid(sameNumberA);
    }
}
