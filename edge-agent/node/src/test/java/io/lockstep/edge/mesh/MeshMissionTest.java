package io.lockstep.edge.mesh;

import static io.lockstep.edge.testing.FakeC2.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.edge.app.EdgeNode;
import io.lockstep.edge.app.NodeSettings;
import io.lockstep.edge.link.LinkSettings;
import io.lockstep.edge.link.LinkState;
import io.lockstep.edge.mission.BlobCache;
import io.lockstep.edge.mission.TickRecord;
import io.lockstep.edge.testing.FakeC2;
import io.lockstep.edge.testing.Missions;
import io.lockstep.edge.testing.WasmAgents;
import io.lockstep.proto.v1.AgentSpec;
import io.lockstep.proto.v1.AssignMission;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.CapabilityGrant;
import io.lockstep.proto.v1.LinkLossPolicy;
import io.opentelemetry.api.OpenTelemetry;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two whole nodes on one mission: what an agent emits on one node reaches the agents of the other. */
class MeshMissionTest {

    @TempDir
    Path dir;

    private static NodeSettings node(String id, Path data, int c2Port, MeshSettings mesh) {
        return NodeSettings.defaults(id, data, c2Port)
                .withLink(new LinkSettings("127.0.0.1", c2Port, Optional.empty(), 200, 5_000, 20, 200))
                .withStart(10, 10, 1.0)
                .withTiming(10, 50, 50)
                .withMesh(mesh);
    }

    @Test
    void agentsMessagesCrossTheMeshIntoTheOtherNodesTicks() throws Exception {
        int meshPort;
        try (ServerSocket s = new ServerSocket(0)) {
            meshPort = s.getLocalPort();
        }
        String endpoint = "tcp/127.0.0.1:" + meshPort;
        try (FakeC2 c2 = new FakeC2();
                EdgeNode a = EdgeNode.start(node("node-a", dir.resolve("a"), c2.port(),
                        new MeshSettings(true, List.of(endpoint), List.of(), false)), OpenTelemetry.noop());
                EdgeNode b = EdgeNode.start(node("node-b", dir.resolve("b"), c2.port(),
                        new MeshSettings(true, List.of(), List.of(endpoint), false)), OpenTelemetry.noop())) {
            await("both linked", () -> a.link().state() == LinkState.CONNECTED
                    && b.link().state() == LinkState.CONNECTED);
            await("mesh membership", () -> a.mesh().orElseThrow().members().contains("node-b"));

            byte[] talker = WasmAgents.emitting("swarm/hello", 0);
            byte[] listener = WasmAgents.listening(0);
            c2.offerBlob(BlobCache.sha256Hex(talker), talker);
            c2.offerBlob(BlobCache.sha256Hex(listener), listener);
            AgentSpec talk = Missions.agent("talker", talker).toBuilder().setCapabilities(CapabilityGrant.newBuilder()
                    .addHostFunctions("emit").addEmitTopics("swarm/**")).build();
            AgentSpec listen = Missions.agent("listener", listener).toBuilder()
                    .setCapabilities(CapabilityGrant.newBuilder().addSubscribeTopics("swarm/**")).build();
            // The agents differ per node: each node gets its own assignment of the same mission.
            c2.command(C2ToEdge.newBuilder().setAssign(AssignMission.newBuilder().setAssignment(
                    Missions.assignment("m-swarm", "node-a", 40, 10, LinkLossPolicy.CONTINUE, 0, talk))));
            c2.command(C2ToEdge.newBuilder().setAssign(AssignMission.newBuilder().setAssignment(
                    Missions.assignment("m-swarm", "node-b", 40, 10, LinkLossPolicy.CONTINUE, 0, listen))));

            await("node-a emits", () -> a.ticks().range(0, Long.MAX_VALUE, 100_000).stream()
                    .anyMatch(t -> t.emitted() > 0));
            await("node-b's ticks receive node-a's messages", () -> b.ticks().range(0, Long.MAX_VALUE, 100_000)
                    .stream().anyMatch(t -> t.peerMessages() > 0));
            List<TickRecord> bTicks = b.ticks().range(0, Long.MAX_VALUE, 100_000);
            assertTrue(bTicks.stream().allMatch(t -> t.emitted() == 0), "the listener emits nothing itself");
            assertTrue(a.ticks().range(0, Long.MAX_VALUE, 100_000).stream().allMatch(t -> t.peerMessages() == 0),
                    "node-a does not get its own messages back through the mesh");
        }
    }
}
