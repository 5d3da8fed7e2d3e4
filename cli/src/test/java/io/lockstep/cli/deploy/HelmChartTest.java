package io.lockstep.cli.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lockstep.cli.fleet.LockstepHome;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A schema check of the Helm chart (deploy/helm/lockstep-c2): no helm or kubeconform binary is available
 * from our registries, so the chart's values are substituted into its templates ({@link ChartTemplates}) and
 * every rendered manifest is checked against the shapes of the Kubernetes objects it uses: apiVersion/kind,
 * names, selectors matching pod labels, probes and Service target ports naming container ports, every Secret,
 * ConfigMap and claim a pod refers to rendered, and the addresses C2 is given naming rendered Services.
 */
class HelmChartTest {

    private static final Path ROOT = LockstepHome.detect().root();
    private static final Path CHART = ROOT.resolve("deploy/helm/lockstep-c2");
    private static final Set<String> KINDS = Set.of("v1/Service", "v1/ConfigMap", "v1/Secret",
            "v1/PersistentVolumeClaim", "apps/v1/Deployment", "apps/v1/StatefulSet");

    private static Map<String, Object> secrets() {
        Map<String, Object> values = new HashMap<>();
        for (String key : List.of("missionSigningKeyBase64", "tokenSigningKeyBase64", "linkKeyStoreBase64",
                "fleetCaTrustStoreBase64", "keyStorePasswordBase64", "usersFileBase64")) {
            values.put("secrets." + key, Base64.getEncoder().encodeToString(key.getBytes()));
        }
        return values;
    }

    private static List<JsonNode> render(Map<String, Object> overrides) {
        Map<String, Object> all = new HashMap<>(secrets());
        all.putAll(overrides);
        List<JsonNode> manifests = new ChartTemplates(CHART, all).render("fleet");
        manifests.forEach(HelmChartTest::checkShape);
        checkReferences(manifests);
        return manifests;
    }

    @Test
    void theDefaultChartRendersC2ReplicasBundledRedisAndTheCollector() {
        List<JsonNode> manifests = render(Map.of("c2.replicas", 5));

        JsonNode c2 = find(manifests, "Deployment", "fleet-c2").orElseThrow();
        assertEquals(5, c2.path("spec").path("replicas").asInt());
        JsonNode container = c2.at("/spec/template/spec/containers/0");
        assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText());
        assertEquals("/q/health/live", container.at("/livenessProbe/httpGet/path").asText());

        Map<String, String> env = env(container);
        // The Redis and collector addresses name Services the chart renders, on the right ports.
        assertServicePort(manifests, env.get("QUARKUS_REDIS_HOSTS"), 6379);
        assertServicePort(manifests, env.get("LOCKSTEP_OTLP_ENDPOINT"), 4317);
        assertTrue(find(manifests, "StatefulSet", "lockstep-redis").isPresent(), "bundled Redis");
        String redisConf = find(manifests, "ConfigMap", "lockstep-redis-config").orElseThrow()
                .at("/data/lockstep-redis.conf").asText();
        assertTrue(redisConf.contains("appendonly yes") && redisConf.contains("appendfsync everysec")
                && redisConf.contains("maxmemory-policy noeviction"), "AOF per docs/c2.md: " + redisConf);

        // Every key and store file C2 is pointed at is a key of the mounted Secret.
        JsonNode keys = find(manifests, "Secret", "fleet-keys").orElseThrow();
        for (String setting : List.of("LOCKSTEP_C2_SIGNING_KEY_FILE", "LOCKSTEP_C2_AUTH_SIGNING_KEY",
                "LOCKSTEP_C2_AUTH_USERS_FILE", "QUARKUS_GRPC_SERVER_SSL_KEY_STORE", "QUARKUS_GRPC_SERVER_SSL_TRUST_STORE")) {
            String file = env.get(setting);
            assertTrue(file.startsWith("/etc/lockstep/keys/"), setting + "=" + file);
            assertTrue(keys.path("data").has(file.substring("/etc/lockstep/keys/".length())), setting + "=" + file);
        }
        for (Iterator<String> it = keys.path("data").fieldNames(); it.hasNext(); ) {
            String key = it.next();
            Base64.getDecoder().decode(keys.path("data").path(key).asText()); // Secret data is base64
        }

