package io.lockstep.edge.mesh;

import static io.lockstep.edge.testing.FakeC2.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.edge.testing.StallableVehicle;
import io.lockstep.mesh.api.Config;
import io.lockstep.mesh.api.Session;
import io.lockstep.mesh.api.Zenoh;
import io.lockstep.platform.geometry.Vec2;
import io.lockstep.platform.safety.EstopSource;
import io.lockstep.platform.safety.InterventionKind;
import io.lockstep.platform.safety.SafetyConfig;
import io.lockstep.platform.safety.SafetySupervisor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fleet stop over a chain of meshes, A - B - C (C does not hear A): B latches, then relays A's stop to C, then
 * runs its latch's listeners, and a caller waiting for a node's latch is answered when it latches.
 */
class MeshEstopRelayTest {

    private Session sessionA;
    private Session sessionB;
    private Session sessionC;
    private ZenohPeerMesh a;
    private ZenohPeerMesh b;
    private ZenohPeerMesh c;
    private final SafetySupervisor supervisorA = MeshHazardsTest.supervisor();
    /** B's vehicle: a test can look at the mesh while B's supervisor stops it (inside its latch). */
    private final StallableVehicle vehicleB = new StallableVehicle(MeshHazardsTest.supervisorVehicle());
    private final SafetySupervisor supervisorB = new SafetySupervisor(vehicleB, SafetyConfig.defaults(),
            new Vec2(-10, -10));
    private final SafetySupervisor supervisorC = MeshHazardsTest.supervisor();

    @BeforeEach
    void open() throws Exception {
        sessionA = Zenoh.open(Config.peer().listen("tcp/127.0.0.1:0").multicastScouting(false));
        sessionB = Zenoh.open(Config.peer().listen("tcp/127.0.0.1:0").connect(sessionA.listenEndpoints().get(0))
                .multicastScouting(false));
        sessionC = Zenoh.open(Config.peer().connect(sessionB.listenEndpoints().get(0)).multicastScouting(false));
        a = new ZenohPeerMesh(sessionA, "node-a", supervisorA);
        b = new ZenohPeerMesh(sessionB, "node-b", supervisorB);
        c = new ZenohPeerMesh(sessionC, "node-c", supervisorC);
        await("membership along the chain", () -> a.members().contains("node-b") && b.members().contains("node-a")
                && b.members().contains("node-c") && c.members().contains("node-b"));
        assertFalse(c.members().contains("node-a"), "C must not hear A directly for this test");
    }

    @AfterEach
    void close() {
        c.close();
        b.close();
        a.close();
    }

    /**
     * Whether {@code supervisor} latches within {@code nanos}, spun for on the calling thread (a latch listener or the
     * vehicle's stop, which must hold their thread meanwhile).
     */
    private static boolean latchedWithin(SafetySupervisor supervisor, long nanos) {
        long deadline = System.nanoTime() + nanos;
        while (!supervisor.isEmergencyStopLatched() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        return supervisor.isEmergencyStopLatched();
    }

    @Test
    void aPeerRelaysTheStopBeforeItsOwnLatchListenersRun() {
        // B's latch listeners (after the mesh's stamp: the intervention's journal entry, the latch file's SYNC) are
        // held here until C has latched or 5 s passed: C only hears the stop through B's relay.
        CompletableFuture<Boolean> cLatchedDuringBsListeners = new CompletableFuture<>();
        supervisorB.addListener(event -> {
            if (event.kind() == InterventionKind.ESTOP) {
                cLatchedDuringBsListeners.complete(latchedWithin(supervisorC, TimeUnit.SECONDS.toNanos(5)));
            }
        });
        supervisorA.engageEmergencyStop(EstopSource.LOCAL_DEBUG_PORT, "operator");
        a.broadcastEmergencyStop("operator at node-a");
        assertTrue(cLatchedDuringBsListeners.join(), "C latched only after B's latch listeners had run");
        // recorded by C's latch listener, just after the latch: awaited
        await("C was stopped by B's relay", () -> ((String) c.fleetStop(true).get("detail")).contains("node-b"));
    }

    @Test
    void aPeerLatchesBeforeItWritesTheRelay() {
        // While B's vehicle is being stopped, C (which hears A's stop only through B's relay) is given time to latch:
        // it must not, because B writes the relay only after its own latch. Relaying first, C latched within it.
        CompletableFuture<Boolean> cLatchedWhileBStopped = new CompletableFuture<>();
        vehicleB.beforeEachStop(() -> {
            cLatchedWhileBStopped.complete(latchedWithin(supervisorC, TimeUnit.MILLISECONDS.toNanos(300)));
        });
        supervisorA.engageEmergencyStop(EstopSource.LOCAL_DEBUG_PORT, "operator");
        a.broadcastEmergencyStop("operator at node-a");
        assertFalse(cLatchedWhileBStopped.join(), "C latched on B's relay before B's own vehicle was stopped");
        await("C was stopped by B's relay after B latched", supervisorC::isEmergencyStopLatched);
        long bLatched = (Long) b.fleetStop(true).get("latchedAtMicros");
        await("C's stamps", () -> (Long) c.fleetStop(true).get("latchedAtMicros") > 0);
        assertTrue(bLatched <= (Long) c.fleetStop(true).get("receivedAtMicros"),
                "B's latch is stamped before its relay went out, so before C received it");
    }

    @Test
    void aWaiterIsAnsweredOnceTheNodeLatchedAndHasReceivedTheRelays() throws Exception {
        long since = MeshClock.SYSTEM.micros();
        assertFalse(c.awaitFleetStop(since, 0, 1), "not latched yet");
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return c.awaitFleetStop(since, 1, 30_000);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        supervisorA.engageEmergencyStop(EstopSource.LOCAL_DEBUG_PORT, "operator");
        a.broadcastEmergencyStop("operator at node-a");
        assertTrue(waiting.get(30, TimeUnit.SECONDS));
        assertTrue((Long) c.fleetStop(true).get("latchedAtMicros") >= since);
        assertEquals(1L, c.fleetStop(true).get("meshEstopsReceived"), "C hears only B's relay");
        assertFalse(b.awaitFleetStop(since, 3, 1), "B receives A's stop and C's relay, not three");
    }

    @Test
    void theOriginDoesNotRelayAPeersRelayThatArrivesBeforeItLatched() {
        // A's own latch is held until B's relay of A's stop has reached A: A is not latched when it arrives.
        b.stopPeersThenLatch("operator at node-b", () -> {
            await("A's relay reached B", () -> (Long) b.fleetStop(false).get("meshEstopsReceived") >= 1);
            supervisorB.engageEmergencyStop(EstopSource.LOCAL_DEBUG_PORT, "operator");
        });
        await("C latched", supervisorC::isEmergencyStopLatched);
        assertEquals(1L, b.fleetStop(true).get("meshEstopsBroadcast"), "B put only its own stop on the mesh");
    }
}
