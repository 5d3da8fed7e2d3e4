package io.lockstep.c2;

import io.quarkus.test.security.TestSecurity;
import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.c2.support.C2TestResources;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With a collector configured, the discarding exporter steps aside so Quarkus installs its OTLP exporter. */
@QuarkusTest
@TestSecurity(user = "test-admin", roles = {"viewer", "operator", "commander", "admin"})
@TestProfile(OtlpExportEnabledTest.WithCollector.class)
@QuarkusTestResource(C2TestResources.class)
class OtlpExportEnabledTest {

    public static class WithCollector implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lockstep.c2.otlp.endpoint", "http://127.0.0.1:4317",
                    "quarkus.otel.exporter.otlp.endpoint", "http://127.0.0.1:4317");
        }
    }

    @Inject
    @Any
    Instance<SpanExporter> spanExporters;

    @Test
    void theDiscardingExporterIsNotInUse() {
        assertThat(spanExporters.isUnsatisfied()).isTrue();
    }
}
