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
 */
public record WorkerSpec(String contender, String workload, String dir, String warmupDir, int objects, int ops,
        int warmupOps, int repeats, int seed, int processIndex, int processes, boolean waitForGo) {

    /** The id of the one document that W6's processes all increment. */
    public static final String COUNTER_ID = "obj-0000000";
}
