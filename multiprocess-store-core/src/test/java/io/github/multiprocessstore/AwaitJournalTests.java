package io.github.multiprocessstore;

import static io.github.multiprocessstore.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.changes.ChangeSubscription;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ChangeSubscription#awaitJournal}: true only once the listener has returned from every change journaled
 * before the call, by any writer of the store; refused from the listener itself; false once closed. Waits are bounded
 * so that a bug fails instead of hanging; nothing is timed.
 */
class AwaitJournalTests {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    @Test
    void trueOnlyOnceTheListenerHasEveryWriteAnotherWriterJournaledBeforeTheCall() throws InterruptedException {
        Path dir = temp.resolve("s");
        Set<String> seen = ConcurrentHashMap.newKeySet();
        try (ObjectStore reading = ObjectStore.builder(dir).durable(false).build();
                ObjectStore writing = ObjectStore.builder(dir).durable(false).build();
                ChangeSubscription subscription = reading.subscribe(change -> seen.add(change.id()))) {
            for (int round = 0; round < 20; round++) {
                int from = round * 10;
                IntStream.range(from, from + 10).forEach(i -> writing.createObject(object("o" + i)));

                assertThat(subscription.awaitJournal(PATIENCE)).isTrue();
                assertThat(seen).as("round %d", round).hasSize(from + 10);
            }
        }
    }

    @Test
    void refusedFromTheListenerItWouldWaitFor() throws InterruptedException {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        CountDownLatch called = new CountDownLatch(1);
        AtomicReference<ChangeSubscription> self = new AtomicReference<>();
        try (ObjectStore store =
                        ObjectStore.builder(temp.resolve("s")).durable(false).build();
                LogCapture quiet = new LogCapture()) {
            self.set(store.subscribe(change -> {
                try {
                    self.get().awaitJournal(Duration.ZERO);
                } catch (Throwable e) {
                    thrown.set(e);
                }
                called.countDown();
            }));
            store.createObject(object("a"));
            assertThat(called.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(thrown.get())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("from another thread");
        }
    }

    @Test
    void falseOnceClosed() throws InterruptedException {
        try (ObjectStore store =
                ObjectStore.builder(temp.resolve("s")).durable(false).build()) {
            ChangeSubscription subscription = store.subscribe(change -> {});
            store.createObject(object("a"));
            assertThat(subscription.awaitJournal(PATIENCE)).isTrue();
            subscription.close();
            assertThat(subscription.awaitJournal(PATIENCE)).isFalse();
        }
    }
}
