package io.lockstep.c2.trace;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Lets Quarkus' own switch turn export on as well: when {@code quarkus.otel.exporter.otlp.endpoint} is
 * given explicitly (system property, or environment variable {@code QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT}),
 * {@code lockstep.c2.otlp.endpoint} follows it, so the discarding exporter steps aside. The documented
 * switch, {@code LOCKSTEP_OTLP_ENDPOINT}, sets both in application.properties.
 *
 * <p>Ordinal 275: above application.properties (250), whose {@code lockstep.c2.otlp.endpoint} defaults to
 * "off", and below environment variables (300) and system properties (400), so an explicit
 * {@code lockstep.c2.otlp.endpoint} still wins.
 */
public final class OtlpEndpointAlias implements ConfigSource {

    static final String LOCKSTEP_ENDPOINT = "lockstep.c2.otlp.endpoint";
    static final String QUARKUS_ENDPOINT = "quarkus.otel.exporter.otlp.endpoint";
    private static final String QUARKUS_ENDPOINT_ENV = "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT";

    private final Function<String, String> systemProperties;
    private final Function<String, String> environment;

    public OtlpEndpointAlias() {
        this(System::getProperty, System::getenv);
    }

    OtlpEndpointAlias(Function<String, String> systemProperties, Function<String, String> environment) {
        this.systemProperties = systemProperties;
        this.environment = environment;
    }

    private String explicitQuarkusEndpoint() {
        String property = systemProperties.apply(QUARKUS_ENDPOINT);
        if (property != null && !property.isBlank()) {
            return property.strip();
        }
        String env = environment.apply(QUARKUS_ENDPOINT_ENV);
        return env != null && !env.isBlank() ? env.strip() : null;
    }

    @Override
    public Map<String, String> getProperties() {
        String endpoint = explicitQuarkusEndpoint();
        return endpoint == null ? Map.of() : Map.of(LOCKSTEP_ENDPOINT, endpoint);
    }

    @Override
    public Set<String> getPropertyNames() {
        return getProperties().keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return LOCKSTEP_ENDPOINT.equals(propertyName) ? explicitQuarkusEndpoint() : null;
    }

    @Override
    public String getName() {
        return "lockstep-otlp-endpoint-alias";
    }

    @Override
    public int getOrdinal() {
        return 275;
    }
}
