package io.github.multiprocessstore.benchmarks.workload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time this process has used, split into user and kernel (system) time, from {@code /proc/self/stat}: tells
 * whether a workload's time goes to the JVM's own work or to system calls. All threads count (JIT, GC, parallel
 * reads). Resolution is one clock tick (10 ms); zeros where {@code /proc} is missing.
 */
final class ProcessCpu {

    /** Linux reports these fields in clock ticks of 1/100 s on every common configuration. */
    private static final long MICROS_PER_TICK = 10_000;

    private ProcessCpu() {}

    /** @return {user, system} CPU time in microseconds */
    static long[] userAndSystemMicros() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // The command name (field 2) may hold spaces; the fields after its closing parenthesis are fixed.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {
                Long.parseLong(fields[11]) * MICROS_PER_TICK, Long.parseLong(fields[12]) * MICROS_PER_TICK
            };
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }
}
