package io.lockstep.edge.tracing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.runtime.InferenceException;
import io.lockstep.runtime.InferenceService;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.lockstep.edge.hazard.InMemorySpans;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Inference calls of a sampled tick get their own span; outside sampled ticks the service is called bare. */
class TracedInferenceTest {

    private final InMemorySpans spans = new InMemorySpans();
    private final NodeTracing tracing = new NodeTracing(spans.tracer(), 10);
    private final Span mission = spans.tracer().spanBuilder("mission.execute").startSpan();

    private List<SpanData> named(String name) {
        return spans.named(name);
    }

    @Test
    void aCallInASampledTickIsAChildOfTheTickSpanWithTheSameResult() throws Exception {
        InferenceService service = new TracedInference(models -> (model, in) -> new float[] {in[0] * 2, 1}, tracing)
                .create(List.of());

        Span tick = tracing.beginTick(mission, 20);
        float[] out = service.infer("detector", new float[] {3});
        tracing.endTick(tick);
        assertArrayEquals(new float[] {6, 1}, out);

        SpanData inference = named("inference").get(0);
        SpanData tickSpan = named("mission.tick").get(0);
        assertEquals(tickSpan.getSpanId(), inference.getParentSpanId());
        assertEquals(mission.getSpanContext().getSpanId(), tickSpan.getParentSpanId());
        assertEquals("detector", inference.getAttributes().get(NodeTracing.MODEL));
        assertEquals(2L, inference.getAttributes().get(TracedInference.OUTPUTS));
    }

    @Test
    void callsOutsideSampledTicksAreNotTraced() throws Exception {
        InferenceService service = new TracedInference(models -> (model, in) -> in, tracing).create(List.of());
        assertEquals(null, tracing.beginTick(mission, 21), "tick 21 is not one in 10");
        service.infer("detector", new float[] {1});
        assertTrue(named("inference").isEmpty());
    }

    @Test
    void aFailingModelFailsTheSameWayAndTheSpanSaysSo() {
        InferenceService service = new TracedInference(models -> (model, in) -> {
            throw new InferenceException("model " + model + " failed", false, null);
        }, tracing).create(List.of());
        Span tick = tracing.beginTick(mission, 30);
        InferenceException e = assertThrows(InferenceException.class, () -> service.infer("m", new float[] {1}));
        tracing.endTick(tick);
        assertEquals("model m failed", e.getMessage());
        assertEquals(StatusCode.ERROR, named("inference").get(0).getStatus().getStatusCode());
    }

    @Test
    void theTracedServiceIsClosedWithTheMissionWhenTheModelsServiceIs() throws Exception {
        AtomicBoolean closed = new AtomicBoolean();
        InferenceService service = new TracedInference(models -> new ClosingService(closed), tracing)
                .create(List.of());
        ((AutoCloseable) assertInstanceOf(AutoCloseable.class, service)).close();
        assertTrue(closed.get());
    }

    @Test
    void aNegativeSampleRateIsRefusedWithItsSettingName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NodeTracing(spans.tracer(), -1));
        assertTrue(e.getMessage().contains("lockstep.node.tracing.tick-sample-every"), e.getMessage());
    }

    private record ClosingService(AtomicBoolean closed) implements InferenceService, AutoCloseable {
        @Override
        public float[] infer(String model, float[] input) {
            return input;
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }
}
