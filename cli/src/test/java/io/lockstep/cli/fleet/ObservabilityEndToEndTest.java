package io.lockstep.cli.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lockstep.agents.ExampleAgents;
import io.lockstep.cli.fleet.OtlpTraceReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Observability end to end (docs/observability.md), with a real C2 and a real edge node, each in its own JVM,
 * that ran one mission:
 * <ul>
 * <li>the trace tree: both export their spans over OTLP/gRPC to a receiver in this JVM, and the spans form one
 * tree in one trace: commander's REST request → dispatch → link send → node's assignment receipt → mission →
 * sampled ticks, load and status updates;</li>
 * <li>a real Prometheus server (Debian's {@code prometheus}) scrapes both at {@code /q/metrics} and answers
 * queries for metrics the Grafana dashboards use.</li>
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObservabilityEndToEndTest {
    private static final int TICKS = 30;
    private static final int TICK_SAMPLE_EVERY = 5;

    @TempDir
    static Path out;

    private final OtlpTraceReceiver receiver = new OtlpTraceReceiver();
    private RedisServerProcess redis;
    private C2Process c2;
    private EdgeNodeProcess node;

    private String missionId;

    @BeforeAll
    void startAFleetAndRunOneMission() {
        startC2AndOneNode();
        C2Api api = c2.api();
        missionId = api.createMission(FleetEndToEndTest.helloMission(api.uploadModule(ExampleAgents.bytes("hello")),
                TICKS));
        api.dispatch(missionId, List.of(node.id()));
        JsonNode done = FleetEndToEndTest.awaitTerminal(api, missionId, Duration.ofSeconds(90));
        assertEquals("MISSION_COMPLETED", done.path("state").asText(), done.toPrettyString());
    }

    @AfterAll
    void stop() {
        if (node != null) {
            node.close();
        }
        if (c2 != null) {
            c2.close();
        }
        if (redis != null) {
            redis.close();
        }
        receiver.close();
    }

    @Test
    void aMissionsSpansFromTheCommandersRequestToTheNodesTicksFormOneTree() {
        // Both sides export in batches: wait until the node's last spans (mission end, final status) are in.
        awaitSpans("the node's mission span and the dispatch's request span",
                spans -> has(spans, "lockstep-edge-node", "mission.execute") && has(spans, "lockstep-c2", "mission.dispatch")
                        && spans.stream().anyMatch(s -> s.kind() == SpanKind.SPAN_KIND_SERVER
                                && s.name().contains("dispatch")));
        List<ReceivedSpan> spans = receiver.spans();

        ReceivedSpan dispatch = one(spans, "lockstep-c2", "mission.dispatch", missionId);
        String traceId = dispatch.traceId();
        List<ReceivedSpan> trace = spans.stream().filter(s -> s.traceId().equals(traceId)).toList();

        ReceivedSpan request = parentOf(trace, dispatch);
        assertEquals(SpanKind.SPAN_KIND_SERVER, request.kind(), "the commander's REST request: " + request);
        assertTrue(request.name().contains("/api/v1/missions/") && request.name().contains("dispatch"), request.name());
        assertEquals("", request.parentSpanId().replace("0", ""), "the request is the trace's root: " + request);

        ReceivedSpan send = child(trace, dispatch, "link.assignment.send");
        assertEquals("lockstep-c2", send.service());
        assertEquals(node.id(), send.attribute("lockstep.node.id"));
        assertEquals(SpanKind.SPAN_KIND_PRODUCER, send.kind());

        ReceivedSpan received = child(trace, send, "link.assignment.receive");
        assertEquals("lockstep-edge-node", received.service());
        assertEquals(SpanKind.SPAN_KIND_CONSUMER, received.kind());
        assertEquals(missionId, received.attribute("lockstep.mission.id"));

        ReceivedSpan mission = child(trace, received, "mission.execute");
        assertEquals("lockstep-edge-node", mission.service());
        child(trace, mission, "mission.load");

        awaitSpans("every sampled tick", all -> all.stream().filter(s -> s.name().equals("mission.tick")
                && s.parentSpanId().equals(mission.spanId())).count() >= TICKS / TICK_SAMPLE_EVERY);
        List<ReceivedSpan> ticks = children(receiver.spans(), mission, "mission.tick");
        Set<Long> tickNumbers = ticks.stream().map(t -> Long.parseLong(t.attribute("lockstep.tick")))
                .collect(Collectors.toSet());
        for (long tick = TICK_SAMPLE_EVERY; tick <= TICKS; tick += TICK_SAMPLE_EVERY) {
            assertTrue(tickNumbers.contains(tick), "tick " + tick + " is sampled: " + tickNumbers);
        }
        assertTrue(tickNumbers.stream().allMatch(t -> t % TICK_SAMPLE_EVERY == 0), "only sampled ticks: " + tickNumbers);

        List<ReceivedSpan> statuses = receiver.spans().stream().filter(s -> s.name().equals("link.status.send")).toList();
        assertTrue(statuses.stream().anyMatch(s -> s.parentSpanId().equals(received.spanId())
                && "RECEIVED".equals(s.attribute("lockstep.mission.state"))), "the receipt went back: " + statuses);
        assertTrue(statuses.stream().anyMatch(s -> s.parentSpanId().equals(mission.spanId())
                && "COMPLETED".equals(s.attribute("lockstep.mission.state"))), "the completion went back: " + statuses);
        assertTrue(receiver.spans().stream().filter(s -> s.service().equals("lockstep-edge-node"))
                .allMatch(s -> s.traceId().equals(traceId)), "every node span is in the commander's trace");
    }

    @Test
    void aRealPrometheusScrapesC2AndTheNodeAndFindsTheDashboardsMetrics() throws Exception {
        try (PrometheusServer prometheus = PrometheusServer.startOrSkip(out.resolve("prometheus"), Map.of(
                "lockstep-c2", "127.0.0.1:" + c2.httpPort(),
                "lockstep-nodes", "127.0.0.1:" + node.debugPort()))) {
            prometheus.awaitTargetsUp(2, Duration.ofSeconds(60));
            // Names from observability/grafana/*.json, with the labels the dashboards filter on.
            for (String query : List.of(
                    "lockstep_c2_link_sessions{job=\"lockstep-c2\"}",
                    "lockstep_c2_commands_sent_total{job=\"lockstep-c2\"}",
                    "lockstep_c2_nodes_known{job=\"lockstep-c2\"}",
                    "lockstep_link_connected{job=\"lockstep-nodes\",lockstep_node_id=\"node-1\"}",
                    "lockstep_tick_duration_seconds_count{job=\"lockstep-nodes\",lockstep_node_id=\"node-1\"}",
                    "lockstep_link_outbox_depth{job=\"lockstep-nodes\"}",
                    "jvm_memory_used_bytes{job=\"lockstep-c2\"}",
                    "jvm_memory_used_bytes{job=\"lockstep-nodes\"}")) {
                JsonNode result = prometheus.awaitQuery(query, Duration.ofSeconds(30));
                assertFalse(result.isEmpty(), query + " has series");
            }
            JsonNode ticks = prometheus.awaitQuery(
                    "lockstep_tick_duration_seconds_count{lockstep_node_id=\"node-1\"}", Duration.ofSeconds(30));
            assertTrue(ticks.get(0).at("/value/1").asDouble() >= TICKS, "the mission's ticks were counted: " + ticks);
        }
    }

    private void startC2AndOneNode() {
        redis = new RedisServerProcess(out.resolve("redis"));
        redis.start();
        FleetSigningKey signing = FleetSigningKey.create(out.resolve("pki"));
        String otlp = "-Dquarkus.otel.exporter.otlp.endpoint=" + receiver.endpoint();
        List<String> c2Properties = new java.util.ArrayList<>(signing.c2Properties());
        // About traces, not simulation first (FleetEndToEndTest says why this hello mission skips approval).
        c2Properties.addAll(List.of("-Dlockstep.c2.approval.enabled=false", otlp,
                "-Dquarkus.otel.bsp.schedule.delay=200ms"));
        c2 = new C2Process(LockstepHome.detect(), redis.uri(), c2Properties, out);
        c2.start(Duration.ofSeconds(120));
        List<String> nodeProperties = new java.util.ArrayList<>(signing.nodeProperties());
        nodeProperties.addAll(List.of("-Dlockstep.mesh.enabled=false", otlp, "-Dquarkus.otel.bsp.schedule.delay=200ms",
                "-Dlockstep.node.tracing.tick-sample-every=" + TICK_SAMPLE_EVERY));
        node = new EdgeNodeProcess(LockstepHome.detect(), "node-1", c2.grpcPort(), LockstepHome.detect().demoWorld(),
                0, 0, nodeProperties, out);
        node.start();
        node.awaitReady(Duration.ofSeconds(120));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!connected()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the node did not connect to C2; see " + out.resolve("logs"));
            }
            ManagedProcess.sleep(100);
        }
    }

    private boolean connected() {
        for (JsonNode n : c2.api().nodes()) {
            if (node.id().equals(n.path("nodeId").asText()) && "CONNECTED".equals(n.path("linkState").asText())) {
                return true;
            }
        }
        return false;
    }

    private void awaitSpans(String what, Predicate<List<ReceivedSpan>> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.test(receiver.spans())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within 60 s; received " + receiver.spans());
            }
            ManagedProcess.sleep(100);
        }
    }

    private static boolean has(List<ReceivedSpan> spans, String service, String name) {
        return spans.stream().anyMatch(s -> s.service().equals(service) && s.name().equals(name));
    }

    private static ReceivedSpan one(List<ReceivedSpan> spans, String service, String name, String missionId) {
        List<ReceivedSpan> found = spans.stream().filter(s -> s.service().equals(service) && s.name().equals(name)
                && missionId.equals(s.attribute("lockstep.mission.id"))).toList();
        assertEquals(1, found.size(), service + " " + name + " of mission " + missionId + ": " + spans);
        return found.get(0);
    }

    private static ReceivedSpan parentOf(List<ReceivedSpan> trace, ReceivedSpan span) {
        return trace.stream().filter(s -> s.spanId().equals(span.parentSpanId())).findFirst()
                .orElseThrow(() -> new AssertionError("no parent of " + span + " in " + trace));
    }

    private static List<ReceivedSpan> children(List<ReceivedSpan> spans, ReceivedSpan parent, String name) {
        return spans.stream().filter(s -> s.name().equals(name) && s.parentSpanId().equals(parent.spanId())
                && s.traceId().equals(parent.traceId())).toList();
    }

    private static ReceivedSpan child(List<ReceivedSpan> trace, ReceivedSpan parent, String name) {
        List<ReceivedSpan> found = children(trace, parent, name);
        assertFalse(found.isEmpty(), "no " + name + " under " + parent + " in " + trace);
        return found.get(0);
    }
}
