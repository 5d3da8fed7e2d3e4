package io.lockstep.edge.tracing;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Makes OTLP export opt-in: unless an OTLP endpoint is given (system property or environment
 * variable {@code quarkus.otel.exporter.otlp[.traces].endpoint}), the OpenTelemetry SDK is disabled,
 * so a node without a collector neither exports nor logs connection errors every few seconds. Spans
 * are still created through the API (no-op) and trace context still propagates.
 *
 * <p>Lowest-but-one ordinal: an explicit {@code quarkus.otel.sdk.disabled} anywhere wins.
 */
public final class OtlpExportDefaults implements ConfigSource {

    static final String SDK_DISABLED = "quarkus.otel.sdk.disabled";
    private static final String[] ENDPOINT_KEYS = {
        "quarkus.otel.exporter.otlp.endpoint", "quarkus.otel.exporter.otlp.traces.endpoint"};

    private final Function<String, String> systemProperties;
    private final Function<String, String> environment;

    public OtlpExportDefaults() {
        this(System::getProperty, System::getenv);
    }

    OtlpExportDefaults(Function<String, String> systemProperties, Function<String, String> environment) {
        this.systemProperties = systemProperties;
        this.environment = environment;
    }

    boolean endpointConfigured() {
        for (String key : ENDPOINT_KEYS) {
            String env = key.toUpperCase(Locale.ROOT).replace('.', '_');
            if (notBlank(systemProperties.apply(key)) || notBlank(environment.apply(env))) {
                return true;
            }
        }
        return false;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(SDK_DISABLED, Boolean.toString(!endpointConfigured()));
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(SDK_DISABLED);
    }

    @Override
    public String getValue(String propertyName) {
        return SDK_DISABLED.equals(propertyName) ? Boolean.toString(!endpointConfigured()) : null;
    }

    @Override
    public String getName() {
        return "lockstep-otlp-export-defaults";
    }

    @Override
    public int getOrdinal() {
        return 50;
    }
}
