package io.github.multiprocessstore.benchmarks.harness;

import io.github.multiprocessstore.benchmarks.workload.Contender;
import io.github.multiprocessstore.benchmarks.workload.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Turns the measurements of a run into Markdown: a throughput table (median and min-max over repetitions, and the
 * ratio to SQLite computed within each repetition before taking the median), W6's lost updates and conflicts, and
 * the targets marked met or missed. A ratio above 1 means faster than SQLite.
 */
final class Summary {

    /** What the tables were measured on and how. */
    record RunInfo(MachineInfo machine, String loadBefore, String loadAfter, Duration duration, String sizes) {}

    private static final List<Contender> ROW_ORDER = List.of(
            Contender.MPSTORE,
            Contender.MPSTORE_NO_JOURNAL,
            Contender.MPSTORE_BOUNDED,
            Contender.SQLITE,
            Contender.SQLITE_TXN,
            Contender.NPM,
            Contender.FLOOR,
            Contender.MPSTORE_DURABLE,
            Contender.SQLITE_DURABLE,
            Contender.FLOOR_DURABLE);

    private static final Map<Workload, String> TITLES = Map.of(
            Workload.W1, "W1 create",
            Workload.W2, "W2 get",
            Workload.W2F, "W2F get, just written (no settle)",
            Workload.W3, "W3 update (read-modify-write)",
            Workload.W4, "W4 read all",
            Workload.W5, "W5 several processes, disjoint objects",
            Workload.W6, "W6 several processes, one object");

    private final Map<Workload, Map<Contender, Map<Integer, JsonNode>>> byCase = new TreeMap<>();

    private Summary(List<? extends JsonNode> measurements) {
        for (JsonNode m : measurements) {
            byCase.computeIfAbsent(Workload.of(m.path("workload").asString()), w -> new TreeMap<>())
                    .computeIfAbsent(Contender.of(m.path("contender").asString()), c -> new TreeMap<>())
                    .put(m.path("rep").asInt(), m);
        }
    }

    static String render(List<? extends JsonNode> measurements, RunInfo info) {
        return new Summary(measurements).render(info);
    }

    private String render(RunInfo info) {
        StringBuilder out = new StringBuilder();
        out.append("Machine: ").append(info.machine().describe()).append(".  \n");
        out.append("Load average (1/5/15 min) before: ")
                .append(info.loadBefore())
                .append(", after: ")
                .append(info.loadAfter())
                .append(".  \n");
        out.append("Sizes: ")
                .append(info.sizes())
                .append(". Run time ")
                .append(info.duration().toMinutes())
                .append(" min ")
                .append(info.duration().toSecondsPart())
                .append(" s.\n\n");
        throughputTable(out);
        w6Table(out);
        targetsTable(out);
        floorTargetsTable(out);
        return out.toString();
    }

    private void throughputTable(StringBuilder out) {
        out.append("| Workload | Contender | ops/s (median) | ops/s (min-max) | x SQLite (median) | x SQLite (min-max)"
                + " | x npm (median) | x floor (median) | p50 us | p99 us | CPU us/op user+sys | errors |\n");
        out.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (var workload : byCase.entrySet()) {
            for (Contender contender : ROW_ORDER) {
                Map<Integer, JsonNode> reps = workload.getValue().get(contender);
                if (reps == null) {
                    continue;
                }
                List<Double> opsPerSec = values(reps, m -> m.path("opsPerSec").asDouble());
                List<Double> ratios = ratios(workload.getKey(), contender, contender.sqlitePeer());
                List<Double> versusNpm = contender == Contender.MPSTORE || contender == Contender.MPSTORE_BOUNDED
                        ? ratios(workload.getKey(), contender, Contender.NPM)
                        : List.of();
                List<Double> versusFloor =
                        contender.engine() ? ratios(workload.getKey(), contender, contender.floorPeer()) : List.of();
                long errors = reps.values().stream()
                        .mapToLong(m -> m.path("errors").asLong())
                        .sum();
                out.append("| ")
                        .append(TITLES.get(workload.getKey()))
                        .append(contender.durable() ? ", durable" : "")
                        .append(" | ")
                        .append(contender.label())
                        .append(" | ")
                        .append(number(Stats.median(opsPerSec)))
                        .append(" | ")
                        .append(number(Stats.min(opsPerSec)))
                        .append("-")
                        .append(number(Stats.max(opsPerSec)))
                        .append(" | ")
                        .append(contender == contender.sqlitePeer() ? "1" : ratio(Stats.median(ratios)))
                        .append(" | ")
                        .append(contender == contender.sqlitePeer() ? "" : range(ratios))
                        .append(" | ")
                        .append(versusNpm.isEmpty() ? "" : ratio(Stats.median(versusNpm)))
                        .append(" | ")
                        .append(versusFloor.isEmpty() ? "" : ratio(Stats.median(versusFloor)))
                        .append(" | ")
                        .append(micros(values(reps, m -> m.path("p50Micros").asDouble(Double.NaN))))
                        .append(" | ")
                        .append(micros(values(reps, m -> m.path("p99Micros").asDouble(Double.NaN))))
                        .append(" | ")
                        .append(cpuPerOp(reps))
                        .append(" | ")
                        .append(errors)
                        .append(" |\n");
            }
        }
        out.append('\n');
    }

