package io.github.multiprocessstore.autoconfigure.conflicts;

import static io.github.multiprocessstore.autoconfigure.conflicts.ConflictPoliciesTests.conflict;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.StoreRoot;
import io.github.multiprocessstore.autoconfigure.MultiprocessStoreAutoConfiguration;
import io.github.multiprocessstore.autoconfigure.conflicts.ConflictsApplication.Page;
import io.github.multiprocessstore.autoconfigure.metrics.MultiprocessStoreMetricsAutoConfiguration;
import io.github.multiprocessstore.maintenance.ConflictMonitor;
import io.github.multiprocessstore.resolution.ConflictResolutions;
import io.github.multiprocessstore.resolution.ConflictResolver;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.json.JsonMapper;

/**
 * Under the {@code resolve} policy the background scan retires captured rivals and runs the application's typed
 * resolvers; every resolution is logged and counted by {@code multiprocess.store.conflicts.resolved}.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConflictResolversTests {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withUserConfiguration(ConflictsApplication.class)
            .withConfiguration(AutoConfigurations.of(
                    MultiprocessStoreAutoConfiguration.class,
                    MultiprocessStoreMetricsAutoConfiguration.class,
                    MetricsAutoConfiguration.class,
                    CompositeMeterRegistryAutoConfiguration.class,
                    SimpleMetricsExportAutoConfiguration.class));

    @TempDir
    Path store;

    /** Joins the texts of the winner and its rivals, in that order. */
    static final class JoiningResolver implements ConflictResolver<Page> {
        @Override
        public Optional<Page> resolve(Page winner, List<Page> rivals) {
            String text = Stream.concat(Stream.of(winner), rivals.stream())
                    .map(Page::text)
                    .collect(Collectors.joining(" + "));
            return Optional.of(new Page(null, null, text));
        }
    }

    /** Never merges. */
    static final class DecliningResolver implements ConflictResolver<Page> {
        @Override
        public Optional<Page> resolve(Page winner, List<Page> rivals) {
            return Optional.empty();
        }
    }

    /** Fails. */
    static final class FailingResolver implements ConflictResolver<Page> {
        @Override
        public Optional<Page> resolve(Page winner, List<Page> rivals) {
            throw new IllegalStateException("cannot merge " + winner.id());
        }
    }

    @Test
    void aResolverMergesWithTheCoresMergedResolutionAndIsLoggedAndCounted(CapturedOutput output) {
        StoreRoot root = StoreRoot.open(store, builder -> builder.durable(false).keepListings(false));
        List<String> group = conflict(root.collection("pages"), "about", "{\"text\":\"one\"}", "{\"text\":\"two\"}");
        ObjectStore pages = root.collection("pages");
        String winner = pages.getObject("about").get("_rev").asString();
        String rival = group.get(0);
        String winnerText = pages.getRevision("about", winner).get("text").asString();
        String rivalText = pages.getRevision("about", rival).get("text").asString();

        contextRunner
                .withPropertyValues("multiprocess.store.path=" + store)
                .withBean(JoiningResolver.class)
                .run(context -> {
                    assertThat(context.getBean(ConflictMonitor.class).refresh().conflictedObjects())
                            .isZero();

                    assertThat(pages.getConflicts("about")).isEmpty();
                    assertThat(pages.getObject("about").get("_rev").asString()).startsWith("2-");
                    assertThat(pages.getObject("about").get("text").asString())
                            .isEqualTo(winnerText + " + " + rivalText);
                    assertThat(Files.exists(
                                    store.resolve("pages/.mpstore/trash/about").resolve(rival)))
                            .isTrue();
                    assertThat(resolved(context.getBean(MeterRegistry.class), "resolver"))
                            .isEqualTo(1.0);
                });
        assertThat(output)
                .contains("Resolved the conflict of object 'about' in collection 'pages' (resolver): retired [" + rival
                        + "]");
    }

    @Test
    void aDecliningResolverLeavesTheConflictReported() {
        StoreRoot root = StoreRoot.open(store, builder -> builder.durable(false).keepListings(false));
        conflict(root.collection("pages"), "about", "{\"text\":\"one\"}", "{\"text\":\"two\"}");

        contextRunner
                .withPropertyValues("multiprocess.store.path=" + store)
                .withBean(DecliningResolver.class)
                .run(context -> {
                    assertThat(context.getBean(ConflictMonitor.class).refresh().conflictedObjects("pages"))
                            .isEqualTo(1);
                    assertThat(root.collection("pages").getConflicts("about")).hasSize(1);
                    assertThat(context.getBean(MeterRegistry.class)
                                    .find("multiprocess.store.conflicts.resolved")
                                    .functionCounter())
                            .isNull();
                });
    }

    @Test
    void aFailingResolverLeavesTheConflictReportedAndTheNextResolverRuns() {
        StoreRoot root = StoreRoot.open(store, builder -> builder.durable(false).keepListings(false));
        conflict(root.collection("pages"), "about", "{\"text\":\"one\"}", "{\"text\":\"two\"}");
        conflict(root.collection("pages"), "help", "{\"text\":\"one\"}", "{\"text\":\"two\"}");

        // The failure is logged with its stack trace; captured here (and kept off the console) to be asserted.
        Logger logger = (Logger) LoggerFactory.getLogger(ConflictResolutions.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        logger.setAdditive(false);
        try {
            contextRunner
                    .withPropertyValues("multiprocess.store.path=" + store)
                    .withBean(FailingResolver.class)
                    .run(context -> {
                        assertThat(context.getBean(ConflictMonitor.class)
                                        .refresh()
                                        .collections()
                                        .get("pages"))
                                .containsOnlyKeys("about", "help");
                    });
        } finally {
            logger.setAdditive(true);
            logger.detachAppender(logged);
        }

        assertThat(List.copyOf(logged.list)).anySatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage())
                    .isEqualTo("Conflict resolver " + FailingResolver.class.getName()
                            + " failed on object 'about' of collection 'pages'; the conflict stays reported");
            assertThat(event.getThrowableProxy().getMessage()).isEqualTo("cannot merge about");
        });
    }

    @Test
    void capturedConflictsAreRetiredLoggedAndCounted(CapturedOutput output) {
        StoreRoot root = StoreRoot.open(store, builder -> builder.durable(false).keepListings(false));
        List<String> group = conflict(root.collection("pages"), "home", "{\"text\":\"hi\"}", "{\"text\":\"hi\"}");

        contextRunner.withPropertyValues("multiprocess.store.path=" + store).run(context -> {
            assertThat(context.getBean(ConflictMonitor.class).refresh().conflictedObjects())
                    .isZero();
            assertThat(resolved(context.getBean(MeterRegistry.class), "captured"))
                    .isEqualTo(1.0);
        });
        assertThat(output)
                .contains("Resolved the conflict of object 'home' in collection 'pages' (captured): retired ["
                        + group.get(0) + "]");
    }

    @Test
    void reportAndIgnoreNeverResolve() {
        StoreRoot root = StoreRoot.open(store, builder -> builder.durable(false).keepListings(false));
        conflict(root.collection("accounts"), "alice", "{\"email\":\"a@x\"}", "{\"email\":\"a@x\"}");
        conflict(root.collection("colours"), "sky", "{\"rgb\":\"#00f\"}", "{\"rgb\":\"#00f\"}");

        contextRunner.withPropertyValues("multiprocess.store.path=" + store).run(context -> {
            context.getBean(ConflictMonitor.class).refresh();
            assertThat(root.collection("accounts").getConflicts("alice")).hasSize(1);
            assertThat(root.collection("colours").getConflicts("sky")).hasSize(1);
        });
    }

    @Test
    void manualResolutionsAreLoggedWithTheUserAndCounted(CapturedOutput output) {
        StoreRoot root = StoreRoot.open(store, builder -> builder.durable(false).keepListings(false));
        List<String> kept = conflict(root.collection("accounts"), "alice", "{\"name\":\"A\"}", "{\"name\":\"B\"}");
        conflict(root.collection("accounts"), "bob", "{\"name\":\"A\"}", "{\"name\":\"B\"}");

        contextRunner.withPropertyValues("multiprocess.store.path=" + store).run(context -> {
            ConflictResolutions resolutions = context.getBean(ConflictResolutions.class);
            resolutions.keep("accounts", "alice", kept.get(0), "admin");
            ObjectStore accounts = root.collection("accounts");
            resolutions.merge("accounts", accounts.getObject("bob").put("name", "A and B"), "admin");

            assertThat(accounts.getConflicts("alice")).isEmpty();
            assertThat(accounts.getObject("alice").get("_rev").asString()).isEqualTo(kept.get(0));
            assertThat(accounts.getConflicts("bob")).isEmpty();
            assertThat(accounts.getObject("bob").get("name").asString()).isEqualTo("A and B");
            assertThat(resolved(context.getBean(MeterRegistry.class), "manual")).isEqualTo(2.0);
        });
        assertThat(output)
                .contains("Resolved the conflict of object 'alice' in collection 'accounts' (manual by user 'admin'):"
                        + " retired [" + kept.get(1) + "]");
    }

    @Test
    void aResolverWhoseTypeCannotBeToldFailsTheStartWithAClearMessage() {
        ConflictResolver<Page> lambda = (winner, rivals) -> Optional.empty();
        contextRunner
                .withPropertyValues("multiprocess.store.path=" + store)
                .withBean("lambdaResolver", ConflictResolver.class, () -> lambda)
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .hasStackTraceContaining(
                                "declare it as a class implementing ConflictResolver<YourStoredObject>"));
    }

    private static double resolved(MeterRegistry registry, String how) {
        return registry.get("multiprocess.store.conflicts.resolved")
                .tag("collection", collectionOf(how))
                .tag("how", how)
                .functionCounter()
                .count();
    }

    private static String collectionOf(String how) {
        return how.equals("manual") ? "accounts" : "pages";
    }
}