        JsonNode collector = find(manifests, "ConfigMap", "fleet-otel-collector").orElseThrow();
        assertNotNull(collector.at("/data/otel-collector.yaml").asText(null));
    }

    @Test
    void withAnExternalRedisNoRedisIsRenderedAndC2IsPointedAtIt() {
        List<JsonNode> manifests = render(Map.of("redis.bundled", false, "redis.hosts", "rediss://redis.prod:6380"));
        assertFalse(manifests.stream().anyMatch(m -> m.path("metadata").path("name").asText().contains("redis")),
                "no Redis objects");
        JsonNode c2 = find(manifests, "Deployment", "fleet-c2").orElseThrow();
        assertEquals("rediss://redis.prod:6380", env(c2.at("/spec/template/spec/containers/0")).get("QUARKUS_REDIS_HOSTS"));
    }

    @Test
    void aRedisClusterIsPassedToC2AsAClusterClientWithItsMasters() {
        String masters = "redis://r1:6379,redis://r2:6379,redis://r3:6379";
        Map<String, String> standalone = env(find(render(Map.of()), "Deployment", "fleet-c2").orElseThrow()
                .at("/spec/template/spec/containers/0"));
        assertEquals("standalone", standalone.get("QUARKUS_REDIS_CLIENT_TYPE"));
        List<JsonNode> manifests = render(Map.of("redis.bundled", false, "redis.clientType", "cluster",
                "redis.hosts", masters));
        Map<String, String> env = env(find(manifests, "Deployment", "fleet-c2").orElseThrow()
                .at("/spec/template/spec/containers/0"));
        assertEquals("cluster", env.get("QUARKUS_REDIS_CLIENT_TYPE"));
        assertEquals(masters, env.get("QUARKUS_REDIS_HOSTS"));
        assertEquals("single-node", env.get("QUARKUS_REDIS_CLUSTER_TRANSACTIONS"));
    }

    @Test
    void theChartShipsTheSameCollectorAndRedisConfigurationAsTheRepository() throws IOException {
        assertEquals(Files.readString(ROOT.resolve("observability/otel-collector.yaml")),
                Files.readString(CHART.resolve("files/otel-collector.yaml")),
                "deploy/helm/lockstep-c2/files/otel-collector.yaml is a copy of observability/otel-collector.yaml");
        assertEquals(Files.readString(ROOT.resolve("deploy/redis/lockstep-redis.conf")),
                Files.readString(CHART.resolve("files/lockstep-redis.conf")),
                "deploy/helm/lockstep-c2/files/lockstep-redis.conf is a copy of deploy/redis/lockstep-redis.conf");
    }

    @Test
    void aTemplateWithSyntaxTheCheckDoesNotUnderstandFailsTheCheck(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        Files.createDirectories(dir.resolve("templates"));
        Files.writeString(dir.resolve("values.yaml"), "a: 1\n");
        Files.writeString(dir.resolve("templates/x.yaml"), "kind: {{ include \"x\" . }}\n");
        AssertionError e = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> new ChartTemplates(dir, Map.of()).render("r"));
        assertTrue(e.getMessage().contains("beyond the chart's four forms"), e.getMessage());
        Files.writeString(dir.resolve("templates/x.yaml"), "kind: {{ .Values.b }}\n");
        e = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> new ChartTemplates(dir, Map.of()).render("r"));
        assertTrue(e.getMessage().contains("does not define"), e.getMessage());
    }

    @Test
    void theChecksCatchABrokenReferenceInARenderedChart() {
        List<JsonNode> manifests = render(Map.of());
        // A Service whose target port no container names.
        List<JsonNode> badPort = copy(manifests);
        ((com.fasterxml.jackson.databind.node.ObjectNode) find(badPort, "Service", "fleet-c2").orElseThrow()
                .at("/spec/ports/0")).put("targetPort", "htp");
        org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> checkReferences(badPort));
        // A pod mounting a Secret the chart does not render.
        List<JsonNode> noSecret = copy(manifests);
        noSecret.removeIf(m -> m.path("kind").asText().equals("Secret"));
        org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> checkReferences(noSecret));
        // A selector that does not match the pod labels.
        List<JsonNode> badSelector = copy(manifests);
        JsonNode c2 = find(badSelector, "Deployment", "fleet-c2").orElseThrow();
        ((com.fasterxml.jackson.databind.node.ObjectNode) c2.at("/spec/selector/matchLabels"))
                .put("app.kubernetes.io/name", "other");
        org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> checkShape(c2));
    }

    private static List<JsonNode> copy(List<JsonNode> manifests) {
        List<JsonNode> out = new ArrayList<>();
        manifests.forEach(m -> out.add(m.deepCopy()));
        return out;
    }

    // ---- the checks ----

    /** apiVersion/kind the chart may use, a DNS-1123 name, and the fields each kind needs. */
    static void checkShape(JsonNode m) {
        String kind = m.path("apiVersion").asText() + "/" + m.path("kind").asText();
        assertTrue(KINDS.contains(kind), "unexpected apiVersion/kind " + kind);
        String name = m.path("metadata").path("name").asText();
        assertTrue(name.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?") && name.length() <= 63, kind + " name " + name);
        switch (m.path("kind").asText()) {
            case "Deployment", "StatefulSet" -> {
                JsonNode spec = m.path("spec");
                assertTrue(spec.path("replicas").isInt() && spec.path("replicas").asInt() >= 1, name + " replicas");
                JsonNode selector = spec.path("selector").path("matchLabels");
                JsonNode labels = spec.path("template").path("metadata").path("labels");
                assertTrue(selector.size() > 0, name + " selector");
                selector.fields().forEachRemaining(e -> assertEquals(e.getValue().asText(), labels.path(e.getKey()).asText(),
                        name + ": selector " + e.getKey() + " matches the pod labels"));
                JsonNode pod = spec.path("template").path("spec");
                Set<String> volumes = new HashSet<>();
                pod.path("volumes").forEach(v -> volumes.add(v.path("name").asText()));
                if (m.path("kind").asText().equals("StatefulSet")) {
                    spec.path("volumeClaimTemplates").forEach(v -> volumes.add(v.path("metadata").path("name").asText()));
                }
                assertTrue(pod.path("containers").size() > 0, name + " containers");
                for (JsonNode c : pod.path("containers")) {
                    assertFalse(c.path("name").asText().isEmpty(), name + " container name");
                    assertFalse(c.path("image").asText().isEmpty(), name + " image");
                    Set<String> ports = new HashSet<>();
                    for (JsonNode p : c.path("ports")) {
                        assertTrue(p.path("containerPort").isInt(), name + " containerPort " + p);
                        ports.add(p.path("name").asText());
                        ports.add(p.path("containerPort").asText());
                    }
                    for (String probe : List.of("readinessProbe", "livenessProbe")) {
                        JsonNode pr = c.path(probe);
                        assertFalse(pr.isMissingNode(), name + "/" + c.path("name").asText() + " has a " + probe);
                        JsonNode port = pr.path("httpGet").path("port").isMissingNode() ? pr.path("tcpSocket").path("port")
                                : pr.path("httpGet").path("port");
                        if (!port.isMissingNode()) {
                            assertTrue(ports.contains(port.asText()), name + " " + probe + " port " + port + " in " + ports);
                        } else {
                            assertTrue(pr.path("exec").path("command").isArray(), name + " " + probe + " kind");
                        }
                    }
                    for (JsonNode mount : c.path("volumeMounts")) {
                        assertTrue(volumes.contains(mount.path("name").asText()), name + " mounts " + mount);
                        assertTrue(mount.path("mountPath").asText().startsWith("/"), name + " mountPath " + mount);
                    }
                    for (JsonNode e : c.path("env")) {
                        assertTrue(e.path("name").asText().matches("[A-Z_][A-Z0-9_]*"), name + " env " + e);
                        assertTrue(e.path("value").isTextual() || e.has("valueFrom"),
                                name + " env values are strings: " + e);
                    }
                }
            }
            case "Service" -> {
                assertTrue(m.path("spec").path("selector").size() > 0, name + " selector");
                assertTrue(m.path("spec").path("ports").size() > 0, name + " ports");
                m.path("spec").path("ports").forEach(p -> assertTrue(p.path("port").isInt(), name + " port " + p));
            }
            case "Secret", "ConfigMap" -> assertTrue(m.path("data").size() > 0, name + " data");
            case "PersistentVolumeClaim" -> {
                assertTrue(m.path("spec").path("accessModes").size() > 0, name + " accessModes");
                assertFalse(m.at("/spec/resources/requests/storage").asText().isEmpty(), name + " storage");
            }
            default -> throw new AssertionError("unchecked kind " + kind);
        }
    }

    /** Pods refer only to rendered Secrets/ConfigMaps/claims; each Service selects a pod with its target ports. */
    static void checkReferences(List<JsonNode> manifests) {
        List<JsonNode> workloads = new ArrayList<>();
        manifests.stream().filter(m -> Set.of("Deployment", "StatefulSet").contains(m.path("kind").asText()))
                .forEach(workloads::add);
        for (JsonNode w : workloads) {
            JsonNode pod = w.at("/spec/template/spec");
            for (JsonNode v : pod.path("volumes")) {
                if (v.has("secret")) {
                    assertTrue(find(manifests, "Secret", v.at("/secret/secretName").asText()).isPresent(), "secret " + v);
                }
                if (v.has("configMap")) {
                    assertTrue(find(manifests, "ConfigMap", v.at("/configMap/name").asText()).isPresent(), "configMap " + v);
                }
                if (v.has("persistentVolumeClaim")) {
                    assertTrue(find(manifests, "PersistentVolumeClaim", v.at("/persistentVolumeClaim/claimName").asText())
                            .isPresent(), "claim " + v);
                }
            }
            for (JsonNode c : pod.path("containers")) {
                for (JsonNode e : c.path("env")) {
                    JsonNode ref = e.at("/valueFrom/secretKeyRef");
                    if (!ref.isMissingNode()) {
                        JsonNode secret = find(manifests, "Secret", ref.path("name").asText())
                                .orElseThrow(() -> new AssertionError("no Secret for " + e));
                        assertTrue(secret.path("data").has(ref.path("key").asText()), "Secret key of " + e);
                    }
                }
            }
            if (w.path("kind").asText().equals("StatefulSet")) {
                assertTrue(find(manifests, "Service", w.at("/spec/serviceName").asText()).isPresent(), "serviceName of "
                        + w.at("/metadata/name").asText());
            }
        }
        for (JsonNode s : manifests) {
            if (!s.path("kind").asText().equals("Service")) {
                continue;
            }
            JsonNode selector = s.at("/spec/selector");
            JsonNode target = workloads.stream().filter(w -> {
                JsonNode labels = w.at("/spec/template/metadata/labels");
                for (Iterator<Map.Entry<String, JsonNode>> it = selector.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!e.getValue().asText().equals(labels.path(e.getKey()).asText())) {
                        return false;
                    }
                }
                return true;
            }).findFirst().orElseThrow(() -> new AssertionError("Service " + s.at("/metadata/name").asText()
                    + " selects no pod"));
            Set<String> ports = new HashSet<>();
            target.at("/spec/template/spec/containers").forEach(c -> c.path("ports").forEach(p -> {
                ports.add(p.path("name").asText());
                ports.add(p.path("containerPort").asText());
            }));
            for (JsonNode p : s.at("/spec/ports")) {
                String targetPort = p.path("targetPort").isMissingNode() ? p.path("port").asText() : p.path("targetPort").asText();
                assertTrue(ports.contains(targetPort), "Service " + s.at("/metadata/name").asText() + " port " + p
                        + " targets a container port " + ports);
            }
        }
    }

    static Optional<JsonNode> find(List<JsonNode> manifests, String kind, String name) {
        return manifests.stream().filter(m -> m.path("kind").asText().equals(kind)
                && m.path("metadata").path("name").asText().equals(name)).findFirst();
    }

    static Map<String, String> env(JsonNode container) {
        Map<String, String> env = new HashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
        return env;
    }

    /** The URI's host is a rendered Service with a port of that number. */
    static void assertServicePort(List<JsonNode> manifests, String uri, int port) {
        URI parsed = URI.create(uri);
        assertEquals(port, parsed.getPort(), uri);
        JsonNode service = find(manifests, "Service", parsed.getHost())
                .orElseThrow(() -> new AssertionError(uri + " names no rendered Service"));
        boolean found = false;
        for (JsonNode p : service.at("/spec/ports")) {
            found |= p.path("port").asInt() == port;
        }
        assertTrue(found, uri + ": Service " + parsed.getHost() + " has port " + port);
    }
}
