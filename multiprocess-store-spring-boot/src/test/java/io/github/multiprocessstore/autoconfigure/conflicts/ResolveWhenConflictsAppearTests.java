package io.github.multiprocessstore.autoconfigure.conflicts;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.StoreRoot;
import io.github.multiprocessstore.autoconfigure.MultiprocessStoreAutoConfiguration;
import io.github.multiprocessstore.autoconfigure.changes.MultiprocessStoreChangesAutoConfiguration;
import io.github.multiprocessstore.autoconfigure.conflicts.ConflictResolversTests.JoiningResolver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Under the {@code resolve} policy a conflict made by another store instance (as another process would) is resolved
 * when the change feed reports it, long before the next background scan; under {@code report} it stays.
 */
class ResolveWhenConflictsAppearTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withUserConfiguration(ConflictsApplication.class)
            .withConfiguration(AutoConfigurations.of(
                    MultiprocessStoreAutoConfiguration.class, MultiprocessStoreChangesAutoConfiguration.class))
            .withBean(JoiningResolver.class);

    @TempDir
    Path store;

    @Test
    void aConflictReportedByTheFeedIsResolvedWithoutWaitingForTheScan() {
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + store,
                        "multiprocess.store.durable=false",
                        "multiprocess.store.conflict-scan-interval=1h")
                .run(context -> {
                    ObjectStore pages = StoreRoot.open(store, builder -> builder.durable(false))
                            .collection("pages");
                    ConflictPoliciesTests.conflict(pages, "about", "{\"text\":\"one\"}", "{\"text\":\"two\"}");

                    List<List<String>> left = awaitNoConflict(pages, "about");

                    assertThat(left).isEmpty();
                    assertThat(pages.getObject("about").get("text").asString()).contains(" + ");
                });
    }

    @Test
    void underReportTheConflictStays() throws InterruptedException {
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + store,
                        "multiprocess.store.durable=false",
                        "multiprocess.store.conflict-scan-interval=1h")
                .run(context -> {
                    ObjectStore accounts = StoreRoot.open(store, builder -> builder.durable(false))
                            .collection("accounts");
                    // identical rivals: each captures the other, so only the policy keeps this conflict
                    ConflictPoliciesTests.conflict(
                            accounts, "ann", "{\"email\":\"a@example.com\"}", "{\"email\":\"a@example.com\"}");
                    ObjectStore pages = StoreRoot.open(store, builder -> builder.durable(false))
                            .collection("pages");
                    // a resolved page shows the feeds deliver; the accounts' feed polls at least every 100 ms
                    ConflictPoliciesTests.conflict(pages, "about", "{\"text\":\"one\"}", "{\"text\":\"two\"}");
                    awaitNoConflict(pages, "about");
                    Thread.sleep(1_000);

                    assertThat(accounts.getConflicts("ann")).hasSize(1);
                });
    }

    /** Polls for at most 20 s (no timing claim: only a bound so that a broken feed fails instead of hanging). */
    private static List<List<String>> awaitNoConflict(ObjectStore store, String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<List<String>> left = store.getConflicts(id);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            left = store.getConflicts(id);
        }
        return left;
    }
}
