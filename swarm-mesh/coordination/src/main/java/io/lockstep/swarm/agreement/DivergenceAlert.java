package io.lockstep.swarm.agreement;

import java.util.List;
import java.util.Set;

/**
 * Two nodes whose beliefs have not matched for longer than the settle window: {@code nodes} (sorted,
 * the local node and the peer), the {@code components} that differ between their latest digests, and
 * since when ({@code since}) they have shared no state, in the detector's time unit.
 */
public record DivergenceAlert(List<String> nodes, Set<Component> components, long since, long raisedAt) {

    public DivergenceAlert {
        nodes = List.copyOf(nodes);
        components = Set.copyOf(components);
    }
}
