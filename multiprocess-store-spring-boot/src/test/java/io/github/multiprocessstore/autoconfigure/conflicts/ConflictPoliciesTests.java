package io.github.multiprocessstore.autoconfigure.conflicts;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.StoreRoot;
import io.github.multiprocessstore.autoconfigure.MultiprocessStoreAutoConfiguration;
import io.github.multiprocessstore.autoconfigure.endpoint.ConflictsEndpointAutoConfiguration;
import io.github.multiprocessstore.autoconfigure.health.MultiprocessStoreHealthContributorAutoConfiguration;
import io.github.multiprocessstore.autoconfigure.metrics.MultiprocessStoreMetricsAutoConfiguration;
import io.github.multiprocessstore.conflicts.ConflictPolicy;
import io.github.multiprocessstore.endpoint.ConflictsEndpoint;
import io.github.multiprocessstore.health.MultiprocessStoreHealthIndicator;
import io.github.multiprocessstore.resolution.ConflictPolicies;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Each collection's conflict policy: where it comes from, and what it does to the gauge, health and endpoint. */
class ConflictPoliciesTests {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withUserConfiguration(ConflictsApplication.class)
            .withConfiguration(AutoConfigurations.of(
                    MultiprocessStoreAutoConfiguration.class,
                    MultiprocessStoreHealthContributorAutoConfiguration.class,
                    ConflictsEndpointAutoConfiguration.class,
                    MultiprocessStoreMetricsAutoConfiguration.class,
                    MetricsAutoConfiguration.class,
                    CompositeMeterRegistryAutoConfiguration.class,
                    SimpleMetricsExportAutoConfiguration.class))
            .withPropertyValues("management.endpoints.web.exposure.include=conflicts");

    @TempDir
    Path store;

    @Test
    void thePolicyComesFromTheAnnotationAndThePropertyWins() {
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + store,
                        "multiprocess.store.collections.accounts.conflicts=ignore",
                        "multiprocess.store.collections.colours.conflicts=report",
                        "multiprocess.store.collections.other.conflicts=resolve")
                .run(context -> {
                    ConflictPolicies policies = context.getBean(ConflictPolicies.class);
                    assertThat(policies.policyOf("accounts")).isEqualTo(ConflictPolicy.IGNORE);
                    assertThat(policies.policyOf("colours")).isEqualTo(ConflictPolicy.REPORT);
                    assertThat(policies.policyOf("pages")).isEqualTo(ConflictPolicy.RESOLVE);
                    assertThat(policies.policyOf("other")).isEqualTo(ConflictPolicy.RESOLVE);
                    assertThat(policies.policyOf("unknown")).isEqualTo(ConflictPolicy.REPORT);
                });
    }

    @Test
    void anUnknownPolicyFailsTheStartNamingTheProperty() {
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + store, "multiprocess.store.collections.accounts.conflicts=merge")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .hasStackTraceContaining("multiprocess.store.collections.accounts.conflicts"));
    }

    @Test
    void eachPolicyDecidesWhatTheGaugeHealthAndEndpointCount() {
        StoreRoot root = StoreRoot.open(store, builder -> builder.durable(false).keepListings(false));
        // report: a live conflict counts, a deleted object's conflict does not.
        conflict(root.collection("accounts"), "alice", "{\"email\":\"a@x\"}", "{\"email\":\"b@x\"}");
        conflict(root.collection("accounts"), "gone", "{\"email\":\"a@x\"}", "{\"email\":\"b@x\"}");
        root.collection("accounts").deleteObject("gone");
        // ignore: nothing counts.
        conflict(root.collection("colours"), "sky", "{\"rgb\":\"#00f\"}", "{\"rgb\":\"#0af\"}");
        // resolve: a captured conflict goes, one without a resolver stays.
        conflict(root.collection("pages"), "home", "{\"text\":\"hi\"}", "{\"text\":\"hi\"}");
        conflict(root.collection("pages"), "about", "{\"text\":\"one\"}", "{\"text\":\"two\"}");

        contextRunner.withPropertyValues("multiprocess.store.path=" + store).run(context -> {
            ConflictsEndpoint.ConflictsDescriptor all =
                    context.getBean(ConflictsEndpoint.class).conflicts();
            assertThat(all.collections().get("accounts")).containsOnlyKeys("alice");
            assertThat(all.collections().get("colours")).isEmpty();
            assertThat(all.collections().get("pages")).containsOnlyKeys("about");
            assertThat(all.conflictedObjects()).isEqualTo(2);

            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(gauge(registry, "accounts")).isEqualTo(1.0);
            assertThat(gauge(registry, "colours")).isZero();
            assertThat(gauge(registry, "pages")).isEqualTo(1.0);

            assertThat(context.getBean(MultiprocessStoreHealthIndicator.class)
                            .health()
                            .getDetails())
                    .containsEntry("conflictedObjects", 2);

            ConflictsEndpoint endpoint = context.getBean(ConflictsEndpoint.class);
            assertThat(endpoint.objectConflicts("accounts", "alice")).hasSize(1);
            assertThat(endpoint.objectConflicts("accounts", "gone")).isEmpty();
            assertThat(endpoint.objectConflicts("colours", "sky")).isEmpty();
            assertThat(endpoint.objectConflicts("pages", "home")).isEmpty();
            assertThat(endpoint.objectConflicts("pages", "about")).hasSize(1);
        });
        // Ignored conflicts stay on disk; the captured one went to the trash.
        assertThat(root.collection("colours").getConflicts("sky")).hasSize(1);
        assertThat(root.collection("pages").getConflicts("home")).isEmpty();
        assertThat(root.collection("accounts").getConflicts("gone")).hasSize(1);
    }

    private static double gauge(MeterRegistry registry, String collection) {
        return registry.get("multiprocess.store.conflicts")
                .tag("collection", collection)
                .gauge()
                .value();
    }

    /**
     * Creates an object and two lockless updates from its first revision holding the given JSON fields: one conflict
     * group.
     */
    static List<String> conflict(ObjectStore store, String id, String first, String second) {
        ObjectNode base = store.createObject(MAPPER.createObjectNode().put("_id", id));
        store.updateObject(((ObjectNode) MAPPER.readTree(first))
                .put("_id", id)
                .put("_rev", base.get("_rev").asString()));
        store.updateObject(((ObjectNode) MAPPER.readTree(second))
                .put("_id", id)
                .put("_rev", base.get("_rev").asString()));
        return store.getConflicts(id).get(0);
    }
}
