package io.lockstep.cli.fleet;

import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OTLP/gRPC trace receiver on loopback, in the test's JVM: the OpenTelemetry protocol's own TraceService
 * (opentelemetry-proto), so C2 and the nodes export to it exactly as they would to a collector.
 */
final class OtlpTraceReceiver implements AutoCloseable {

    /** One received span with the service that sent it; ids in lower-case hex as in traceparent. */
    record ReceivedSpan(String service, String name, String traceId, String spanId, String parentSpanId,
            Span.SpanKind kind, Span span) {

        String attribute(String key) {
            for (KeyValue kv : span.getAttributesList()) {
                if (kv.getKey().equals(key)) {
                    return kv.getValue().hasIntValue() ? Long.toString(kv.getValue().getIntValue())
                            : kv.getValue().getStringValue();
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return service + ":" + name + "[" + spanId + " <- " + parentSpanId + "]";
        }
    }

    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    private final Server server;

    OtlpTraceReceiver() {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new TraceServiceGrpc.TraceServiceImplBase() {
                    @Override
                    public void export(ExportTraceServiceRequest request,
                            StreamObserver<ExportTraceServiceResponse> response) {
                        receive(request);
                        response.onNext(ExportTraceServiceResponse.getDefaultInstance());
                        response.onCompleted();
                    }
                })
                .build();
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the OTLP receiver", e);
        }
    }

    /** The endpoint to give C2 and the nodes ({@code quarkus.otel.exporter.otlp.endpoint}). */
    String endpoint() {
        return "http://127.0.0.1:" + server.getPort();
    }

    List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    private void receive(ExportTraceServiceRequest request) {
        HexFormat hex = HexFormat.of();
        for (ResourceSpans resource : request.getResourceSpansList()) {
            String service = resource.getResource().getAttributesList().stream()
                    .filter(kv -> kv.getKey().equals("service.name")).map(kv -> kv.getValue().getStringValue())
                    .findFirst().orElse("");
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                for (Span span : scope.getSpansList()) {
                    spans.add(new ReceivedSpan(service, span.getName(), hex.formatHex(span.getTraceId().toByteArray()),
                            hex.formatHex(span.getSpanId().toByteArray()),
                            hex.formatHex(span.getParentSpanId().toByteArray()), span.getKind(), span));
                }
            }
        }
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