    private void w6Table(StringBuilder out) {
        Map<Contender, Map<Integer, JsonNode>> w6 = byCase.get(Workload.W6);
        if (w6 == null) {
            return;
        }
        out.append("W6 correctness, one value per repetition:\n\n");
        out.append("| Contender | increments done | final counter | lost updates | updates stored | conflict losers"
                + " | stale retries | torn reads | errors |\n");
        out.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (Contender contender : ROW_ORDER) {
            Map<Integer, JsonNode> reps = w6.get(contender);
            if (reps == null) {
                continue;
            }
            out.append("| ").append(contender.label());
            for (String field : List.of(
                    "expectedCounter",
                    "finalCounter",
                    "lostUpdates",
                    "updatesStored",
                    "conflictLosers",
                    "retries",
                    "tornReads",
                    "errors")) {
                out.append(" | ")
                        .append(String.join(
                                " / ",
                                reps.values().stream()
                                        .map(m -> String.format(
                                                Locale.ROOT,
                                                "%,d",
                                                m.path(field).asLong()))
                                        .toList()));
            }
            out.append(" |\n");
        }
        out.append("\nLost updates = increments done - final counter. For the npm original the lost increments are "
                + "kept on disk as conflicting revisions (conflict losers); SQLite's read-then-UPDATE overwrites "
                + "them. For mpstore-bounded, updates stored counts the revisions its history limit moved to the "
                + "trash as well.\n\n");
    }

    private void targetsTable(StringBuilder out) {
        out.append("Targets of issue 6 (median of the per-repetition ratios; min-max in brackets):\n\n");
        out.append("| Target | Measured | Verdict |\n|---|---|---|\n");
        for (Workload workload : BenchmarkRun.WORKLOADS) {
            target(
                    out,
                    TITLES.get(workload) + ": at least 5x the npm original",
                    ratios(workload, Contender.MPSTORE, Contender.NPM),
                    5.0);
        }
        long engineErrors = byCase.values().stream()
                .flatMap(m -> m.entrySet().stream())
                .filter(e -> e.getKey() == Contender.MPSTORE
                        || e.getKey() == Contender.MPSTORE_BOUNDED
                        || e.getKey() == Contender.MPSTORE_DURABLE)
                .flatMap(e -> e.getValue().values().stream())
                .mapToLong(m -> m.path("errors").asLong())
                .sum();
        out.append("| zero errors (mpstore, mpstore-bounded, mpstore-durable, all workloads) | ")
                .append(engineErrors)
                .append(" errors | ")
                .append(engineErrors == 0 ? "met" : "**missed**")
                .append(" |\n");
        target(out, "W5 at least 1.2x SQLite", ratios(Workload.W5, Contender.MPSTORE, Contender.SQLITE), 1.2);
        target(
                out,
                "W5 durable at least 1.2x SQLite FULL",
                ratios(Workload.W5, Contender.MPSTORE_DURABLE, Contender.SQLITE_DURABLE),
                1.2);
        w6Targets(out, Contender.MPSTORE, "", " (read-then-UPDATE)");
        // the bounded history is a separate configuration of the engine: its own lines, not mixed into mpstore's
        String bounded = " (" + Contender.MPSTORE_BOUNDED.label() + ", historyLimit "
                + Contender.MPSTORE_BOUNDED.historyLimit() + ")";
        w6Targets(out, Contender.MPSTORE_BOUNDED, bounded, bounded);
        target(out, "get (W2) at least 0.8x SQLite", ratios(Workload.W2, Contender.MPSTORE, Contender.SQLITE), 0.8);
        // informational: the same target for objects written just before the gets (no kept listings possible)
        target(
                out,
                "W2F get, just written: at least 0.8x SQLite",
                ratios(Workload.W2F, Contender.MPSTORE, Contender.SQLITE),
                0.8);
        target(out, "update (W3) at least 1.0x SQLite", ratios(Workload.W3, Contender.MPSTORE, Contender.SQLITE), 1.0);
        target(out, "create (W1) at least 0.3x SQLite", ratios(Workload.W1, Contender.MPSTORE, Contender.SQLITE), 0.3);
        target(
                out,
                "read all (W4) at least 0.35x SQLite",
                ratios(Workload.W4, Contender.MPSTORE, Contender.SQLITE),
                0.35);
        target(
                out,
                "durable create (W1) at least 0.5x SQLite FULL",
                ratios(Workload.W1, Contender.MPSTORE_DURABLE, Contender.SQLITE_DURABLE),
                0.5);
        target(
                out,
                "durable update (W3) at least 0.5x SQLite FULL",
                ratios(Workload.W3, Contender.MPSTORE_DURABLE, Contender.SQLITE_DURABLE),
                0.5);
        out.append("| 1,000,000 objects (get p50, iterate in 128 MB) | see the scale run | |\n");
    }

