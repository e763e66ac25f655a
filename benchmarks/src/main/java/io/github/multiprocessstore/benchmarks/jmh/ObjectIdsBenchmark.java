package io.github.multiprocessstore.benchmarks.jmh;

import io.github.multiprocessstore.RevisionName;
import io.github.multiprocessstore.internal.format.ObjectIds;
import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Names on the hot paths: mapping an id to its directory name (every operation; plain ids are the common case,
 * others are percent-encoded) and back (every directory entry of a listing), and making a new revision name (every
 * write) with the default {@link SecureRandom} per thread against a fast non-cryptographic generator.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ObjectIdsBenchmark {

    private final String plainId = "obj-0001234";
    private final String encodedId = "customers/Zoë Müller #42";
    private final String encodedName = ObjectIds.encode(encodedId);
    private final SecureRandom secureRandom = new SecureRandom();
    private final SplittableRandom splittableRandom = new SplittableRandom(42);

    /** @return the directory name of a plain id (the id itself, after validation) */
    @Benchmark
    public String encodePlain() {
        return ObjectIds.encode(plainId);
    }

    /** @return the directory name of an id that needs percent-encoding */
    @Benchmark
    public String encodeNonPlain() {
        return ObjectIds.encode(encodedId);
    }

    /** @return the id of a plain directory name */
    @Benchmark
    public String decodePlain() {
        return ObjectIds.decode(plainId);
    }

    /** @return the id of a percent-encoded directory name */
    @Benchmark
    public String decodeNonPlain() {
        return ObjectIds.decode(encodedName);
    }

    /** @return a new revision name from the engine's default random source, a {@link SecureRandom} */
    @Benchmark
    public RevisionName newRevisionSecureRandom() {
        return RevisionName.random(7, secureRandom);
    }

    /** @return a new revision name from {@link SplittableRandom}, for comparison */
    @Benchmark
    public RevisionName newRevisionSplittableRandom() {
        return RevisionName.random(7, splittableRandom);
    }
}
