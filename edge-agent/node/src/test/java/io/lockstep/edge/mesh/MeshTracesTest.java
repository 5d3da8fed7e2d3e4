package io.lockstep.edge.mesh;

import static io.lockstep.edge.testing.FakeC2.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.edge.hazard.HazardService;
import io.lockstep.edge.hazard.InMemorySpans;
import io.lockstep.mesh.api.Config;
import io.lockstep.mesh.api.Session;
import io.lockstep.mesh.api.Zenoh;
import io.lockstep.platform.geometry.AxisAlignedRectangle;
import io.lockstep.platform.geometry.Vec2;
import io.lockstep.platform.safety.InterventionKind;
import io.lockstep.platform.safety.SafetyConfig;
import io.lockstep.platform.safety.SafetySupervisor;
import io.lockstep.platform.safety.SupervisorDecision;
import io.lockstep.platform.safety.SwarmDirective;
import io.lockstep.platform.sim.SimulatedVehicle;
import io.lockstep.platform.sim.SimulatedVehicleConfig;
import io.lockstep.platform.sim.WorldFile;
import io.lockstep.platform.vehicle.VehicleReadings;
import io.lockstep.runtime.EmittedMessage;
import io.lockstep.swarm.hazard.HazardKind;
import io.lockstep.swarm.hazard.SenderBinding;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One trace from node-a's tick to node-b's intervention, over real Zenoh: a hazard (publish, receive, the
 * supervisor's keep-out clamp), an intent (publish, receive, the supervisor's right-of-way hold), and an agent's
 * mission message (publish, receive). Spans go to an in-memory exporter.
 */
class MeshTracesTest {

    private final InMemorySpans spans = new InMemorySpans();
    private ZenohPeerMesh a;
    private ZenohPeerMesh b;
    private SafetySupervisor supervisorB;

    private static SafetySupervisor supervisor() {
        return new SafetySupervisor(new SimulatedVehicle(WorldFile.demo(), SimulatedVehicleConfig.defaults(1),
                new Vec2(0, 0), 1.0), SafetyConfig.defaults(), new Vec2(-10, -10));
    }

    private ZenohPeerMesh mesh(Session session, String node, SafetySupervisor supervisor) {
        return new ZenohPeerMesh(session, node, supervisor, spans.tracer(),
                transport -> new HazardService(node, transport, MeshClock.SYSTEM, spans.tracer(), () -> "m1",
                        SenderBinding.KEY_CHUNK, HazardService.Settings.DEFAULTS));
    }

    private static VehicleReadings at(Vec2 position) {
        double[] ranges = new double[16];
        Arrays.fill(ranges, Double.POSITIVE_INFINITY);
        return new VehicleReadings(position, Vec2.ZERO, 1.0, ranges);
    }

    @BeforeEach
    void open() throws Exception {
        Session sessionA = Zenoh.open(Config.peer().listen("tcp/127.0.0.1:0").multicastScouting(false));
        Session sessionB = Zenoh.open(Config.peer().connect(sessionA.listenEndpoints().get(0)).multicastScouting(false));
        supervisorB = supervisor();
        a = mesh(sessionA, "node-a", supervisor());
        b = mesh(sessionB, "node-b", supervisorB);
        await("membership", () -> a.members().contains("node-b") && b.members().contains("node-a"));
    }

    @AfterEach
    void close() {
        b.close();
        a.close();
    }

    private SpanData only(String name, String traceId) {
        // A span is exported when it ends, which may be just after the message it covers was handed over.
        await(name + " span in trace " + traceId,
                () -> spans.named(name).stream().anyMatch(s -> s.getTraceId().equals(traceId)));
        List<SpanData> found = spans.named(name).stream().filter(s -> s.getTraceId().equals(traceId)).toList();
        assertTrue(!found.isEmpty(), "no " + name + " span in trace " + traceId + "; spans: " + spans.named(name));
        return found.get(0);
    }

