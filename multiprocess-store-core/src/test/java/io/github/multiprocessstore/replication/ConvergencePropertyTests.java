package io.github.multiprocessstore.replication;

import static io.github.multiprocessstore.TestJson.object;
import static io.github.multiprocessstore.TestJson.with;
import static io.github.multiprocessstore.replication.StoreFixtures.FAST;
import static io.github.multiprocessstore.replication.StoreFixtures.deleteTree;
import static io.github.multiprocessstore.replication.StoreFixtures.retired;
import static io.github.multiprocessstore.replication.StoreFixtures.rev;
import static io.github.multiprocessstore.replication.StoreFixtures.revisionFiles;
import static io.github.multiprocessstore.replication.StoreFixtures.stateOnDisk;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.ObjectAlreadyExistsException;
import io.github.multiprocessstore.ObjectNotFoundException;
import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.compaction.CompactionPolicy;
import io.github.multiprocessstore.compaction.Compactor;
import io.github.multiprocessstore.internal.format.ObjectIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;
import tools.jackson.databind.node.ObjectNode;

/**
 * Eventual consistency, the original's "one thousand hosts" promise: three stores receive random creates, updates
 * (conflicting ones from the same base included), deletes, resolutions, compactions and replications; then every
 * ordered pair replicates, twice, in random orders. Afterwards every store holds the same files, elects the same
 * winner for every object, reports the same conflicts, and every acknowledged write is either live in every store
 * or retired (by a resolution or a compaction) with a record in every store.
 */
class ConvergencePropertyTests {

    private static final int STORES = 3;
    private static final List<String> IDS = List.of("a", "b", "c", "d", "id with/slash");

    enum Kind {
        CREATE,
        UPDATE,
        CONFLICTING_UPDATE,
        DELETE,
        RESOLVE,
        REPLICATE,
        COMPACT
    }

    /** One step of the random history; {@code choice} picks among what the step can do. */
    record Step(Kind kind, int store, int other, int object, int choice) {}

    /** One replication of the final exchange. */
    record Pair(int from, int to) {}

    private Path root;
    private final List<ObjectStore> stores = new ArrayList<>();
    /** Every revision a write returned, by id. */
    private final Map<String, Set<String>> acknowledged = new TreeMap<>();

    @BeforeTry
    void createDirectory() throws IOException {
        root = Files.createTempDirectory("convergence");
        stores.clear();
        acknowledged.clear();
    }

    @AfterTry
    void deleteDirectory() {
        deleteTree(root);
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        Arbitrary<Kind> kinds = Arbitraries.frequency(
                Tuple.of(4, Kind.CREATE),
                Tuple.of(5, Kind.UPDATE),
                Tuple.of(3, Kind.CONFLICTING_UPDATE),
                Tuple.of(2, Kind.DELETE),
                Tuple.of(3, Kind.RESOLVE),
                Tuple.of(4, Kind.REPLICATE),
                Tuple.of(1, Kind.COMPACT));
        Arbitrary<Integer> store = Arbitraries.integers().between(0, STORES - 1);
        Arbitrary<Step> step = Combinators.combine(
                        kinds,
                        store,
                        store,
                        Arbitraries.integers().between(0, IDS.size() - 1),
                        Arbitraries.integers().between(0, 11))
                .as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(40);
    }

    @Provide
    Arbitrary<List<Pair>> exchanges() {
        List<Pair> pairs = new ArrayList<>();
        for (int from = 0; from < STORES; from++) {
            for (int to = 0; to < STORES; to++) {
                if (from != to) {
                    pairs.add(new Pair(from, to));
                }
            }
        }
        return Arbitraries.shuffle(pairs);
    }

