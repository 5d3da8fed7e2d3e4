package io.lockstep.edge.mission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.edge.testing.Missions;
import io.lockstep.edge.testing.WasmAgents;
import io.lockstep.proto.v1.AgentSpec;
import io.lockstep.proto.v1.Cell;
import io.lockstep.proto.v1.CellPlan;
import io.lockstep.proto.v1.ExecutionLimits;
import io.lockstep.proto.v1.LatLon;
import io.lockstep.proto.v1.LinkLossPolicy;
import io.lockstep.proto.v1.MissionAssignment;
import io.lockstep.proto.v1.Polygon;
import java.util.List;
import org.junit.jupiter.api.Test;

class MissionPlanTest {

    private static final AgentSpec AGENT = Missions.agent("a", WasmAgents.idle(5));

    private static MissionAssignment valid() {
        return Missions.assignment("m1", "node-1", 100, 0, LinkLossPolicy.HOLD, 2000, AGENT);
    }

    @Test
    void convertsTheAreaAndAppliesNodeDefaults() {
        MissionPlan plan = MissionPlan.of(valid(), "node-1", 20, 100);
        assertEquals(20, plan.tickPeriodMs());
        assertEquals(8, plan.assignedArea().length);
        assertEquals(100, plan.assignedArea()[2], 0.01);
        assertEquals(100, plan.assignedArea()[5], 0.01);
        assertEquals(LinkLossPolicy.HOLD, plan.linkLossPolicy());
        assertEquals(2000, plan.linkLossTimeoutMs());
        assertEquals(1, plan.shareCount());
    }

    @Test
    void unspecifiedPolicyMeansContinue() {
        MissionAssignment a = Missions.assignment("m1", "node-1", 100, 0, LinkLossPolicy.LINK_LOSS_POLICY_UNSPECIFIED,
                0, AGENT);
        assertEquals(LinkLossPolicy.CONTINUE, MissionPlan.of(a, "node-1", 20, 100).linkLossPolicy());
    }

    @Test
    void refusesEveryKindOfMalformedAssignment() {
        assertRejected(valid().toBuilder().setNodeId("node-2").build(), "for node node-2");
        assertRejected(valid().toBuilder().setMission(valid().getMission().toBuilder().setId("")).build(), "id");
        assertRejected(valid().toBuilder().setMission(valid().getMission().toBuilder().clearAgents()).build(), "agents");
        assertRejected(valid().toBuilder().setMission(valid().getMission().toBuilder().addAgents(AGENT)).build(),
                "duplicate");
        assertRejected(valid().toBuilder().setMission(valid().getMission().toBuilder()
                .setAgents(0, AGENT.toBuilder().setModuleSha256("../../etc/passwd"))).build(), "sha256");
        assertRejected(valid().toBuilder().setMission(valid().getMission().toBuilder()
                .setArea(Polygon.newBuilder().addVertices(LatLon.newBuilder().setLat(1)))).build(), "area");
        assertRejected(valid().toBuilder().setAssignedArea(Polygon.newBuilder()
                .addVertices(LatLon.newBuilder().setLat(100)).addVertices(LatLon.newBuilder())
                .addVertices(LatLon.newBuilder())).build(), "area");
        assertRejected(valid().toBuilder().setShareIndex(3).setShareCount(2).build(), "share_index");
        assertRejected(valid().toBuilder().setMission(valid().getMission().toBuilder()
                .setLimits(ExecutionLimits.newBuilder().setTickPeriodMs(60_000))).build(), "tick_period_ms");
        assertRejected(valid().toBuilder().setMission(valid().getMission().toBuilder()
                .setLimits(ExecutionLimits.newBuilder().setMaxMemoryPages(1_000_000))).build(), "limits");
    }

    @Test
    void fuelCannotBeSwitchedOffAndMustFitTheTickPeriod() {
        assertRejected(withLimits(ExecutionLimits.newBuilder().setFuelPerTick((1L << 61) - 1)), "fuelPerTick");
        // 50,000,000 is the ceiling at the default 20 ms; 100 ms allows five times as much.
        assertRejected(withLimits(ExecutionLimits.newBuilder().setFuelPerTick(50_000_001)), "over the ceiling");
        assertEquals(250_000_000, MissionPlan.of(withLimits(ExecutionLimits.newBuilder().setTickPeriodMs(100)
                .setFuelPerTick(250_000_000)), "node-1", 20, 100).limits().fuelPerTick());
    }

