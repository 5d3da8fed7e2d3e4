package io.lockstep.edge.tracing;

import io.lockstep.edge.mission.InferenceFactory;
import io.lockstep.runtime.InferenceException;
import io.lockstep.runtime.InferenceService;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import java.util.List;

/**
 * Puts an {@code inference} span around each model call of a sampled tick, as a child of that tick's span. It
 * wraps the node's inference factory (ONNX), outside the runtime: the runtime sees the same service, the same
 * outputs and the same exceptions, and journals them as before.
 */
public final class TracedInference implements InferenceFactory {

    static final AttributeKey<Long> INPUTS = AttributeKey.longKey("lockstep.inference.inputs");
    static final AttributeKey<Long> OUTPUTS = AttributeKey.longKey("lockstep.inference.outputs");

    private final InferenceFactory delegate;
    private final NodeTracing tracing;

    public TracedInference(InferenceFactory delegate, NodeTracing tracing) {
        this.delegate = delegate;
        this.tracing = tracing;
    }

    @Override
    public InferenceService create(List<Model> models) {
        InferenceService service = delegate.create(models);
        return service instanceof AutoCloseable closeable ? new Closeable(service, closeable, tracing)
                : new Traced(service, tracing);
    }

    /** The traced service of a factory whose services need no closing. */
    private static class Traced implements InferenceService {
        private final InferenceService service;
        private final NodeTracing tracing;

        Traced(InferenceService service, NodeTracing tracing) {
            this.service = service;
            this.tracing = tracing;
        }

        @Override
        public float[] infer(String model, float[] input) throws InferenceException {
            Context tick = tracing.sampledTick();
            if (tick == null) {
                return service.infer(model, input);
            }
            Span span = tracing.tracer().spanBuilder("inference").setParent(tick)
                    .setAttribute(NodeTracing.MODEL, model)
                    .setAttribute(INPUTS, (long) input.length)
                    .startSpan();
            try {
                float[] output = service.infer(model, input);
                span.setAttribute(OUTPUTS, (long) output.length);
                return output;
            } catch (InferenceException | RuntimeException e) {
                span.recordException(e);
                span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
                throw e;
            } finally {
                span.end();
            }
        }
    }

    /** The mission closes its inference service when it ends; the traced one passes that on. */
    private static final class Closeable extends Traced implements AutoCloseable {
        private final AutoCloseable closeable;

        Closeable(InferenceService service, AutoCloseable closeable, NodeTracing tracing) {
            super(service, tracing);
            this.closeable = closeable;
        }

        @Override
        public void close() throws Exception {
            closeable.close();
        }
    }
}
