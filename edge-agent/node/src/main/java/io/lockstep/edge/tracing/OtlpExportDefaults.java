package io.lockstep.edge.tracing;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Makes OTLP export opt-in, with the same switch as C2: the environment variable
 * {@value #LOCKSTEP_ENDPOINT_ENV} names the collector. Quarkus' own
 * {@code quarkus.otel.exporter.otlp[.traces].endpoint} (system property or environment variable) works
 * too. Without any of them the OpenTelemetry SDK is disabled, so a node without a collector neither
 * exports nor logs connection errors every few seconds; spans are still created through the API (no-op)
 * and trace context still propagates.
 *
 * <p>Lowest-but-one ordinal: an explicit {@code quarkus.otel.sdk.disabled} or
 * {@code quarkus.otel.exporter.otlp.endpoint} anywhere wins over what this source derives.
 */
public final class OtlpExportDefaults implements ConfigSource {

    static final String SDK_DISABLED = "quarkus.otel.sdk.disabled";
    static final String OTLP_ENDPOINT = "quarkus.otel.exporter.otlp.endpoint";
    /** The one documented switch, shared with C2. */
    static final String LOCKSTEP_ENDPOINT_ENV = "LOCKSTEP_OTLP_ENDPOINT";
    private static final String[] QUARKUS_ENDPOINT_KEYS = {OTLP_ENDPOINT, "quarkus.otel.exporter.otlp.traces.endpoint"};

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
        if (notBlank(environment.apply(LOCKSTEP_ENDPOINT_ENV))) {
            return true;
        }
        for (String key : QUARKUS_ENDPOINT_KEYS) {
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
        Map<String, String> properties = new HashMap<>();
        properties.put(SDK_DISABLED, Boolean.toString(!endpointConfigured()));
        String lockstepEndpoint = environment.apply(LOCKSTEP_ENDPOINT_ENV);
        if (notBlank(lockstepEndpoint)) {
            properties.put(OTLP_ENDPOINT, lockstepEndpoint.strip());
        }
        return Map.copyOf(properties);
    }

    @Override
    public Set<String> getPropertyNames() {
        return getProperties().keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return getProperties().get(propertyName);
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
