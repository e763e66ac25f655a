package io.github.multiprocessstore.autoconfigure.conflicts;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.StoreRoot;
import io.github.multiprocessstore.autoconfigure.MultiprocessStoreAutoConfiguration;
import io.github.multiprocessstore.autoconfigure.changes.MultiprocessStoreChangesAutoConfiguration;
import io.github.multiprocessstore.maintenance.ConflictMonitor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * With change events on, the conflict report behind health and the gauge follows what another store instance (as
 * another process would) does, long before the next background scan (an hour away here): a conflict appears, is
 * resolved, disappears with its deleted object; an ignored collection's conflicts never count.
 */
class ConflictReportFollowsChangesTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withUserConfiguration(ConflictsApplication.class)
            .withConfiguration(AutoConfigurations.of(
                    MultiprocessStoreAutoConfiguration.class, MultiprocessStoreChangesAutoConfiguration.class));

    @TempDir
    Path store;

    @Test
    void conflictsMadeResolvedAndDeletedElsewhereShowInTheReportBeforeTheNextScan() {
        withAScanAnHourAway().run(context -> {
            ConflictMonitor monitor = context.getBean(ConflictMonitor.class);
            assertThat(monitor.latest().conflictedObjects()).isZero();
            ObjectStore accounts =
                    StoreRoot.open(store, builder -> builder.durable(false)).collection("accounts");
            IntSupplier reported = () -> monitor.latest().conflictedObjects("accounts");

            List<String> group = ConflictPoliciesTests.conflict(
                    accounts, "ann", "{\"email\":\"ann@example.com\"}", "{\"email\":\"ann@work.example\"}");
            assertThat(awaitReported(reported, 1)).isEqualTo(1);
            assertThat(monitor.latest().collections().get("accounts").get("ann"))
                    .containsExactly(group);

            accounts.resolveConflict("ann", group.get(1));
            assertThat(awaitReported(reported, 0)).isZero();

            ConflictPoliciesTests.conflict(
                    accounts, "bob", "{\"email\":\"bob@example.com\"}", "{\"email\":\"bob@work.example\"}");
            assertThat(awaitReported(reported, 1)).isEqualTo(1);
            accounts.deleteObject("bob");
            assertThat(awaitReported(reported, 0)).isZero();
        });
    }

    @Test
    void anIgnoredCollectionsConflictsNeverCount() throws InterruptedException {
        withAScanAnHourAway().run(context -> {
            ConflictMonitor monitor = context.getBean(ConflictMonitor.class);
            assertThat(monitor.latest().conflictedObjects()).isZero();
            StoreRoot elsewhere = StoreRoot.open(store, builder -> builder.durable(false));

            ConflictPoliciesTests.conflict(
                    elsewhere.collection("colours"), "red", "{\"rgb\":\"f00\"}", "{\"rgb\":\"e00\"}");
            // a reported account shows the feeds deliver; the colours' feed polls at least every 100 ms
            ConflictPoliciesTests.conflict(
                    elsewhere.collection("accounts"), "ann", "{\"email\":\"a@x\"}", "{\"email\":\"b@x\"}");
            awaitReported(() -> monitor.latest().conflictedObjects("accounts"), 1);
            Thread.sleep(1_000);

            assertThat(monitor.latest().conflictedObjects("colours")).isZero();
            assertThat(monitor.latest().conflictedObjects()).isEqualTo(1);
        });
    }

    private ApplicationContextRunner withAScanAnHourAway() {
        return contextRunner.withPropertyValues(
                "multiprocess.store.path=" + store,
                "multiprocess.store.durable=false",
                "multiprocess.store.conflict-scan-interval=1h",
                // new collections are looked for at this interval: no need to wait the default's 5 s
                "multiprocess.store.changes.reconcile-interval=200ms");
    }

    /** Polls for at most 20 s (no timing claim: only a bound so that a broken feed fails instead of hanging). */
    private static int awaitReported(IntSupplier reported, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        int now = reported.getAsInt();
        while (now != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
            now = reported.getAsInt();
        }
        return now;
    }
}