    /** The targets of issue 14: the write path against the layout's own floor, measured in the same repetition. */
    private void floorTargetsTable(StringBuilder out) {
        StringBuilder rows = new StringBuilder();
        for (Workload workload : List.of(Workload.W1, Workload.W3, Workload.W5)) {
            target(
                    rows,
                    TITLES.get(workload) + ": at least 0.9x the floor",
                    ratios(workload, Contender.MPSTORE, Contender.FLOOR),
                    0.9);
            target(
                    rows,
                    TITLES.get(workload) + ", durable: at least 0.9x the durable floor",
                    ratios(workload, Contender.MPSTORE_DURABLE, Contender.FLOOR_DURABLE),
                    0.9);
        }
        target(rows, "W5 at least 1.0x SQLite", ratios(Workload.W5, Contender.MPSTORE, Contender.SQLITE), 1.0);
        target(
                rows,
                "W6 at least 0.5x SQLite's BEGIN IMMEDIATE read-modify-write",
                ratios(Workload.W6, Contender.MPSTORE, Contender.SQLITE_TXN),
                0.5);
        target(
                rows,
                "W2F get, just written: at least 0.8x SQLite",
                ratios(Workload.W2F, Contender.MPSTORE, Contender.SQLITE),
                0.8);
        if (rows.isEmpty()) {
            return;
        }
        out.append("\nTargets of issue 14 (median of the per-repetition ratios; min-max in brackets):\n\n");
        out.append("| Target | Measured | Verdict |\n|---|---|---|\n");
        out.append(rows);
    }

    /** W6's two targets for one engine contender: no lost update, and at least half SQLite's read-then-UPDATE. */
    private void w6Targets(StringBuilder out, Contender engine, String lostSuffix, String speedSuffix) {
        Optional<Long> lost = Optional.ofNullable(byCase.get(Workload.W6))
                .map(m -> m.get(engine))
                .map(reps -> reps.values().stream()
                        .mapToLong(m -> m.path("lostUpdates").asLong())
                        .sum());
        lost.ifPresent(l -> out.append("| W6 zero lost updates")
                .append(lostSuffix)
                .append(" | ")
                .append(l)
                .append(" lost | ")
                .append(l == 0 ? "met" : "**missed**")
                .append(" |\n"));
        target(out, "W6 at least 0.5x SQLite" + speedSuffix, ratios(Workload.W6, engine, Contender.SQLITE), 0.5);
    }

    private static void target(StringBuilder out, String name, List<Double> ratios, double threshold) {
        if (ratios.isEmpty()) {
            return;
        }
        double median = Stats.median(ratios);
        String verdict = median >= threshold
                ? (Stats.min(ratios) >= threshold ? "met" : "met (median; not in every repetition)")
                : "**missed**";
        out.append("| ")
                .append(name)
                .append(" | ")
                .append(ratio(median))
                .append("x (")
                .append(range(ratios))
                .append(") | ")
                .append(verdict)
                .append(" |\n");
    }

    /** For each repetition that measured both, {@code contender}'s throughput over {@code peer}'s. */
    private List<Double> ratios(Workload workload, Contender contender, Contender peer) {
        Map<Contender, Map<Integer, JsonNode>> cases = byCase.getOrDefault(workload, Map.of());
        Map<Integer, JsonNode> mine = cases.getOrDefault(contender, Map.of());
        Map<Integer, JsonNode> theirs = cases.getOrDefault(peer, Map.of());
        List<Double> ratios = new ArrayList<>();
        for (var rep : mine.entrySet()) {
            JsonNode other = theirs.get(rep.getKey());
            if (other != null && other.path("opsPerSec").asDouble() > 0) {
                ratios.add(rep.getValue().path("opsPerSec").asDouble()
                        / other.path("opsPerSec").asDouble());
            }
        }
        return ratios;
    }

    private static List<Double> values(Map<Integer, JsonNode> reps, Function<JsonNode, Double> field) {
        return reps.values().stream().map(field).filter(v -> !v.isNaN()).toList();
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String ratio(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, value < 10 ? "%.2f" : "%.1f", value);
    }

    private static String range(List<Double> values) {
        return values.isEmpty() ? "" : ratio(Stats.min(values)) + "-" + ratio(Stats.max(values));
    }

    /** Median over repetitions of the workers' user and system CPU time per operation. */
    private static String cpuPerOp(Map<Integer, JsonNode> reps) {
        List<Double> user = values(
                reps,
                m -> m.has("cpuUserMicros")
                        ? m.path("cpuUserMicros").asDouble()
                                / Math.max(1, m.path("ops").asDouble())
                        : Double.NaN);
        List<Double> system = values(
                reps,
                m -> m.has("cpuSystemMicros")
                        ? m.path("cpuSystemMicros").asDouble()
                                / Math.max(1, m.path("ops").asDouble())
                        : Double.NaN);
        if (user.isEmpty() || system.isEmpty()) {
            return "";
        }
        return String.format(Locale.ROOT, "%.1f+%.1f", Stats.median(user), Stats.median(system));
    }

    private static String micros(List<Double> values) {
        double median = Stats.median(values);
        return Double.isNaN(median) ? "" : String.format(Locale.ROOT, median < 100 ? "%.1f" : "%,.0f", median);
    }
}
