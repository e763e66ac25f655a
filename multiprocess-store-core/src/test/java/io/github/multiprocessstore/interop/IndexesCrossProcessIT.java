package io.github.multiprocessstore.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.ChildJvm;
import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.indexes.IndexDefinition;
import io.github.multiprocessstore.indexes.IndexOptions;
import io.github.multiprocessstore.indexes.IndexedView;
import io.github.multiprocessstore.indexes.StoreIndexes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Indexes in this JVM while two other JVMs and the real npm package write the same store: a query never returns an
 * object that does not match, sees every write of this engine that another process completed before the query
 * started, and the npm package's writes (never journaled) reach the index by reconciliation. Nothing is timed; waits
 * are bounded by {@link ChildJvm#TIMEOUT} so that a bug fails instead of hanging.
 */
@ExtendWith(InteropSwitch.class)
class IndexesCrossProcessIT {

    private static final List<String> STEPPED = List.of("s0", "s1", "s2", "s3", "s4");
    private static final List<String> CHURNED = List.of("c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9");
    private static final List<String> NODE = List.of("n0", "n1", "n2");
    private static final List<String> CHURN_EMAILS = List.of("churn-0", "churn-1", "churn-2", "node-0", "node-1");

    @TempDir
    Path temp;

    private static JsonNode text(String value) {
        return JsonNodeFactory.instance.stringNode(value);
    }

    @Test
    void queriesWhileOtherJvmsAndTheNpmPackageWriteAreNeverWrongAndSeeEveryCompletedEngineWrite() throws Exception {
        Path dir = temp.resolve("store");
        try (ObjectStore setup = ObjectStore.builder(dir).durable(false).build()) {
            for (String id : concat(STEPPED, CHURNED, NODE)) {
                setup.createObject(
                        JsonNodeFactory.instance.objectNode().put("_id", id).put("email", "start"));
            }
        }
        NodeStore node = new NodeStore(dir);
        try (ObjectStore store = ObjectStore.builder(dir)
                        .durable(false)
                        .changeReconcileInterval(Duration.ofSeconds(1))
                        .build();
                StoreIndexes indexes = StoreIndexes.build(
                        store,
                        List.of(IndexDefinition.onPath("email")),
                        IndexOptions.defaults().withCatchUpTimeout(ChildJvm.TIMEOUT));
                ChildJvm stepper = ChildJvm.start(temp, "stepper", IndexWriterWorker.class, "step", dir.toString());
                ChildJvm churner = ChildJvm.start(
                        temp,
                        "churner",
                        IndexWriterWorker.class,
                        concat(List.of("churn", dir.toString(), "3000"), CHURNED)
                                .toArray(String[]::new))) {
            stepper.awaitLine("READY");
            churner.awaitLine("READY");

            AtomicBoolean running = new AtomicBoolean(true);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicLong queries = new AtomicLong();
            Map<String, Integer> seenFromIndex = new ConcurrentHashMap<>();
            Thread queryLoop = new Thread(() -> {
                try {
                    while (running.get()) {
                        for (String email : CHURN_EMAILS) {
                            for (ObjectNode found : indexes.findEqual("email", text(email))) {
                                // Never a wrong object, whatever the index held a moment ago.
                                assertThat(found.path("email").asString())
                                        .as("object %s found for %s", found.path("_id"), email)
                                        .isEqualTo(email);
                                seenFromIndex.merge(email, 1, Integer::sum);
                            }
                            queries.incrementAndGet();
                        }
                    }
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            Thread nodeWriter = new Thread(() -> {
                try {
                    for (int i = 0; i < 6; i++) {
                        ObjectNode object = node.getObject(NODE.get(i % NODE.size()));
                        node.updateObject(object.put("email", "node-" + (i % 2)));
                    }
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            queryLoop.start();
            nodeWriter.start();
            churner.send("GO");

            for (int i = 0; i < 150; i++) {
                String id = STEPPED.get(i % STEPPED.size());
                String email = "step-" + i;
                stepper.send("set " + id + " " + email);
                stepper.awaitLine("done " + id + " " + email);
                // The other JVM's write has returned: a query that starts now must see it, from the index.
                IndexedView view = indexes.current().orElseThrow();
                assertThat(view.idsEqual("email", text(email)))
                        .as("write %d", i)
                        .containsExactly(id);
                assertThat(indexes.findEqual("email", text(email)))
                        .extracting(o -> o.path("_id").asString())
                        .containsExactly(id);
            }
            stepper.send("quit");
            stepper.awaitSuccess();
            churner.awaitLine("END");
            nodeWriter.join(ChildJvm.TIMEOUT.toMillis());
            running.set(false);
            queryLoop.join(ChildJvm.TIMEOUT.toMillis());
            if (failure.get() != null) {
                throw new AssertionError("a concurrent query or the npm writer failed", failure.get());
            }
            assertThat(queries.get()).isPositive();

            // Now that everyone stopped, the index must agree with the files: the engine's writes at once, the npm
            // package's (not journaled) after a reconciliation.
            long deadline = System.nanoTime() + ChildJvm.TIMEOUT.toNanos();
            List<String> disagreements = disagreements(store, indexes);
            while (!disagreements.isEmpty() && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(100);
                disagreements = disagreements(store, indexes);
            }
            assertThat(disagreements).isEmpty();
            assertThat(store.getObject("n0").path("email").asString()).startsWith("node-");
        }
    }

    /** Objects whose current email the index does not list them under. */
    private static List<String> disagreements(ObjectStore store, StoreIndexes indexes) {
        IndexedView view = indexes.current().orElseThrow();
        List<String> wrong = new ArrayList<>();
        for (ObjectNode object : store.getAllObjects()) {
            String id = object.path("_id").asString();
            if (!view.idsEqual("email", object.path("email")).contains(id)) {
                wrong.add(id + "=" + object.path("email").asString());
            }
        }
        if (view.size("email") != store.count()) {
            wrong.add("size " + view.size("email") + " != " + store.count());
        }
        return wrong;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        IntStream.range(0, lists.length).forEach(i -> all.addAll(lists[i]));
        return all;
    }
}
