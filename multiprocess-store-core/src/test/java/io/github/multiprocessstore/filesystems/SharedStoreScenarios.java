package io.github.multiprocessstore.filesystems;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.ChildJvm;
import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.StoreWorker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The multi-process claims that matter most, run by real child JVMs ({@link StoreWorker}) on one store reached
 * through one or several paths (several mounts of one shared file system stand for several hosts: worker
 * {@code w} uses path {@code w % paths}): racing creators have one winner; plain updates from one revision all
 * survive as conflicts; strict increments lose none.
 */
final class SharedStoreScenarios {

    private final Path work;
    private final List<Path> storePaths;
    private final int workers;
    private final int operations;

    /**
     * @param work       where barriers and the children's error files go (a local directory)
     * @param storePaths the store, as seen through each mount
     * @param workers    how many child JVMs race
     * @param operations how many operations each does
     */
    SharedStoreScenarios(Path work, List<Path> storePaths, int workers, int operations) {
        this.work = work;
        this.storePaths = storePaths;
        this.workers = workers;
        this.operations = operations;
    }

    void runAll() {
        racingCreatorsHaveExactlyOneWinner();
        updatesFromOneRevisionAllSurviveAsConflicts();
        strictIncrementsLoseNone();
    }

    void racingCreatorsHaveExactlyOneWinner() {
        List<String> ids =
                IntStream.range(0, operations).mapToObj(i -> "raced-" + i).toList();
        Path barrier = directory("barrier");
        Map<Integer, List<String>> outputs =
                runTogether("create-race", w -> List.of(String.join(",", ids), barrier.toString(), "" + workers));
        Map<String, Integer> winners = new HashMap<>();
        outputs.values()
                .forEach(lines -> lines.stream()
                        .filter(line -> line.startsWith("WON "))
                        .forEach(line -> winners.merge(line.substring(4), 1, Integer::sum)));
        try (ObjectStore store = ObjectStore.open(storePaths.get(0))) {
            for (String id : ids) {
                assertThat(winners.get(id)).as("winners of %s", id).isEqualTo(1);
                assertThat(names(storePaths.get(0).resolve(id)))
                        .as("files of %s", id)
                        .hasSize(1);
                assertThat(store.getObject(id).get("_rev").asString()).startsWith("0-");
            }
        }
    }

    void updatesFromOneRevisionAllSurviveAsConflicts() {
        String base;
        String chain;
        try (ObjectStore store = ObjectStore.open(storePaths.get(0))) {
            base = store.createObject(object("shared")).get("_rev").asString();
            chain = store.createObject(object("chain")).get("_rev").asString();
        }
        Map<Integer, List<String>> outputs =
                runTogether("update-same-base", w -> List.of("" + operations, "shared", base, "chain", chain));
        long written = outputs.values().stream()
                .flatMap(List::stream)
                .filter(line -> line.startsWith("SHARED "))
                .count();
        assertThat(written).isEqualTo((long) workers * operations);
        for (Path path : storePaths) {
            try (ObjectStore store = ObjectStore.open(path)) {
                assertThat(names(path.resolve("shared"))).hasSize(workers * operations + 1);
                assertThat(store.getConflicts("shared"))
                        .as("conflicts seen through %s", path)
                        .singleElement()
                        .satisfies(group -> assertThat(group).hasSize(workers * operations));
            }
        }
    }

    void strictIncrementsLoseNone() {
        try (ObjectStore store = ObjectStore.open(storePaths.get(0))) {
            store.createObject(object("counter").put("value", 0));
        }
        runTogether("increment", w -> List.of("" + operations, "counter"));
        for (Path path : storePaths) {
            try (ObjectStore store = ObjectStore.open(path)) {
                assertThat(store.getObject("counter").get("value").asInt())
                        .as("counter read through %s", path)
                        .isEqualTo(workers * operations);
                assertThat(store.getConflicts("counter")).isEmpty();
            }
        }
    }

    private Map<Integer, List<String>> runTogether(String command, java.util.function.IntFunction<List<String>> args) {
        List<ChildJvm> children = new ArrayList<>();
        try {
            for (int w = 0; w < workers; w++) {
                List<String> all = new ArrayList<>(
                        List.of(command, storePaths.get(w % storePaths.size()).toString(), "" + w));
                all.addAll(args.apply(w));
                children.add(ChildJvm.start(
                        work,
                        command + "-" + w + "-" + System.nanoTime(),
                        List.of(),
                        StoreWorker.class,
                        all.toArray(String[]::new)));
            }
            children.forEach(child -> child.awaitLine("READY"));
            children.forEach(child -> child.send("GO"));
            Map<Integer, List<String>> outputs = new LinkedHashMap<>();
            for (int w = 0; w < workers; w++) {
                outputs.put(w, children.get(w).awaitSuccess());
            }
            return outputs;
        } finally {
            children.forEach(ChildJvm::close);
        }
    }

    private Path directory(String name) {
        try {
            return Files.createDirectories(work.resolve(name + "-" + System.nanoTime()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> names(Path directory) {
        try (var entries = Files.list(directory)) {
            return entries.map(path -> path.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode object(String id) {
        return JsonNodeFactory.instance.objectNode().put("_id", id);
    }
}
