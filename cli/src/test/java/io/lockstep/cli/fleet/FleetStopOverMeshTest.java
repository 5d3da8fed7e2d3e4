package io.lockstep.cli.fleet;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real node processes with C2 down (docs/hazards.md): a hazard marked on one node's debug port reaches the
 * others' supervisors, and an e-stop engaged on one node's debug port latches every other node over the mesh.
 */
class FleetStopOverMeshTest {
    @RegisterExtension
    final LocalFleet fleets = new LocalFleet();

    @TempDir
    Path out;

    @Test
    void hazardsAndTheFleetStopTravelPeerToPeerWithC2Down() {
        Fleet fleet = fleets.start(out, 3, false);
        fleet.c2().process().kill();
        EdgeNodeProcess origin = fleet.nodes().get(0);

        JsonNode mark = origin.debug().markHazard(30, 20, 3, 120);
        int id = mark.path("hazardId").asInt();
        for (EdgeNodeProcess peer : fleet.nodes().subList(1, 3)) {
            await(peer.id() + " applies the hazard", () -> {
                for (JsonNode h : peer.debug().hazards().path("live")) {
                    if (origin.id().equals(h.path("sender").asText()) && h.path("hazardId").asInt() == id) {
                        return true;
                    }
                }
                return false;
            });
        }

        origin.debug().engageEstop("person in the field");
        for (EdgeNodeProcess peer : fleet.nodes().subList(1, 3)) {
            await(peer.id() + " latched over the mesh", () -> peer.debug().fleetStop().path("latched").asBoolean());
            JsonNode stop = peer.debug().fleetStop();
            assertTrue(stop.path("detail").asText().contains("MESH"), stop.toString());
            assertTrue(peer.debug().status().path("emergencyStopLatched").asBoolean(), "status agrees: " + stop);
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
