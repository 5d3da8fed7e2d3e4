package io.lockstep.c2.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OtlpEndpointAliasTest {

    @Test
    void anExplicitQuarkusEndpointTurnsC2ExportOn() {
        OtlpEndpointAlias byProperty = new OtlpEndpointAlias(
                Map.of("quarkus.otel.exporter.otlp.endpoint", "http://collector:4317")::get, k -> null);
        assertThat(byProperty.getValue("lockstep.c2.otlp.endpoint")).isEqualTo("http://collector:4317");
        assertThat(byProperty.getPropertyNames()).containsExactly("lockstep.c2.otlp.endpoint");

        OtlpEndpointAlias byEnv = new OtlpEndpointAlias(k -> null,
                Map.of("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", " http://collector:4317 ")::get);
        assertThat(byEnv.getValue("lockstep.c2.otlp.endpoint")).isEqualTo("http://collector:4317");
    }

    @Test
    void withoutOneItSaysNothingAndTheDefaultOffStands() {
        OtlpEndpointAlias none = new OtlpEndpointAlias(k -> null, k -> null);
        assertThat(none.getValue("lockstep.c2.otlp.endpoint")).isNull();
        assertThat(none.getPropertyNames()).isEmpty();

        OtlpEndpointAlias blank = new OtlpEndpointAlias(
                Map.of("quarkus.otel.exporter.otlp.endpoint", "  ")::get, k -> null);
        assertThat(blank.getProperties()).isEmpty();
        assertThat(blank.getValue("quarkus.otel.exporter.otlp.endpoint")).isNull();
    }
}
