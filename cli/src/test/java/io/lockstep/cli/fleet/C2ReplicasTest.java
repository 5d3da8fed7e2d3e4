package io.lockstep.cli.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lockstep.agents.ExampleAgents;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three C2 replicas (real processes from the packaged jar) on one real Redis, three real node processes
 * spread over them (each node lists all three replicas, starting with a different one). A mission is
 * dispatched through one replica, so two of the three assignments reach their nodes through another
 * replica's link. Mid-mission the replica holding one node's link is killed with SIGKILL: that node fails
 * over to the next replica, the mission completes, and every node's status history is free of duplicates and
 * gaps in order (status versions strictly increasing, one completion per node).
 */
class C2ReplicasTest {
    private static final Duration START = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path out;

    private RedisServerProcess redis;
    private final List<C2Process> replicas = new ArrayList<>();
    private final List<EdgeNodeProcess> nodes = new ArrayList<>();

    @AfterEach
    void stopAll() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
        for (C2Process replica : replicas) {
            replica.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void aMissionSurvivesTheSigkillOfTheReplicaHoldingANodesLink() throws Exception {
        LockstepHome home = LockstepHome.detect();
        redis = new RedisServerProcess(out.resolve("redis"));
        redis.start();
        FleetSigningKey signing = FleetSigningKey.create(out.resolve("pki"));
        Path shared = out.resolve("c2-shared").toAbsolutePath();
        List<String> c2Properties = new ArrayList<>(signing.c2Properties());
        // About the link, not simulation first (see FleetEndToEndTest); short leases so a dead replica's claims
        // expire within the test.
        c2Properties.addAll(List.of("-Dlockstep.c2.approval.enabled=false",
                "-Dlockstep.c2.replicas.link-lease=6s", "-Dlockstep.c2.replicas.command-sweep=500ms"));
        for (int i = 1; i <= 3; i++) {
            C2Process replica = C2Process.replica(home, redis.uri(), c2Properties, shared,
                    replicas.isEmpty() ? null : replicas.get(0), "c2-" + i, out.resolve("logs").resolve("c2-" + i + ".log"));
            replicas.add(replica);
            replica.start(START);
            // The first login makes the shared token key before the next replica starts.
            replica.api().nodes();
        }

        io.lockstep.platform.geometry.Vec2 base = io.lockstep.platform.sim.WorldFile.load(home.demoWorld()).base();
        List<Integer> meshPorts = List.of(FreePort.pick(), FreePort.pick(), FreePort.pick());
        for (int i = 0; i < 3; i++) {
            List<String> targets = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                targets.add("127.0.0.1:" + replicas.get((i + k) % 3).grpcPort());
            }
            List<String> properties = new ArrayList<>(MeshEndpoints.nodeProperties(meshPorts, i));
            properties.addAll(signing.nodeProperties());
            properties.add("-Dlockstep.node.c2.targets=" + String.join(",", targets));
            EdgeNodeProcess node = new EdgeNodeProcess(home, FleetSpec.nodeId(i), replicas.get(i).grpcPort(),
                    home.demoWorld(), base.x() + 3.0 * i, base.y(), properties, out);
            nodes.add(node);
            node.start();
        }
        for (EdgeNodeProcess node : nodes) {
            node.awaitReady(START);
        }
        for (C2Process replica : replicas) {
            await(replica.process().name() + " holds one node's link", () -> connectedNodes(replica) == 1, START);
        }

        C2Api viaFirst = replicas.get(0).api();
        List<String> nodeIds = nodes.stream().map(EdgeNodeProcess::id).toList();
        // Long enough (about 15 s of ticks at 20 ms) to kill a replica in the middle.
        String missionId = viaFirst.createMission(FleetEndToEndTest.helloMission(
                viaFirst.uploadModule(ExampleAgents.bytes("hello")), 750));
        viaFirst.dispatch(missionId, nodeIds);
        await("every share running", () -> {
            JsonNode shares = viaFirst.mission(missionId).path("nodes");
            int running = 0;
            for (JsonNode share : shares) {
                running += "RUNNING".equals(share.path("state").asText()) ? 1 : 0;
            }
            return running == 3;
        }, START);

        C2Process victim = replicas.get(1);
        victim.process().kill();
        assertTrue(!victim.process().isAlive(), "the replica was killed");
        String movedNode = nodes.get(1).id();
        await(movedNode + " linked through a surviving replica", () -> {
            for (JsonNode node : viaFirst.nodes()) {
                if (movedNode.equals(node.path("nodeId").asText())) {
                    return "CONNECTED".equals(node.path("linkState").asText())
                            && connectedNodes(replicas.get(0)) + connectedNodes(replicas.get(2)) == 3;
                }
            }
            return false;
        }, START);

        JsonNode done = FleetEndToEndTest.awaitTerminal(replicas.get(2).api(), missionId, Duration.ofSeconds(120));
        assertEquals("MISSION_COMPLETED", done.path("state").asText(), done.toPrettyString());
        for (JsonNode share : done.path("nodes")) {
            assertEquals("COMPLETED", share.path("state").asText(), share.toString());
        }

        Map<String, List<JsonNode>> byNode = nodeHistory(viaFirst, missionId);
        for (String nodeId : nodeIds) {
            List<JsonNode> entries = byNode.getOrDefault(nodeId, List.of());
            long previous = 0;
            int completions = 0;
            for (JsonNode entry : entries) {
                long version = entry.path("statusVersion").asLong();
                assertTrue(version > previous, nodeId + ": status versions must strictly increase (no duplicate,"
                        + " no reordering): " + entries);
                previous = version;
                completions += "COMPLETED".equals(entry.path("state").asText()) ? 1 : 0;
            }
            assertEquals(1, completions, nodeId + " completed exactly once: " + entries);
            assertEquals("COMPLETED", entries.get(entries.size() - 1).path("state").asText(), entries.toString());
            assertTrue(entries.stream().anyMatch(e -> "RUNNING".equals(e.path("state").asText())),
                    nodeId + " reported RUNNING before completing (nothing lost): " + entries);
        }
    }

    /** The node-reported transitions of the mission's history, per node, oldest first. */
    private static Map<String, List<JsonNode>> nodeHistory(C2Api c2, String missionId) {
        Map<String, List<JsonNode>> byNode = new HashMap<>();
        String after = null;
        do {
            JsonNode page = c2.history(missionId, after);
            for (JsonNode entry : page.path("entries")) {
                if ("node".equals(entry.path("source").asText())) {
                    byNode.computeIfAbsent(entry.path("nodeId").asText(), id -> new ArrayList<>()).add(entry);
                }
            }
            after = page.path("next").isTextual() ? page.path("next").asText() : null;
        } while (after != null);
        return byNode;
    }

    /** How many node links the replica itself holds (its edge-link readiness check). */
    private static int connectedNodes(C2Process replica) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + replica.httpPort() + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (JsonNode check : JSON.readTree(response.body()).path("checks")) {
                if ("edge-link".equals(check.path("name").asText())) {
                    return check.path("data").path("connectedNodes").asInt();
                }
            }
            return -1;
        } catch (Exception e) {
            return -1;
        }
    }

    private static void await(String what, BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            ManagedProcess.sleep(100);
        }
    }
}
