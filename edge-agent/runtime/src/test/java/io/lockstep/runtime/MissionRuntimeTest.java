package io.lockstep.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MissionRuntimeTest {

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void echoAgentUsesEveryHostFunction(ExecutionMode mode) {
        try (MissionRuntime rt = TestAgents.mission(mode, TestAgents.echo("echo", new Parameter("speed", "3")))
                .build()) {
            TickResult r1 = rt.tick(TestAgents.frame(1));
            assertEquals(1, r1.tick());
            List<EmittedMessage> emitted = r1.emitted();
            assertEquals("echo/params", emitted.get(0).topic());
            assertEquals("agent=echo\nmission=m-1\nnode=node-a\nshare_index=0\nshare_count=1\nspeed=3",
                    new String(emitted.get(0).data(), StandardCharsets.UTF_8));
            assertEquals("echo/tick", emitted.get(1).topic());
            assertEquals(1L, ByteBuffer.wrap(emitted.get(1).data()).order(ByteOrder.LITTLE_ENDIAN).getLong());
            assertEquals("echo/sensor", emitted.get(2).topic());
            assertArrayEquals(TestAgents.frame(1).sensorFrame(), emitted.get(2).data());
            assertEquals(List.of(1L, 2L, 3L), emitted.stream().map(EmittedMessage::seq).toList());
            assertEquals(new Velocity(1.0, 0.5), r1.velocityCommand().orElseThrow());
            assertEquals(List.of(new LogEntry("echo", 1, "ticking")), r1.logs());
            assertEquals(100, r1.agents().get(0).progressPermille());
            assertTrue(r1.agents().get(0).fuelUsed() > 0);
            assertEquals(AgentState.RUNNING, r1.agents().get(0).state());
            TickResult last = r1;
            for (int t = 2; t <= 10; t++) {
                last = rt.tick(TestAgents.frame(t));
            }
            assertEquals(AgentState.DONE, last.agents().get(0).state());
            assertTrue(last.allFinished());
            long finalFuel = last.agents().get(0).fuelUsed();
            assertTrue(finalFuel > 0, "the finishing tick reports its fuel");
            TickResult after = rt.tick(TestAgents.frame(11));
            assertTrue(after.emitted().isEmpty());
            assertEquals(finalFuel, after.agents().get(0).fuelUsed(), "a finished agent reports its last run's fuel");
            assertEquals(11, rt.currentTick());
        }
    }

    @Test
    void messagesEmittedAtTickTReachSubscribersAtTPlusOneInCanonicalOrder() {
        try (MissionRuntime rt = TestAgents.mission(ExecutionMode.INTERPRETER, TestAgents.echo("b"),
                TestAgents.echo("a")).build()) {
            TickResult r1 = rt.tick(TickInputs.empty());
            assertTrue(r1.emitted().stream().noneMatch(m -> m.topic().equals("echo/seen")));
            TickResult r2 = rt.tick(TickInputs.builder()
                    .peerMessage(new PeerMessage("peer/z", 1, "echo/x", new byte[] {9}))
                    .peerMessage(new PeerMessage("aaa", 7, "echo/x", new byte[] {8}))
                    .peerMessage(new PeerMessage("other", 1, "unrelated/topic", new byte[] {7}))
                    .build());
            // Sorted by sender then sequence: a/1 params, a/2 tick, aaa/7, b/1 params, b/2 tick, peer/z/1.
            List<byte[]> seenByB = new ArrayList<>();
            for (EmittedMessage m : r2.emitted()) {
                if (m.agent().equals("b") && m.topic().equals("echo/seen")) {
                    seenByB.add(m.data());
                }
            }
            assertEquals(6, seenByB.size());
            assertArrayEquals(new byte[] {8}, seenByB.get(2));
            assertArrayEquals(new byte[] {9}, seenByB.get(5));
            assertEquals("agent=a", new String(seenByB.get(0), StandardCharsets.UTF_8).lines().findFirst().orElseThrow());
            assertEquals("agent=b", new String(seenByB.get(3), StandardCharsets.UTF_8).lines().findFirst().orElseThrow());
        }
    }

    @Test
    void commandsAndHostEventsAreDeliveredToSubscribers() {
        CapabilityGrant grant = new CapabilityGrant(List.of("sensor_read", "act_velocity", "emit"),
                List.of("echo/**"), List.of(), List.of("lockstep/command/*"));
        AgentDefinition agent = new AgentDefinition("c", TestAgents.wasm("echo"), List.of(), grant);
        try (MissionRuntime rt = TestAgents.mission(ExecutionMode.INTERPRETER, agent).build()) {
            TickResult r = rt.tick(TickInputs.builder().command("hold", new byte[] {1, 2})
                    .hostEvent("low_battery", new byte[] {3}).build());
            List<EmittedMessage> seen = r.emitted().stream().filter(m -> m.topic().equals("echo/seen")).toList();
            assertEquals(1, seen.size());
            assertArrayEquals(new byte[] {1, 2}, seen.get(0).data());
        }
    }

    @Test
    void sameInputsGiveSameFingerprintsAndDifferentInputsDiffer() {
        List<String> a = fingerprints(ExecutionMode.INTERPRETER, 5, 0);
        List<String> b = fingerprints(ExecutionMode.INTERPRETER, 5, 0);
        List<String> c = fingerprints(ExecutionMode.INTERPRETER, 5, 1);
        assertEquals(a, b);
        assertEquals(a.get(0), c.get(0));
        assertEquals(a.get(1), c.get(1));
        assertNotEquals(a.get(2), c.get(2));
        assertNotEquals(a.get(4), c.get(4));
        assertEquals(64, a.get(0).length());
    }

    private static List<String> fingerprints(ExecutionMode mode, int ticks, int perturbFromTick3) {
        List<String> out = new ArrayList<>();
        try (MissionRuntime rt = TestAgents.mission(mode, TestAgents.echo("e1"), TestAgents.plain("m", "minimal"))
                .build()) {
            for (int t = 1; t <= ticks; t++) {
                out.add(rt.tick(TestAgents.frame(t >= 3 ? t + perturbFromTick3 : t)).fingerprint());
            }
        }
        return out;
    }

    @Test
    void randomSequenceDependsOnMissionAndAgentOnly() {
        assertEquals(io.lockstep.runtime.host.SplitMix64.seed("m-1", "echo"),
                io.lockstep.runtime.host.SplitMix64.seed("m-1", "echo"));
        assertNotEquals(io.lockstep.runtime.host.SplitMix64.seed("m-1", "echo"),
                io.lockstep.runtime.host.SplitMix64.seed("m-2", "echo"));
        String f1;
        String f2;
        try (MissionRuntime rt = TestAgents.mission(ExecutionMode.INTERPRETER, TestAgents.echo("e")).build()) {
            f1 = rt.tick(TickInputs.empty()).fingerprint();
        }
        try (MissionRuntime rt = TestAgents.mission(ExecutionMode.INTERPRETER, TestAgents.echo("e"))
                .missionId("m-2").build()) {
            f2 = rt.tick(TickInputs.empty()).fingerprint();
        }
        assertNotEquals(f1, f2);
    }

    @Test
    void closedRuntimeRefusesTicks() {
        MissionRuntime rt = TestAgents.mission(ExecutionMode.INTERPRETER, TestAgents.plain("m", "minimal")).build();
        rt.close();
        rt.close();
        assertFalse(rt.agentNames().isEmpty());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> rt.tick(TickInputs.empty()));
    }
}
