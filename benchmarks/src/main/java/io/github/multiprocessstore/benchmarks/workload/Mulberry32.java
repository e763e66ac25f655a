package io.github.multiprocessstore.benchmarks.workload;

/**
 * The small "mulberry32" pseudo-random generator, written out identically in the Node.js driver
 * ({@code src/main/node/driver.js}), so that Java and Node.js contenders visit the same ids in the same order for
 * the same seed. Not thread-safe; not for anything but choosing benchmark keys.
 */
public final class Mulberry32 {

    private int state;

    /**
     * @param seed the seed; equal seeds give equal sequences in Java and in the Node.js driver
     */
    public Mulberry32(int seed) {
        this.state = seed;
    }

    /**
     * The next value as an unsigned 32-bit number.
     *
     * @return a value in {@code [0, 2^32)}
     */
    public long nextUnsigned() {
        state += 0x6D2B79F5;
        int t = state;
        t = (t ^ (t >>> 15)) * (t | 1);
        t = (t + (t ^ (t >>> 7)) * (t | 61)) ^ t;
        return Integer.toUnsignedLong(t ^ (t >>> 14));
    }

    /**
     * The next value below a bound (modulo reduction: the tiny bias does not matter for choosing keys).
     *
     * @param bound exclusive upper bound, positive
     * @return a value in {@code [0, bound)}
     */
    public int nextInt(int bound) {
        return (int) (nextUnsigned() % bound);
    }
}
