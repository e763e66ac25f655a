package io.github.multiprocessstore.benchmarks.workload;

import java.util.Arrays;
import java.util.Locale;

/**
 * What a worker process does. The measured workloads are those of the issue; {@link #SETUP} and {@link #VERIFY}
 * are the untimed steps around the multi-process ones.
 */
public enum Workload {

    /** Creates {@code objects} documents, untimed (before W5 and W6). */
    SETUP(false),
    /** Creates {@code objects} documents, one operation each. */
    W1(false),
    /**
     * {@code ops} random gets over {@code objects} documents, measured after the store has settled (see
     * {@link WorkerSpec#settleMillis()}): data written earlier, the common case.
     */
    W2(false),
    /**
     * W2 measured right after the fill, with no settle wait: every object was just written, so the engine may keep
     * no directory listing between reads (its worst case for gets).
     */
    W2F(false),
    /** {@code ops} random read-modify-write updates over {@code objects} documents, after the store has settled. */
    W3(false),
    /** Reads all {@code objects} documents, {@code repeats} times, after the store has settled. */
    W4(false),
    /** One of several processes, each doing read-modify-write updates of its own disjoint documents. */
    W5(true),
    /** One of several processes, all doing read-modify-write increments of the same document. */
    W6(true),
    /** Reads back W6's counter document: its counter, how many updates are stored, its conflicts. */
    VERIFY(false),
    /** Scale run: {@code ops} random gets over an existing store of {@code objects} documents (no setup). */
    GET_EXISTING(false),
    /** Scale run: visits every document of an existing store lazily (the engine's {@code streamObjects}). */
    ITERATE_EXISTING(false),
    /** Scale run: counts the documents of an existing store (the engine's {@code count}). */
    COUNT_EXISTING(false);

    private final boolean multiProcess;

    Workload(boolean multiProcess) {
        this.multiProcess = multiProcess;
    }

    /** Whether several worker processes run it at once, started together by the harness. */
    public boolean multiProcess() {
        return multiProcess;
    }

    /** Whether the worker fills the store itself, untimed, before measuring (W2, W2F, W3, W4). */
    public boolean fillsStore() {
        return this == W2 || this == W2F || this == W3 || this == W4;
    }

    /** Whether the worker waits for the store to settle between its fill and the measurement (W2, W3, W4). */
    public boolean settlesAfterFill() {
        return fillsStore() && this != W2F;
    }

    /**
     * The workload with this name.
     *
     * @param name e.g. {@code W3} (any case)
     * @return the workload
     * @throws IllegalArgumentException naming the known workloads if there is none
     */
    public static Workload of(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown workload '" + name + "'; known: " + Arrays.toString(values()), e);
        }
    }
}
