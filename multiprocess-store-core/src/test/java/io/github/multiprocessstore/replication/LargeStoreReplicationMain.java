package io.github.multiprocessstore.replication;

import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.compaction.CompactionPolicy;
import io.github.multiprocessstore.compaction.CompactionResult;
import io.github.multiprocessstore.compaction.Compactor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Measures replication of two large stores that differ by a few revisions: the cost of comparing names, and proof
 * (through the read seam) that only the copied files are read. Not a test and not run by the build (benchmarks
 * belong to their own module); run it by hand from the module directory:
 *
 * <pre>
 * ./mvnw -pl multiprocess-store-core test-compile
 * java -cp "target/test-classes:target/classes:$(cat cp.txt)" \
 *     io.github.multiprocessstore.replication.LargeStoreReplicationMain /tmp/large 100000 10
 * </pre>
 * (with {@code cp.txt} from {@code ./mvnw -pl multiprocess-store-core dependency:build-classpath
 * -Dmdep.outputFile=cp.txt}). Arguments: a work directory (deleted and recreated), the number of objects, the number
 * of differing revisions.
 */
public final class LargeStoreReplicationMain {

    private LargeStoreReplicationMain() {}

    /**
     * Runs the measurement.
     *
     * @param args work directory, objects (default 100000), differing revisions (default 10)
     * @throws IOException if the work directory cannot be prepared
     */
    public static void main(String[] args) throws IOException {
        Path work = Path.of(args.length > 0 ? args[0] : "/tmp/mpstore-large");
        int objects = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int differences = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        StoreFixtures.deleteTree(work);
        Files.createDirectories(work);
        Path a = work.resolve("a");
        Path b = work.resolve("b");
        ObjectStore storeA = ObjectStore.builder(a).durable(false).build();

        long start = System.nanoTime();
        for (int i = 0; i < objects; i++) {
            storeA.createObject(JsonNodeFactory.instance
                    .objectNode()
                    .put("_id", "object-" + i)
                    .put("n", i)
                    .put("text", "some content to make the file look like a real object"));
        }
        report("create " + objects + " objects in A (not durable)", start);

        ReplicationOptions options = ReplicationOptions.defaults().withDurable(false);
        start = System.nanoTime();
        ReplicationResult full = Replicator.replicate(a, b, options);
        report("full replication A -> B, " + full.revisionsCopied() + " revisions copied", start);

        for (int round = 1; round <= 3; round++) {
            for (int i = 0; i < differences; i++) {
                int index = (int) ((long) (i + round * differences) * 7919 % objects);
                ObjectNode current = storeA.getObject("object-" + index);
                storeA.updateObject(current.put("round", round));
            }
            measure(
                    "round " + round + ": A -> B, stores differing by " + differences + " revisions, durable",
                    a,
                    b,
                    ReplicationOptions.defaults());
            measure("round " + round + ": B -> A, nothing to do", b, a, options);
            measure("round " + round + ": A -> B, nothing to do, parallelism 1", a, b, options.withParallelism(1));
        }

        start = System.nanoTime();
        CompactionResult compaction =
                Compactor.compact(a, CompactionPolicy.defaults().withDurable(false));
        report("compaction of A (keep 1): " + compaction.revisionsRetired() + " revisions retired", start);
        measure("A -> B after compacting A: retirements carried over", a, b, options);
    }

    private static void measure(String what, Path source, Path target, ReplicationOptions options) {
        AtomicLong reads = new AtomicLong();
        long start = System.nanoTime();
        ReplicationResult result = new ReplicationRun(source, target, options, file -> reads.incrementAndGet()).run();
        report(
                what + ": compared " + result.objectsCompared() + ", copied " + result.revisionsCopied()
                        + ", retired " + result.revisionsRetired() + ", files read " + reads.get() + " (parallelism "
                        + options.parallelism() + ")",
                start);
    }

    private static void report(String what, long start) {
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("%-130s %8d ms%n", what, took.toMillis());
    }
}
