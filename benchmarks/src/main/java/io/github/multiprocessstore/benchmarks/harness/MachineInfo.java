package io.github.multiprocessstore.benchmarks.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the results depend on, read off the machine the run is on: cores, CPU model, JDK, Node.js, the file system
 * of the store directories, and the load average (other work on the machine skews every number).
 */
record MachineInfo(int cores, String cpuModel, String jdk, String node, String fileSystem) {

    static MachineInfo read(Path storeDirectory) {
        return new MachineInfo(
                Runtime.getRuntime().availableProcessors(),
                readCpuModel(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                firstLine(List.of("node", "--version")),
                readFileSystem(storeDirectory));
    }

    /** The 1-, 5- and 15-minute load averages, as {@code /proc/loadavg} gives them. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** The 1-minute load average, or -1 if unknown. */
    static double loadAverageOneMinute() {
        try {
            return Double.parseDouble(loadAverage().split(" ")[0]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    String describe() {
        return cores + " cores (" + cpuModel + "), " + jdk + ", Node.js " + node + ", store file system: " + fileSystem;
    }

    private static String readCpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("unknown");
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static String readFileSystem(Path directory) {
        String output = firstLine(List.of("df", "-T", directory.toString()), 2);
        String[] fields = output.trim().split("\\s+");
        return fields.length > 1 ? fields[1] + " on " + fields[0] : output;
    }

    private static String firstLine(List<String> command) {
        return firstLine(command, 1);
    }

    private static String firstLine(List<String> command, int lineNumber) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
            process.waitFor(10, TimeUnit.SECONDS);
            return lines.size() >= lineNumber ? lines.get(lineNumber - 1).trim() : "unknown";
        } catch (IOException e) {
            return "not found (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
