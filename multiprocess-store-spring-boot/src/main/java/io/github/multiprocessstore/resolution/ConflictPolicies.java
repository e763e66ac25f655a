package io.github.multiprocessstore.resolution;

import io.github.multiprocessstore.conflicts.ConflictPolicy;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The conflict policy of every collection: the ones configured, {@link ConflictPolicy#REPORT} for the others.
 * Immutable.
 */
public final class ConflictPolicies {

    private final Map<String, ConflictPolicy> policies;

    /**
     * @param policies collection name to policy; collections not listed report their conflicts
     */
    public ConflictPolicies(Map<String, ConflictPolicy> policies) {
        this.policies = Map.copyOf(new TreeMap<>(Objects.requireNonNull(policies, "policies must not be null")));
    }

    /** Every collection reports its conflicts: the behaviour without any configuration. */
    public static ConflictPolicies reportAll() {
        return new ConflictPolicies(Map.of());
    }

    /**
     * The policy of one collection.
     *
     * @param collection the collection name
     * @return its policy, {@link ConflictPolicy#REPORT} unless configured otherwise
     */
    public ConflictPolicy policyOf(String collection) {
        return policies.getOrDefault(collection, ConflictPolicy.REPORT);
    }

    /** The configured policies, by collection name. */
    public Map<String, ConflictPolicy> configured() {
        return policies;
    }
}
