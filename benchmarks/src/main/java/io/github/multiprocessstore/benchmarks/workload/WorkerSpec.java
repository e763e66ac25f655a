package io.github.multiprocessstore.benchmarks.workload;

/**
 * Everything a worker process needs to run one workload, passed as one JSON argument to the Java worker and to the
 * Node.js driver alike.
 *
 * @param contender    the contender's label
 * @param workload     the workload's name
 * @param dir          the fresh store directory to measure on
 * @param warmupDir    a second fresh directory for the warm-up, or null for none
 * @param objects      how many documents the store holds (or W1 creates)
 * @param ops          how many operations are measured (gets, updates; for W5/W6 this process's share)
 * @param warmupOps    how many operations the warm-up runs (on {@code warmupDir}, with as many documents)
 * @param repeats      W4: how many times all documents are read
 * @param seed         seed of the key sequence; equal for all contenders of one repetition
 * @param processIndex W5/W6: this process's index, from 0
 * @param processes    W5/W6: how many processes run at once
 * @param waitForGo    whether to print {@code ready} after the warm-up and wait for a {@code go} line on stdin
 * @param settleMillis W2, W3, W4: how long to wait after the untimed fill of the store before the measurement (not
 *                     in the warm-up, not in the measured or CPU time), so that the objects are older than the
 *                     engine's 3-second rule for keeping directory listings, as data written earlier is; W2F never
 *                     waits. Null (missing from the JSON) means {@link #DEFAULT_SETTLE_MILLIS}
 * @param cachesOff    this engine only: open the store with {@code readCacheBytes(0)} and {@code keepListings(false)},
 *                     so that every read lists the directory and reads and parses the file; null (missing from
 *                     the JSON) means false
 */
public record WorkerSpec(
        String contender,
        String workload,
        String dir,
        String warmupDir,
        int objects,
        int ops,
        int warmupOps,
        int repeats,
        int seed,
        int processIndex,
        int processes,
        boolean waitForGo,
        Integer settleMillis,
        Boolean cachesOff) {

    /** The id of the one document that W6's processes all increment. */
    public static final String COUNTER_ID = "obj-0000000";

    /**
     * The default wait between filling a store and reading it: longer than the 3 seconds an object directory must
     * have been left unchanged before the engine keeps its listing between reads.
     */
    public static final int DEFAULT_SETTLE_MILLIS = 3_500;

    /** Fills in the defaults of the fields that specs written by hand may lack; refuses a negative settle time. */
    public WorkerSpec {
        if (cachesOff == null) {
            cachesOff = false;
        }
        if (settleMillis == null) {
            settleMillis = DEFAULT_SETTLE_MILLIS;
        } else if (settleMillis < 0) {
            throw new IllegalArgumentException("settleMillis must not be negative, was " + settleMillis);
        }
    }
}