    @Test
    void aMissionOverTheNodesMemoryBudgetIsNotAdmitted() {
        MissionAssignment forty = valid();
        MissionAssignment.Builder b = forty.toBuilder();
        for (int i = 1; i < 40; i++) {
            b.getMissionBuilder().addAgents(AGENT.toBuilder().setName("a" + i));
        }
        forty = b.build();
        long needed = 40L * 256 * 64 * 1024;
        InvalidAssignmentException e = assertThrows(InvalidAssignmentException.class,
                () -> MissionPlan.of(b.build(), "node-1", 20, 100, needed - 1));
        assertTrue(e.getMessage().contains("agent memory budget of " + (needed - 1)), e.getMessage());
        assertEquals(40, MissionPlan.of(forty, "node-1", 20, 100, needed).agents().size());
        // Lower page limits make the same mission fit.
        MissionAssignment smaller = forty.toBuilder().setMission(forty.getMission().toBuilder()
                .setLimits(ExecutionLimits.newBuilder().setMaxMemoryPages(16))).build();
        assertEquals(16, MissionPlan.of(smaller, "node-1", 20, 100, needed / 16).limits().maxMemoryPages());
    }

    private static MissionAssignment withLimits(ExecutionLimits.Builder limits) {
        return valid().toBuilder().setMission(valid().getMission().toBuilder().setLimits(limits)).build();
    }

    private static void assertRejected(MissionAssignment a, String mentions) {
        InvalidAssignmentException e = assertThrows(InvalidAssignmentException.class,
                () -> MissionPlan.of(a, "node-1", 20, 100));
        assertTrue(e.getMessage().contains(mentions), e.getMessage());
    }

    private static CellPlan cells(String... nodes) {
        CellPlan.Builder plan = CellPlan.newBuilder().setVersion(1).addAllNodes(List.of(nodes));
        for (int i = 0; i < 2; i++) {
            plan.addCells(Cell.newBuilder().setIndex(i).addAllOutlineE7(List.of(480_000_000, 110_000_000 + i * 100,
                    480_000_000, 110_000_100 + i * 100, 480_000_100, 110_000_100 + i * 100)));
        }
        return plan.build();
    }

    @Test
    void aCellMissionIsFencedToTheWholeAreaAndKeepsItsCells() {
        MissionPlan plan = MissionPlan.of(valid().toBuilder().setCellPlan(cells("node-1", "node-2")).build(),
                "node-1", 20, 100);
        assertEquals(2, plan.cells().orElseThrow().size());
        assertEquals(List.of("node-1", "node-2"), plan.cells().orElseThrow().nodes());
        assertEquals(8, plan.geofence().length);
        assertTrue(MissionPlan.of(valid(), "node-1", 20, 100).cells().isEmpty(), "no plan: the strip alone");
    }

    @Test
    void refusesAMalformedCellPlan() {
        assertRejected(valid().toBuilder().setCellPlan(cells("node-2")).build(), "do not include this node");
        assertRejected(valid().toBuilder().setCellPlan(cells("node-1", "node-1")).build(), "listed twice");
        assertRejected(valid().toBuilder().setCellPlan(cells()).build(), "nodes");
        CellPlan badIndex = cells("node-1").toBuilder().setCells(1, cells("node-1").getCells(1).toBuilder()
                .setIndex(7)).build();
        assertRejected(valid().toBuilder().setCellPlan(badIndex).build(), "index 7");
        CellPlan odd = cells("node-1").toBuilder().setCells(0, cells("node-1").getCells(0).toBuilder()
                .addOutlineE7(1)).build();
        assertRejected(valid().toBuilder().setCellPlan(odd).build(), "lat/lon pairs");
        CellPlan offEarth = cells("node-1").toBuilder().setCells(0, Cell.newBuilder().setIndex(0)
                .addAllOutlineE7(List.of(2_000_000_000, 0, 0, 0, 0, 1))).build();
        assertRejected(valid().toBuilder().setCellPlan(offEarth).build(), "bad cell plan");
        assertRejected(valid().toBuilder().setCellPlan(CellPlan.newBuilder().setVersion(1).addNodes("node-1"))
                .build(), "cells");
    }
}
