package io.lockstep.swarm.rightofway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.swarm.allocation.NodeIds;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SortedSet;
import org.junit.jupiter.api.Test;

class WaitForGraphTest {

    private static final Comparator<String> BY_ID = NodeIds.ORDER;

    @Test
    void aTwoCycleLosesItsLowestPriorityNode() {
        WaitForGraph g = new WaitForGraph();
        g.addEdge("a", "b");
        g.addEdge("b", "a");
        g.addEdge("c", "a");
        assertEquals(Set.of("b"), g.victims(BY_ID));
    }

    @Test
    void aChainHasNoVictim() {
        WaitForGraph g = new WaitForGraph();
        for (int i = 0; i < 5_000; i++) {
            g.addEdge("n" + i, "n" + (i + 1));
        }
        assertTrue(g.victims(BY_ID).isEmpty());
    }

    @Test
    void randomGraphsAreAlwaysLeftAcyclicAndTheVictimsDoNotDependOnInsertionOrder() {
        Random random = new Random(5);
        for (int round = 0; round < 500; round++) {
            int n = 2 + random.nextInt(10);
            List<String[]> edges = new ArrayList<>();
            for (int e = random.nextInt(n * 3); e > 0; e--) {
                int a = random.nextInt(n);
                int b = random.nextInt(n);
                if (a != b) {
                    edges.add(new String[] {"n" + a, "n" + b});
                }
            }
            // priority: a random permutation, fixed for the round
            List<String> rank = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                rank.add("n" + i);
            }
            Collections.shuffle(rank, random);
            Comparator<String> priority = Comparator.comparingInt(rank::indexOf);

            WaitForGraph g = graph(edges);
            SortedSet<String> victims = g.victims(priority);
            assertTrue(g.acyclicWithout(victims), "cycles left after removing " + victims);
            Collections.shuffle(edges, random);
            assertEquals(victims, graph(edges).victims(priority));
            // the highest-priority node is never a victim (it is never the last of a cycle), so someone goes on
            assertFalse(victims.contains(rank.get(0)));
            if (g.acyclicWithout(Set.of())) {
                assertTrue(victims.isEmpty(), "a victim was chosen in an acyclic graph");
            }
        }
    }

    private static WaitForGraph graph(List<String[]> edges) {
        WaitForGraph g = new WaitForGraph();
        edges.forEach(e -> g.addEdge(e[0], e[1]));
        return g;
    }
}
