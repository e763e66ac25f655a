package io.github.multiprocessstore.autoconfigure.maintenance;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code multiprocess.store.replication.peers} holds at least one path, in any form the binder
 * accepts: a comma-separated value, indexed properties ({@code peers[0]}) or a YAML list. {@code @ConditionalOnProperty}
 * cannot tell: a list bound from indexed properties or YAML has no property named {@code peers} at all.
 */
final class OnReplicationPeersCondition extends SpringBootCondition {

    static final String PROPERTY =
            io.github.multiprocessstore.autoconfigure.MultiprocessStoreProperties.PREFIX + ".replication.peers";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        ConditionMessage.Builder message = ConditionMessage.forCondition("Replication peers");
        // Bound as strings: a value that is no path must fail in the properties' own binding, naming the property,
        // rather than here.
        List<String> peers = Binder.get(context.getEnvironment())
                .bind(PROPERTY, Bindable.listOf(String.class))
                .orElse(List.of());
        if (peers.stream().allMatch(String::isBlank)) {
            return ConditionOutcome.noMatch(message.didNotFind("property").items("'" + PROPERTY + "'"));
        }
        return ConditionOutcome.match(message.found("property").items("'" + PROPERTY + "' = " + peers));
    }
}
