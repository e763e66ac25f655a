package io.github.multiprocessstore.readme;

import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.changes.Change;
import io.github.multiprocessstore.changes.ChangeBatch;
import io.github.multiprocessstore.changes.ChangeSubscription;
import io.github.multiprocessstore.changes.ChangeToken;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.node.ObjectNode;

public class ChangeFeedExample {

    /** Reads a store's feed from the beginning, keeps its position, and follows it to keep a cache fresh. */
    public static String follow(ObjectStore store, Map<String, ObjectNode> cache) throws InterruptedException {
        ChangeBatch batch = store.changes(ChangeToken.BEGINNING); // every live object once (CREATED), then changes
        for (Change change : batch.changes()) {
            System.out.println(change.id() + " " + change.kind()); // ids and revisions only, never contents
        }
        String stored = batch.next().toString(); // keep it anywhere: a file, a database, an SSE id
        ChangeBatch later = store.changes(ChangeToken.parse(stored)); // after a restart: what came since, or a reset
        System.out.println(later.changes().size() + " changes since");

        CountDownLatch evicted = new CountDownLatch(1);
        try (ChangeSubscription subscription = store.subscribe(ChangeToken.parse(stored), change -> {
            cache.remove(change.id()); // pushed from the subscription's own thread
            evicted.countDown();
        })) {
            store.updateObjectAtomically("alice", alice -> alice.put("visits", 1)); // or any other process's write
            evicted.await(10, TimeUnit.SECONDS);
        }
        return stored;
    }
}
