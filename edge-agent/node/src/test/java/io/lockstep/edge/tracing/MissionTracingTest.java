package io.lockstep.edge.tracing;

import static io.lockstep.edge.testing.FakeC2.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.edge.testing.MissionHarness;
import io.lockstep.edge.testing.Missions;
import io.lockstep.edge.testing.WasmAgents;
import io.lockstep.platform.geometry.Vec2;
import io.lockstep.proto.v1.AgentSpec;
import io.lockstep.proto.v1.LinkLossPolicy;
import io.lockstep.proto.v1.MissionAssignment;
import io.lockstep.proto.v1.NodeMissionState;
import io.lockstep.proto.v1.TraceContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mission spans join the trace of the C2 request that created the mission (W3C traceparent). */
class MissionTracingTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT_SPAN = "00f067aa0ba902b7";

    @TempDir
    Path dir;

    private final List<SpanData> spans = new CopyOnWriteArrayList<>();
    private MissionHarness harness;
    private SdkTracerProvider tracerProvider;

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
        tracerProvider.close();
    }

    private MissionHarness harness() {
        SpanExporter collect = new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> batch) {
                spans.addAll(batch);
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
        tracerProvider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(collect)).build();
        return new MissionHarness(dir, new Vec2(10, 10), 50,
                OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).build());
    }

    private MissionAssignment traced(String traceparent) {
        byte[] wasm = WasmAgents.idle(3);
        harness.provide(wasm);
        AgentSpec agent = Missions.agent("worker", wasm);
        return Missions.assignment("m-trace", "node-1", 40, 10, LinkLossPolicy.CONTINUE, 0, agent).toBuilder()
                .setTrace(TraceContext.newBuilder().setTraceparent(traceparent)).build();
    }

    @Test
    void theMissionSpanIsAChildOfTheAssignmentsTraceparent() throws Exception {
        harness = harness();
        harness.executor.assign(traced("00-" + TRACE_ID + "-" + PARENT_SPAN + "-01"));
        await("mission span ended", () -> spans.stream().anyMatch(s -> s.getName().equals("mission.execute")));

        SpanData mission = spans.stream().filter(s -> s.getName().equals("mission.execute")).findFirst().orElseThrow();
        SpanData received = named("link.assignment.receive").get(0);
        assertEquals(TRACE_ID, received.getTraceId());
        assertEquals(PARENT_SPAN, received.getParentSpanId());
        assertEquals(TRACE_ID, mission.getTraceId());
        assertEquals(received.getSpanId(), mission.getParentSpanId());
        assertTrue(mission.getEvents().stream().anyMatch(e -> e.getName().equals("state COMPLETED")));
        SpanData load = spans.stream().filter(s -> s.getName().equals("mission.load")).findFirst().orElseThrow();
        assertEquals(mission.getSpanId(), load.getParentSpanId());
        assertTrue(harness.reporter.reached(NodeMissionState.COMPLETED));
    }

    @Test
    void sampledTicksAndStatusUpdatesAreChildrenOfTheMissionSpan() throws Exception {
        harness = harness();
        harness.executor.setTracing(new NodeTracing(tracerProvider.get("test"), 2));
        harness.executor.assign(traced("00-" + TRACE_ID + "-" + PARENT_SPAN + "-01"));
        await("mission span ended", () -> !named("mission.execute").isEmpty());

        SpanData mission = named("mission.execute").get(0);
        SpanData received = named("link.assignment.receive").get(0);
        List<SpanData> ticks = named("mission.tick");
        assertFalse(ticks.isEmpty(), "the agent ran 3 ticks, every second one is traced");
        for (SpanData tick : ticks) {
            assertEquals(mission.getSpanId(), tick.getParentSpanId());
            assertEquals(TRACE_ID, tick.getTraceId());
            assertEquals(0, tick.getAttributes().get(NodeTracing.TICK) % 2, tick.toString());
        }
        List<SpanData> statuses = named("link.status.send");
        assertTrue(statuses.stream().anyMatch(s -> s.getParentSpanId().equals(received.getSpanId())
                && "RECEIVED".equals(s.getAttributes().get(NodeTracing.STATE))), "the receipt: " + statuses);
        assertTrue(statuses.stream().anyMatch(s -> s.getParentSpanId().equals(mission.getSpanId())
                && "COMPLETED".equals(s.getAttributes().get(NodeTracing.STATE))), "the last status: " + statuses);
    }

    @Test
    void aTickSampleRateOfZeroTracesNoTick() throws Exception {
        harness = harness();
        harness.executor.setTracing(new NodeTracing(tracerProvider.get("test"), 0));
        harness.executor.assign(traced("00-" + TRACE_ID + "-" + PARENT_SPAN + "-01"));
        await("mission span ended", () -> !named("mission.execute").isEmpty());
        assertTrue(named("mission.tick").isEmpty(), spans.toString());
    }

    private List<SpanData> named(String name) {
        return spans.stream().filter(s -> s.getName().equals(name)).toList();
    }

    @Test
    void aMalformedTraceparentStartsANewTraceInsteadOfFailing() throws Exception {
        harness = harness();
        harness.executor.assign(traced("00-not-a-trace-context"));
        await("mission span ended", () -> spans.stream().anyMatch(s -> s.getName().equals("mission.execute")));
        SpanData mission = spans.stream().filter(s -> s.getName().equals("mission.execute")).findFirst().orElseThrow();
        SpanData received = named("link.assignment.receive").get(0);
        assertEquals(SpanId.getInvalid(), received.getParentSpanId(), "a new trace starts at the receipt");
        assertEquals(received.getSpanId(), mission.getParentSpanId());
        assertFalse(mission.getTraceId().equals(TRACE_ID));
    }
}