    private SpanData parentOf(SpanData child) {
        return allSpans().stream()
                .filter(s -> s.getSpanId().equals(child.getParentSpanId())).findFirst()
                .orElseThrow(() -> new AssertionError(child.getName() + "'s parent was not exported"));
    }

    private List<SpanData> allSpans() {
        return java.util.stream.Stream.of("tick", "hazard.publish", "hazard.receive", "hazard.intervention",
                "intent.publish", "intent.receive", "rightofway.yield", "mission.message.receive")
                .flatMap(n -> spans.named(n).stream()).toList();
    }

    @Test
    void aHazardsTraceRunsFromThePublishersTickToThePeersKeepOutClamp() {
        Span tick = spans.tracer().spanBuilder("tick").startSpan();
        String trace = tick.getSpanContext().getTraceId();
        try (Scope ignored = tick.makeCurrent()) {
            await("B holds the hazard", () -> {
                if (b.hazards().zones().isEmpty()) {
                    a.hazards().publish(HazardKind.OPERATOR, 5.0, 0.0, 2.0, 60_000);
                }
                return !b.hazards().zones().isEmpty();
            });
        } finally {
            tick.end();
        }
        SupervisorDecision d = supervisorB.apply(1, new Vec2(8, 0), at(new Vec2(0, 0)), 0.02);
        assertEquals(InterventionKind.HAZARD_KEEP_OUT, d.interventions().get(0).kind());

        SpanData intervention = only("hazard.intervention", trace);
        SpanData received = parentOf(intervention);
        assertEquals("hazard.receive", received.getName());
        SpanData published = parentOf(received);
        assertEquals("hazard.publish", published.getName());
        assertEquals(tick.getSpanContext().getSpanId(), published.getParentSpanId(), "published in the tick");
    }

    @Test
    void anIntentsTraceRunsFromThePublishersTickToThePeersRightOfWayHold() {
        Span tick = spans.tracer().spanBuilder("tick").startSpan();
        String trace = tick.getSpanContext().getTraceId();
        try (Scope ignored = tick.makeCurrent()) {
            await("B received an intent from A", () -> {
                a.swarm().publishIntent(new byte[] {1, 2, 3});
                return b.swarm().lastIntentSpan("node-a").isPresent();
            });
        } finally {
            tick.end();
        }
        // What the right-of-way coordinator hands the supervisor when node-b gives way to node-a.
        supervisorB.setSwarmDirective(SwarmDirective.hold(List.of(new AxisAlignedRectangle(new Vec2(3, -2),
                new Vec2(7, 2))), "right of way of node-a"));
        SupervisorDecision d = supervisorB.apply(1, new Vec2(8, 0), at(new Vec2(0, 0)), 0.02);
        assertEquals(InterventionKind.SWARM_YIELD, d.interventions().get(0).kind(), d.toString());

        SpanData yield = only("rightofway.yield", trace);
        SpanData received = parentOf(yield);
        assertEquals("intent.receive", received.getName());
        SpanData published = parentOf(received);
        assertEquals("intent.publish", published.getName());
        assertEquals(tick.getSpanContext().getSpanId(), published.getParentSpanId(), "published in the tick");
    }

    @Test
    void anAgentsMissionMessageCarriesItsTickTraceToThePeer() {
        a.join("m1");
        b.join("m1");
        Span tick = spans.tracer().spanBuilder("tick").startSpan();
        try (Scope ignored = tick.makeCurrent()) {
            await("B received A's message", () -> {
                a.publish("m1", List.of(new EmittedMessage("scout", 7, "swarm/hazard", new byte[] {3})));
                return !b.drain("m1").isEmpty();
            });
        } finally {
            tick.end();
        }
        SpanData received = only("mission.message.receive", tick.getSpanContext().getTraceId());
        assertEquals(tick.getSpanContext().getSpanId(), received.getParentSpanId());
    }
}
