package io.lockstep.edge.mesh;

import static io.lockstep.edge.testing.FakeC2.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.edge.testing.MissionHarness;
import io.lockstep.mesh.api.Config;
import io.lockstep.mesh.api.Session;
import io.lockstep.mesh.api.Zenoh;
import io.lockstep.platform.geometry.Vec2;
import io.lockstep.platform.safety.SafetySupervisor;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.EmergencyStop;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * C2's fleet-wide stop reaching node B (its mission executor, wired to its mesh as the edge node does): B puts the
 * stop on the mesh and latches inside {@code ZenohPeerMesh.stopPeersThenLatch}, like an operator's stop at its
 * debug port, so a peer's relay that comes back before B has latched is not relayed again (docs/hazards.md).
 */
class C2FleetStopRelayTest {

    @TempDir
    Path dir;
    private Session sessionA;
    private Session sessionB;
    private ZenohPeerMesh a;
    private ZenohPeerMesh b;
    private MissionHarness nodeB;
    private final SafetySupervisor supervisorA = MeshHazardsTest.supervisor();

    @BeforeEach
    void open() throws Exception {
        nodeB = new MissionHarness(dir, new Vec2(0, 0), 1_000);
        sessionA = Zenoh.open(Config.peer().listen("tcp/127.0.0.1:0").multicastScouting(false));
        sessionB = Zenoh.open(Config.peer().connect(sessionA.listenEndpoints().get(0)).multicastScouting(false));
        a = new ZenohPeerMesh(sessionA, "node-a", supervisorA);
        b = new ZenohPeerMesh(sessionB, "node-b", nodeB.supervisor);
        await("membership", () -> a.members().contains("node-b") && b.members().contains("node-a"));
    }

    @AfterEach
    void close() {
        b.close();
        a.close();
        nodeB.close();
    }

    @Test
    void theExecutorLatchesInsideTheMeshsStopNotAfterIt() throws Exception {
        boolean[] latchedBeforeAndAfter = new boolean[2];
        nodeB.executor.setFleetStop((reason, latch) -> b.stopPeersFromC2ThenLatch(reason, () -> {
            latchedBeforeAndAfter[0] = nodeB.supervisor.isEmergencyStopLatched();
            latch.run();
            latchedBeforeAndAfter[1] = nodeB.supervisor.isEmergencyStopLatched();
        }));

        nodeB.executor.apply(fleetWideStop());

        assertFalse(latchedBeforeAndAfter[0], "B was not latched before the stop was put on the mesh");
        assertTrue(latchedBeforeAndAfter[1], "the latch the executor hands over latches B");
        assertTrue(((String) b.fleetStop(true).get("detail")).contains("by C2"), "B latched as C2's stop");
        // The detail is recorded by A's latch listener, after the latch itself: awaited, not read once latched.
        await("A stopped over the mesh, for C2's stop",
                () -> ((String) a.fleetStop(true).get("detail")).contains("fleet-wide stop from C2: operator"));
        assertTrue(supervisorA.isEmergencyStopLatched());
    }

    @Test
    void aRelayThatComesBackBeforeBLatchedIsNotRelayedAgain() throws Exception {
        // B's latch is held until A's relay of B's stop has reached B: B is not latched yet when it arrives.
        nodeB.executor.setFleetStop((reason, latch) -> b.stopPeersFromC2ThenLatch(reason, () -> {
            await("A's relay reached B", () -> (Long) b.fleetStop(false).get("meshEstopsReceived") >= 1);
            latch.run();
        }));

        nodeB.executor.apply(fleetWideStop());

        await("A stopped over the mesh", supervisorA::isEmergencyStopLatched);
        assertTrue(nodeB.supervisor.isEmergencyStopLatched());
        assertEquals(1L, b.fleetStop(true).get("meshEstopsBroadcast"), "B put only its own stop on the mesh");
        assertTrue((Long) b.fleetStop(true).get("broadcastAtMicros") > 0, "B's own stop is stamped as its broadcast");
    }

    private static C2ToEdge fleetWideStop() {
        return C2ToEdge.newBuilder().setEmergencyStop(EmergencyStop.newBuilder().setEngaged(true).setFleetWide(true)
                .setReason("operator")).build();
    }
}