    @Property(tries = 50)
    void everyStoreConvergesToTheSameWinnersAndConflictsWithoutLosingAnAcknowledgedWrite(
            @ForAll("histories") List<Step> history,
            @ForAll("exchanges") List<Pair> firstRound,
            @ForAll("exchanges") List<Pair> secondRound,
            @ForAll long seed) {
        for (int i = 0; i < STORES; i++) {
            long storeSeed = seed * 31 + i;
            stores.add(ObjectStore.builder(root.resolve("store-" + i))
                    .durable(false)
                    .randomSource(() -> new SplittableRandom(storeSeed))
                    .build());
        }
        for (Step step : history) {
            apply(step);
        }
        for (List<Pair> round : List.of(firstRound, secondRound)) {
            for (Pair pair : round) {
                Replicator.replicate(
                        stores.get(pair.from()).path(), stores.get(pair.to()).path(), FAST);
            }
        }

        ObjectStore first = stores.get(0);
        for (ObjectStore store : stores) {
            assertThat(stateOnDisk(store.path()))
                    .as("files of %s", store.path())
                    .isEqualTo(stateOnDisk(first.path()));
            assertThat(store.getAllConflicts()).isEqualTo(first.getAllConflicts());
            assertThat(store.getAllObjects()).isEqualTo(first.getAllObjects());
            for (String id : IDS) {
                assertThat(store.findObject(id)).as("winner of %s", id).isEqualTo(first.findObject(id));
                assertThat(conflicts(store, id)).as("conflicts of %s", id).isEqualTo(conflicts(first, id));
            }
        }
        // Nothing acknowledged is missing: each revision is live, or retired with a record, in every store; and
        // nothing that was not written appeared.
        for (Map.Entry<String, Set<String>> entry : acknowledged.entrySet()) {
            String name = ObjectIds.encode(entry.getKey());
            for (ObjectStore store : stores) {
                Set<String> live = new TreeSet<>(revisionFiles(store.path(), name));
                Set<String> expected = new TreeSet<>(entry.getValue());
                expected.removeAll(retired(store.path(), name));
                assertThat(live)
                        .as("revisions of %s in %s", entry.getKey(), store.path())
                        .isEqualTo(expected);
            }
        }
    }

    private void apply(Step step) {
        ObjectStore store = stores.get(step.store());
        String id = IDS.get(step.object());
        switch (step.kind()) {
            case CREATE -> {
                try {
                    acknowledge(store.createObject(object(id, "step", step.toString())));
                } catch (ObjectAlreadyExistsException exists) {
                    // the id is live in this store: nothing written
                }
            }
            case UPDATE ->
                store.findObject(id)
                        .ifPresent(current -> acknowledge(store.updateObject(with(current, "choice", step.choice()))));
            case CONFLICTING_UPDATE ->
                store.findObject(id).ifPresent(current -> {
                    acknowledge(store.updateObject(with(current, "side", "left")));
                    acknowledge(store.updateObject(with(current, "side", "right")));
                });
            case DELETE -> {
                if (store.exists(id)) {
                    String tombstone = store.deleteObject(id);
                    acknowledged.computeIfAbsent(id, k -> new HashSet<>()).add(tombstone);
                }
            }
            case RESOLVE -> {
                List<List<String>> groups = conflicts(store, id).orElse(List.of());
                if (!groups.isEmpty()) {
                    List<String> group = groups.get(step.choice() % groups.size());
                    store.resolveConflict(id, group.get(step.choice() % group.size()));
                }
            }
            case REPLICATE -> {
                if (step.store() != step.other()) {
                    Replicator.replicate(store.path(), stores.get(step.other()).path(), FAST);
                }
            }
            case COMPACT -> {
                CompactionPolicy policy =
                        CompactionPolicy.defaults().withDurable(false).withKeepRevisions(1 + step.choice() % 3);
                policy = step.choice() % 2 == 0
                        ? policy.withDeletedObjectRetention(Duration.ZERO)
                        : policy.withDeletedObjectsKept();
                Compactor.compact(store.path(), policy);
            }
        }
    }

    private void acknowledge(ObjectNode written) {
        acknowledged
                .computeIfAbsent(written.get("_id").asString(), k -> new HashSet<>())
                .add(rev(written));
    }

    private static Optional<List<List<String>>> conflicts(ObjectStore store, String id) {
        try {
            return Optional.of(store.getConflicts(id));
        } catch (ObjectNotFoundException absent) {
            return Optional.empty();
        }
    }
}
