package io.lockstep.cli.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lockstep.cli.fleet.LockstepHome;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * deploy/compose/compose.yaml hangs together (no compose binary is available from our registries, so this is
 * a structural check): dependencies and addresses name its own services, the files it mounts exist, Redis gets
 * the AOF configuration, and the collector's back ends are the Jaeger and Prometheus services it runs.
 */
class ComposeFileTest {

    private static final Path COMPOSE = LockstepHome.detect().root().resolve("deploy/compose");

    @Test
    void servicesAddressesAndMountedFilesAgree() throws IOException {
        JsonNode compose = ChartTemplates.YAML.readTree(COMPOSE.resolve("compose.yaml").toFile());
        JsonNode services = compose.path("services");
        assertTrue(services.has("c2") && services.has("redis") && services.has("otel-collector"), services.toString());

        services.fields().forEachRemaining(s -> {
            JsonNode depends = s.getValue().path("depends_on");
            (depends.isArray() ? iterate(depends) : iterateNames(depends)).forEach(d ->
                    assertTrue(services.has(d), s.getKey() + " depends on unknown service " + d));
            for (JsonNode volume : s.getValue().path("volumes")) {
                String source = volume.asText().split(":")[0];
                if (source.startsWith(".")) {
                    Path file = COMPOSE.resolve(source).normalize();
                    // keys/ is the operator's (the secrets); everything else ships with the repository.
                    assertTrue(Files.exists(file) || source.equals("./keys"), s.getKey() + " mounts missing " + file);
                } else {
                    assertTrue(compose.path("volumes").has(source), s.getKey() + " uses undeclared volume " + source);
                }
            }
            assertTrue(s.getValue().has("image"), s.getKey() + " image");
        });
        assertTrue(Files.exists(COMPOSE.resolve("c2.env.example")), "the env file's template");

        JsonNode c2 = services.path("c2").path("environment");
        assertEquals("redis", URI.create(c2.path("QUARKUS_REDIS_HOSTS").asText()).getHost());
        URI otlp = URI.create(c2.path("LOCKSTEP_OTLP_ENDPOINT").asText());
        assertEquals("otel-collector", otlp.getHost());
        assertEquals(4317, otlp.getPort());
        assertTrue(services.path("redis").path("command").toString().contains("lockstep-redis.conf"));

        JsonNode collector = services.path("otel-collector");
        assertTrue(collector.path("volumes").get(0).asText().startsWith("../../observability/otel-collector.yaml:"));
        assertEquals("jaeger", collector.at("/environment/TRACES_OTLP_ENDPOINT").asText().split(":")[0]);
        assertEquals("prometheus", URI.create(collector.at("/environment/PROMETHEUS_REMOTE_WRITE").asText()).getHost());
        assertTrue(services.path("prometheus").path("command").toString().contains("--web.enable-remote-write-receiver"),
                "Prometheus accepts the collector's remote write");

        JsonNode prometheus = ChartTemplates.YAML.readTree(COMPOSE.resolve("prometheus.yml").toFile());
        JsonNode c2Job = prometheus.at("/scrape_configs/0");
        assertEquals("/q/metrics", c2Job.path("metrics_path").asText());
        assertEquals("c2:8080", c2Job.at("/static_configs/0/targets/0").asText());
        assertEquals(List.of("8080:8080", "9000:9000"), iterate(services.path("c2").path("ports")),
                "REST and the link are published");
    }

    private static List<String> iterate(JsonNode array) {
        List<String> names = new java.util.ArrayList<>();
        array.forEach(n -> names.add(n.asText()));
        return names;
    }

    private static List<String> iterateNames(JsonNode object) {
        List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
