package io.lockstep.edge.mesh;

import static io.lockstep.edge.testing.FakeC2.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.agents.ExampleAgents;
import io.lockstep.edge.app.EdgeNode;
import io.lockstep.edge.app.NodeSettings;
import io.lockstep.edge.link.LinkSettings;
import io.lockstep.edge.link.LinkState;
import io.lockstep.edge.mission.MissionView;
import io.lockstep.edge.swarm.SwarmView;
import io.lockstep.edge.testing.FakeC2;
import io.lockstep.edge.testing.Missions;
import io.lockstep.proto.v1.AgentSpec;
import io.lockstep.proto.v1.AssignMission;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.CapabilityGrant;
import io.lockstep.proto.v1.Cell;
import io.lockstep.proto.v1.CellPlan;
import io.lockstep.proto.v1.LinkLossPolicy;
import io.lockstep.proto.v1.MissionAssignment;
import io.lockstep.proto.v1.NodeMissionState;
import io.lockstep.proto.v1.Parameter;
import io.lockstep.proto.v1.Polygon;
import io.lockstep.runtime.JournalReplayer;
import io.lockstep.runtime.ReplayOptions;
import io.lockstep.runtime.ReplayReport;
import io.lockstep.swarm.cells.CellSize;
import io.lockstep.swarm.cells.GridDecomposition;
import io.lockstep.swarm.cells.PointE7;
import io.opentelemetry.api.OpenTelemetry;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two whole nodes share a cell mission over the mesh with the real survey agent; one goes away before
 * covering anything, and the other takes over its cells after the settle window, covers every cell
 * and completes, and its journal replays. C2 goes down right after dispatch and stays down: the takeover and
 * the completion need no C2.
 */
class CellMissionTest {

    static final String MISSION = "m-cells";

    @TempDir
    Path dir;

    private static NodeSettings node(String id, Path data, int c2Port, MeshSettings mesh) {
        return NodeSettings.defaults(id, data, c2Port)
                .withLink(new LinkSettings("127.0.0.1", c2Port, Optional.empty(), 200, 5_000, 20, 200))
                .withStart(2, 2, 1.0)
                .withTiming(10, 50, 50)
                .withMesh(mesh);
    }

    private static CellPlan plan(Polygon area, List<String> nodes) {
        List<PointE7> vertices = area.getVerticesList().stream()
                .map(v -> new PointE7((int) Math.round(v.getLat() * 1e7), (int) Math.round(v.getLon() * 1e7)))
                .toList();
        var cells = GridDecomposition.plan(MISSION, 1, vertices, CellSize.ofMetres(15, vertices.get(0).latE7()));
        CellPlan.Builder plan = CellPlan.newBuilder().setVersion(1).addAllNodes(nodes);
        for (var cell : cells.cells()) {
            Cell.Builder wire = Cell.newBuilder().setIndex(cell.index());
            cell.polygon().forEach(p -> wire.addOutlineE7(p.latE7()).addOutlineE7(p.lonE7()));
            plan.addCells(wire);
        }
        return plan.build();
    }

    private static MissionAssignment assignment(String nodeId, List<String> nodes) {
        AgentSpec survey = Missions.agent("survey", ExampleAgents.bytes("survey")).toBuilder()
                .addParameters(Parameter.newBuilder().setKey("lane_spacing").setValue("15"))
                .addParameters(Parameter.newBuilder().setKey("speed").setValue("8"))
                .setCapabilities(CapabilityGrant.newBuilder().addHostFunctions("sensor_read")
                        .addHostFunctions("act_velocity").addHostFunctions("emit").addEmitTopics("swarm/**")
                        .addSubscribeTopics("lockstep/event/swarm.cells"))
                .build();
        MissionAssignment base = Missions.assignment(MISSION, nodeId, 30, 10, LinkLossPolicy.CONTINUE, 0, survey);
        return base.toBuilder().setCellPlan(plan(base.getMission().getArea(), nodes)).build();
    }

    @Test
    void theSurvivorTakesOverTheLostNodesCellsAndCoversEveryCell() throws Exception {
        int meshPort;
        try (ServerSocket s = new ServerSocket(0)) {
            meshPort = s.getLocalPort();
        }
        String endpoint = "tcp/127.0.0.1:" + meshPort;
        List<String> nodes = List.of("node-a", "node-b");
        try (FakeC2 c2 = new FakeC2();
                EdgeNode a = EdgeNode.start(node("node-a", dir.resolve("a"), c2.port(),
                        new MeshSettings(true, List.of(endpoint), List.of(), false, 500, 200)), OpenTelemetry.noop())) {
            EdgeNode b = EdgeNode.start(node("node-b", dir.resolve("b"), c2.port(),
                    new MeshSettings(true, List.of(), List.of(endpoint), false, 500, 200)), OpenTelemetry.noop());
            try {
                await("both linked", () -> a.link().state() == LinkState.CONNECTED
                        && b.link().state() == LinkState.CONNECTED);
                await("mesh membership", () -> a.mesh().orElseThrow().members().contains("node-b"));
                byte[] survey = ExampleAgents.bytes("survey");
                c2.offerBlob(ExampleAgents.sha256("survey"), survey);
                c2.command(C2ToEdge.newBuilder().setAssign(AssignMission.newBuilder()
                        .setAssignment(assignment("node-a", nodes))));
                c2.command(C2ToEdge.newBuilder().setAssign(AssignMission.newBuilder()
                        .setAssignment(assignment("node-b", nodes))));
                await("both share the cells", () -> swarm(a).isPresent() && swarm(b).isPresent());
                SwarmView start = swarm(a).orElseThrow();
                assertTrue(start.cellsTotal() >= 4, "a 30 m square in 15 m cells: " + start.cellsTotal());
                assertEquals(List.of("node-a", "node-b"), start.members());
                assertTrue(start.owned().size() < start.cellsTotal(), "node-b owns some cells too");
                // From here to the end C2 is unreachable: the loss, the takeover and the completion happen
                // between the nodes alone.
                c2.close();
                await("C2 gone", () -> a.link().state() != LinkState.CONNECTED);
            } finally {
                b.close(); // its liveliness token goes; node-a takes over after the settle window
            }
            long deadline = System.nanoTime() + 180_000_000_000L; // a loaded CI machine flies slowly
            while (a.mission().map(MissionView::state).orElse(null) != NodeMissionState.COMPLETED) {
                assertTrue(System.nanoTime() < deadline, "node-a did not complete: " + a.mission());
                Thread.sleep(100);
            }
            SwarmView end = swarm(a).orElseThrow();
            assertEquals(end.cellsTotal(), end.cellsCovered(), "every cell covered");
            assertEquals(List.of("node-b"), end.lost());
            assertFalse(end.reallocated().isEmpty(), "node-b's open cells came to node-a");
            ReplayReport replay = JournalReplayer.replay(Path.of(a.mission().orElseThrow().journalPath()),
                    ReplayOptions.defaults());
            assertTrue(replay.ok(), replay.detail());
        }
    }

    private static Optional<SwarmView> swarm(EdgeNode node) {
        return node.mission().flatMap(MissionView::swarm);
    }
}
