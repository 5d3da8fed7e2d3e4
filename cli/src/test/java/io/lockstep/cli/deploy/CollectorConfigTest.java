package io.lockstep.cli.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lockstep.cli.fleet.LockstepHome;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * observability/otel-collector.yaml receives traces and metrics over OTLP and exports them to real back ends
 * (an OTLP tracing back end, Prometheus), not only to the collector's log; every component a pipeline names is
 * configured. (No collector binary is available from our registries, so this checks the file's structure; the
 * OTLP export of C2 and the nodes is exercised against a real OTLP receiver by TraceTreeTest.)
 */
class CollectorConfigTest {

    private static JsonNode config() throws IOException {
        return ChartTemplates.YAML.readTree(LockstepHome.detect().root().resolve("observability/otel-collector.yaml").toFile());
    }

    @Test
    void tracesAndMetricsComeInOverOtlpAndGoToRealBackEnds() throws IOException {
        JsonNode config = config();
        assertTrue(config.at("/receivers/otlp/protocols/grpc/endpoint").asText().endsWith(":4317"));
        JsonNode pipelines = config.at("/service/pipelines");
        for (String signal : List.of("traces", "metrics")) {
            JsonNode pipeline = pipelines.path(signal);
            assertFalse(pipeline.isMissingNode(), "a " + signal + " pipeline");
            assertTrue(names(pipeline.path("receivers")).contains("otlp"), signal + " from OTLP");
            List<String> exporters = names(pipeline.path("exporters"));
            assertFalse(exporters.isEmpty(), signal + " exporters");
            assertTrue(exporters.stream().noneMatch(e -> type(e).equals("debug")), signal + " exports beyond debug: " + exporters);
            for (String section : List.of("receivers", "processors", "exporters")) {
                for (String component : names(pipeline.path(section))) {
                    assertTrue(config.path(section).has(component), signal + " names " + section + "." + component
                            + ", which is not configured");
                }
            }
        }
        assertEquals(List.of("otlp"), names(pipelines.at("/traces/exporters")).stream().map(CollectorConfigTest::type).toList());
        assertTrue(names(pipelines.at("/metrics/exporters")).stream().map(CollectorConfigTest::type).toList()
                .containsAll(List.of("prometheusremotewrite", "prometheus")));
        for (String extension : names(config.at("/service/extensions"))) {
            assertTrue(config.path("extensions").has(extension), "extension " + extension);
        }
        // The memory limiter must come first in each pipeline to protect the collector.
        assertEquals("memory_limiter", pipelines.at("/traces/processors/0").asText());
        assertEquals("memory_limiter", pipelines.at("/metrics/processors/0").asText());
    }

    private static String type(String component) {
        int slash = component.indexOf('/');
        return slash < 0 ? component : component.substring(0, slash);
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new java.util.ArrayList<>();
        array.forEach(n -> names.add(n.asText()));
        return names;
    }
}
