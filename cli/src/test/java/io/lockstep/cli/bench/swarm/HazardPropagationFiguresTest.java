package io.lockstep.cli.bench.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lockstep.cli.bench.swarm.HazardPropagationBenchmark.Pair;
import io.lockstep.cli.bench.swarm.HazardPropagationBenchmark.Propagation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hazard figures of {@code bench swarm}: each stage from the nodes' stamps, nearest-rank percentiles. */
class HazardPropagationFiguresTest {

    @Test
    void eachStageIsTakenFromTheNodesStampsAndABacklogHasNoIntakeCpu() {
        List<Pair> pairs = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            // published, written i µs later, handed over 1,000 µs after that, applied 10 µs after that
            pairs.add(new Pair(1_000_000, 1_000_000 + i, 1_001_000 + i, 1_001_010 + i, 300, i == 100 ? -1 : 5));
        }
        Propagation p = new Propagation(pairs, "load 1", "load 2", 3.0, 2.0);
        assertEquals(1.060, p.percentile(0.5), 1e-9);
        assertEquals(1.109, p.percentile(0.99), 1e-9);
        assertEquals(1.110, p.percentile(1.0), 1e-9);
        assertEquals(0.099, p.percentile(Pair.SEND, 0.99), 1e-9);
        assertEquals(1.0, p.percentile(Pair.WIRE, 0.99), 1e-9);
        assertEquals(1.099, p.percentile(Pair.TRANSPORT, 0.99), 1e-9);
        assertEquals(0.010, p.percentile(Pair.INTAKE, 0.99), 1e-9);
        assertEquals(0.3, p.percentile(Pair.PUBLISH_CPU, 0.99), 1e-9);
        assertEquals(0.005, p.percentile(Pair.INTAKE_CPU, 1.0), 1e-9, "the backlog's -1 is no measurement");
    }
}
