package io.lockstep.edge.mesh;

import static io.lockstep.edge.testing.FakeC2.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.edge.swarm.SwarmChannel;
import io.lockstep.mesh.api.Config;
import io.lockstep.mesh.api.PutOptions;
import io.lockstep.mesh.api.Session;
import io.lockstep.mesh.api.Zenoh;
import io.lockstep.platform.geometry.Vec2;
import io.lockstep.platform.safety.SafetyConfig;
import io.lockstep.platform.safety.SafetySupervisor;
import io.lockstep.platform.sim.SimulatedVehicle;
import io.lockstep.platform.sim.SimulatedVehicleConfig;
import io.lockstep.platform.sim.WorldFile;
import io.lockstep.swarm.keys.SwarmKeys;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two nodes' coverage exchange over real Zenoh sessions on loopback. */
class ZenohSwarmChannelTest {

    static final String MISSION = "m-swarm";
    private ZenohPeerMesh a;
    private ZenohPeerMesh b;
    private Session rogue;

    private static SafetySupervisor supervisor() {
        return new SafetySupervisor(new SimulatedVehicle(WorldFile.demo(), SimulatedVehicleConfig.defaults(1),
                new Vec2(0, 0), 1.0), SafetyConfig.defaults(), new Vec2(-10, -10));
    }

    @BeforeEach
    void open() throws Exception {
        Session sessionA = Zenoh.open(Config.peer().listen("tcp/127.0.0.1:0").multicastScouting(false));
        String endpoint = sessionA.listenEndpoints().get(0);
        a = new ZenohPeerMesh(sessionA, "node-a", supervisor());
        b = new ZenohPeerMesh(Zenoh.open(Config.peer().connect(endpoint).multicastScouting(false)), "node-b",
                supervisor());
        rogue = Zenoh.open(Config.peer().connect(endpoint).multicastScouting(false));
        await("membership", () -> a.members().contains("node-b") && b.members().contains("node-a"));
    }

    @AfterEach
    void close() {
        rogue.close();
        b.close();
        a.close();
    }

    @Test
    void aNodeThatJoinsLateCatchesUpThroughTheQueryableThenFollowsThePuts() {
        byte[] covered = {1, 2, 3};
        a.swarm().join(MISSION, () -> covered);
        List<SwarmChannel.Received> got = new ArrayList<>();
        long[] polls = {0};
        await("catch-up reply", () -> {
            // Every 20th poll (200 ms) joins again, which asks node-a's queryable again: node-a's declaration
            // reaches node-b's session asynchronously, and a query sent before it arrives has nobody to answer.
            if (polls[0]++ % 20 == 0) {
                b.swarm().join(MISSION, () -> new byte[] {9});
            }
            got.addAll(b.swarm().drainCoverage(MISSION));
            return !got.isEmpty();
        });
        assertEquals("node-a", got.get(0).peer());
        assertArrayEquals(covered, got.get(0).data());

        got.clear();
        await("a put", () -> {
            a.swarm().publishCoverage(MISSION, new byte[] {4});
            got.addAll(b.swarm().drainCoverage(MISSION));
            return !got.isEmpty();
        });
        assertArrayEquals(new byte[] {4}, got.get(got.size() - 1).data());
        assertTrue(a.swarm().sentBytes() > 0);
        assertTrue(b.swarm().receivedBytes() > 0);
    }

    @Test
    void anOversizedMessageIsDroppedAtTheDoorAndCounted() {
        a.swarm().join(MISSION, () -> new byte[0]);
        b.swarm().join(MISSION, () -> new byte[0]);
        byte[] huge = new byte[64 * 1024];
        await("dropped", () -> {
            rogue.put(SwarmKeys.coverage(MISSION, "node-x"), huge, PutOptions.DEFAULT.withReliable(true));
            return a.swarm().dropped() > 0;
        });
        a.swarm().drainCoverage(MISSION).forEach(r -> assertTrue(r.data().length < huge.length));
    }
}
