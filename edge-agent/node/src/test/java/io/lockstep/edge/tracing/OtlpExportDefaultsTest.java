package io.lockstep.edge.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OtlpExportDefaultsTest {

    @Test
    void theSdkIsDisabledUnlessAnEndpointIsGiven() {
        OtlpExportDefaults none = new OtlpExportDefaults(k -> null, k -> null);
        assertEquals("true", none.getValue("quarkus.otel.sdk.disabled"));
        assertNull(none.getValue("quarkus.otel.exporter.otlp.endpoint"));

        OtlpExportDefaults byProperty = new OtlpExportDefaults(
                Map.of("quarkus.otel.exporter.otlp.endpoint", "http://collector:4317")::get, k -> null);
        assertEquals("false", byProperty.getValue("quarkus.otel.sdk.disabled"));

        OtlpExportDefaults byEnv = new OtlpExportDefaults(k -> null,
                Map.of("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://collector:4317")::get);
        assertEquals("false", byEnv.getValue("quarkus.otel.sdk.disabled"));

        OtlpExportDefaults blank = new OtlpExportDefaults(
                Map.of("quarkus.otel.exporter.otlp.endpoint", " ")::get, k -> null);
        assertEquals("true", blank.getValue("quarkus.otel.sdk.disabled"));
    }

    @Test
    void lockstepOtlpEndpointLikeC2EnablesExportAndNamesTheCollector() {
        OtlpExportDefaults shared = new OtlpExportDefaults(k -> null,
                Map.of("LOCKSTEP_OTLP_ENDPOINT", " http://otel-collector:4317 ")::get);
        assertEquals("false", shared.getValue("quarkus.otel.sdk.disabled"));
        assertEquals("http://otel-collector:4317", shared.getValue("quarkus.otel.exporter.otlp.endpoint"));
        assertEquals(java.util.Set.of("quarkus.otel.sdk.disabled", "quarkus.otel.exporter.otlp.endpoint"),
                shared.getPropertyNames());

        OtlpExportDefaults blank = new OtlpExportDefaults(k -> null, Map.of("LOCKSTEP_OTLP_ENDPOINT", "")::get);
        assertEquals("true", blank.getValue("quarkus.otel.sdk.disabled"));
        assertNull(blank.getValue("quarkus.otel.exporter.otlp.endpoint"));
    }
}
